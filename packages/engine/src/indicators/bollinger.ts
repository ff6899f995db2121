import { assertNonNegative, assertPeriod, output } from './params';
import type { IncrementalIndicator } from './types';

/** The three Bollinger series, aligned with the input. */
export interface BbandsOutput {
  /** `middle + k · σ`. */
  upper: Float64Array;
  /** The simple moving average. */
  middle: Float64Array;
  /** `middle − k · σ`. */
  lower: Float64Array;
}

/** Index of the first Bollinger values: `period − 1`. */
export function bbandsLookback(period: number, k = 2): number {
  assertPeriod('period', period);
  assertNonNegative('k', k);
  return period - 1;
}

/**
 * Bollinger Bands: the SMA of the last `period` values ± `k` population standard deviations of the same
 * values (TA-Lib's BBANDS with an SMA and equal up and down deviations). The mean and the sum of squared
 * deviations slide in O(1) per value (Welford's update, which stays accurate at any price level).
 *
 * @throws RangeError when `period` is not a whole number ≥ 1 or `k` is negative.
 * @example
 * const { upper, middle, lower } = bbands(closes, 20, 2);
 */
export function bbands(values: ArrayLike<number>, period: number, k = 2): BbandsOutput {
  const lookback = bbandsLookback(period, k);
  const n = values.length;
  const upper = output(n, lookback);
  const middle = output(n, lookback);
  const lower = output(n, lookback);
  let mean = 0;
  let m2 = 0;
  const first = Math.min(n, period);
  for (let i = 0; i < first; i++) {
    const x = values[i] as number;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  if (n <= lookback) return { upper, middle, lower };
  let width = k * Math.sqrt(m2 > 0 ? m2 / period : 0);
  upper[lookback] = mean + width;
  middle[lookback] = mean;
  lower[lookback] = mean - width;
  for (let i = period; i < n; i++) {
    const x = values[i] as number;
    const old = values[i - period] as number;
    const previous = mean;
    mean += (x - old) / period;
    m2 += (x - old) * (x - mean + old - previous);
    width = k * Math.sqrt(m2 > 0 ? m2 / period : 0);
    upper[i] = mean + width;
    middle[i] = mean;
    lower[i] = mean - width;
  }
  return { upper, middle, lower };
}

/** Incremental {@link bbands}; {@link update} returns the middle band. */
export class Bbands implements IncrementalIndicator<number> {
  readonly period: number;
  readonly k: number;
  readonly lookback: number;
  readonly #window: Float64Array;
  #count = 0;
  #mean = 0;
  #m2 = 0;
  #width = Number.NaN;

  constructor(period = 20, k = 2) {
    this.lookback = bbandsLookback(period, k);
    this.period = period;
    this.k = k;
    this.#window = new Float64Array(period);
  }

  update(value: number): number {
    const period = this.period;
    const slot = this.#count % period;
    const count = ++this.#count;
    if (count <= period) {
      const delta = value - this.#mean;
      this.#mean += delta / count;
      this.#m2 += delta * (value - this.#mean);
    } else {
      const old = this.#window[slot] as number;
      const previous = this.#mean;
      this.#mean += (value - old) / period;
      this.#m2 += (value - old) * (value - this.#mean + old - previous);
    }
    this.#window[slot] = value;
    if (count >= period) this.#width = this.k * Math.sqrt(this.#m2 > 0 ? this.#m2 / period : 0);
    return this.value;
  }

  get value(): number {
    return this.#count >= this.period ? this.#mean : Number.NaN;
  }

  get upper(): number {
    return this.value + this.#width;
  }

  get lower(): number {
    return this.value - this.#width;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}
