import { assertPeriod, output } from './params';
import type { IncrementalIndicator } from './types';

/** How an EMA gets its first value. */
export type EmaSeed =
  /** TA-Lib's default: the simple average of the first `period` values; the first EMA is at index `period − 1`. */
  | 'sma'
  /** Metastock's and Achelis's: the first value itself; the EMA is defined from index 0. */
  | 'first';

/** Index of the first SMA value: `period − 1`. */
export function smaLookback(period: number): number {
  assertPeriod('period', period);
  return period - 1;
}

/**
 * Simple moving average: the mean of the last `period` values, NaN for the first `period − 1`.
 *
 * @throws RangeError when `period` is not a whole number ≥ 1.
 * @example
 * sma([1, 2, 3, 4], 2); // [NaN, 1.5, 2.5, 3.5]
 */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  const lookback = smaLookback(period);
  const n = values.length;
  const out = output(n, lookback);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i] as number;
    if (i >= lookback) {
      out[i] = sum / period;
      sum -= values[i - lookback] as number;
    }
  }
  return out;
}

/** Index of the first EMA value: `period − 1` when seeded with the SMA, 0 when seeded with the first value. */
export function emaLookback(period: number, seed: EmaSeed = 'sma'): number {
  assertPeriod('period', period);
  return seed === 'first' ? 0 : period - 1;
}

/**
 * Exponential moving average with `k = 2 / (period + 1)`: `ema = ema + k · (value − ema)`. Seeded as
 * TA-Lib does by default (`seed: 'sma'`, the mean of the first `period` values), or with the first
 * value (`seed: 'first'`, as in Achelis's book and Metastock).
 *
 * @throws RangeError when `period` is not a whole number ≥ 1.
 * @example
 * ema([2, 4, 6, 8], 3); // [NaN, NaN, 4, 6]
 */
export function ema(values: ArrayLike<number>, period: number, seed: EmaSeed = 'sma'): Float64Array {
  const lookback = emaLookback(period, seed);
  const n = values.length;
  const out = output(n, lookback);
  if (n <= lookback) return out;
  emaInto(values, 0, n, period, seed, out);
  return out;
}

/**
 * Writes the EMA of `values[from, to)` into `out[from + lookback, to)` (the shared kernel of EMA and
 * MACD). The caller guarantees `to − from > lookback`.
 * @internal
 */
export function emaInto(
  values: ArrayLike<number>,
  from: number,
  to: number,
  period: number,
  seed: EmaSeed,
  out: Float64Array,
): void {
  const k = 2 / (period + 1);
  let prev: number;
  let i: number;
  if (seed === 'first') {
    prev = values[from] as number;
    i = from + 1;
  } else {
    let sum = 0;
    for (i = from; i < from + period; i++) sum += values[i] as number;
    prev = sum / period;
  }
  out[i - 1] = prev;
  for (; i < to; i++) {
    prev = ((values[i] as number) - prev) * k + prev;
    out[i] = prev;
  }
}

/** Incremental {@link sma}: a ring buffer and a running sum. */
export class Sma implements IncrementalIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  readonly #window: Float64Array;
  #sum = 0;
  #count = 0;
  #value = Number.NaN;

  constructor(period = 20) {
    this.lookback = smaLookback(period);
    this.period = period;
    this.#window = new Float64Array(period);
  }

  update(value: number): number {
    const slot = this.#count % this.period;
    this.#sum += value;
    this.#window[slot] = value;
    this.#count++;
    if (this.#count >= this.period) {
      this.#value = this.#sum / this.period;
      // The oldest value of the window is the one the next update overwrites.
      this.#sum -= this.#window[this.#count % this.period] as number;
    }
    return this.#value;
  }

  get value(): number {
    return this.#value;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}

/** Incremental {@link ema}. */
export class Ema implements IncrementalIndicator<number> {
  readonly period: number;
  readonly seed: EmaSeed;
  readonly lookback: number;
  readonly #k: number;
  #sum = 0;
  #count = 0;
  #value = Number.NaN;

  constructor(period = 20, seed: EmaSeed = 'sma') {
    this.lookback = emaLookback(period, seed);
    this.period = period;
    this.seed = seed;
    this.#k = 2 / (period + 1);
  }

  update(value: number): number {
    this.#count++;
    if (this.#count > this.lookback + 1) {
      this.#value = (value - this.#value) * this.#k + this.#value;
    } else if (this.seed === 'first') {
      this.#value = value;
    } else {
      this.#sum += value;
      if (this.#count === this.period) this.#value = this.#sum / this.period;
    }
    return this.#value;
  }

  get value(): number {
    return this.#value;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}
