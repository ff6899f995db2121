import { assertPeriod, output, sameLength } from './params';
import type { IncrementalIndicator, PriceBar } from './types';

/**
 * True range of each bar from the second on: `max(high, previous close) − min(low, previous close)`.
 * The first bar has no previous close: NaN (TA-Lib's TRANGE lookback of 1).
 *
 * @throws RangeError when the series differ in length.
 */
export function trueRange(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
): Float64Array {
  const n = sameLength(high, low, close);
  const out = output(n, 1);
  for (let i = 1; i < n; i++) out[i] = barRange(high[i] as number, low[i] as number, close[i - 1] as number);
  return out;
}

/** `max(high, previousClose) − min(low, previousClose)`. @internal */
export function barRange(high: number, low: number, previousClose: number): number {
  return Math.max(high, previousClose) - Math.min(low, previousClose);
}

/** Index of the first ATR value: `period`. */
export function atrLookback(period: number): number {
  assertPeriod('period', period);
  return period;
}

/**
 * Average true range (Wilder), as TA-Lib computes it: the first value, at index `period`, is the mean of
 * the true ranges of bars 1 … `period`; then `atr = (atr · (period − 1) + tr) / period`.
 *
 * @throws RangeError when `period` is not a whole number ≥ 1 or the series differ in length.
 * @example
 * atr(high, low, close, 14); // NaN for the first 14 bars
 */
export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): Float64Array {
  const lookback = atrLookback(period);
  const n = sameLength(high, low, close);
  const out = output(n, lookback);
  if (n <= lookback) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++)
    sum += barRange(high[i] as number, low[i] as number, close[i - 1] as number);
  let value = sum / period;
  out[period] = value;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    value = (value * keep + barRange(high[i] as number, low[i] as number, close[i - 1] as number)) / period;
    out[i] = value;
  }
  return out;
}

/** Incremental {@link atr}, fed candles. */
export class Atr implements IncrementalIndicator<PriceBar> {
  readonly period: number;
  readonly lookback: number;
  #previousClose = Number.NaN;
  #count = 0;
  #sum = 0;
  #value = Number.NaN;

  constructor(period = 14) {
    this.lookback = atrLookback(period);
    this.period = period;
  }

  update(bar: PriceBar): number {
    const count = this.#count++;
    const previousClose = this.#previousClose;
    this.#previousClose = bar.close;
    if (count === 0) return this.#value;
    const tr = barRange(bar.high, bar.low, previousClose);
    if (count > this.period) {
      this.#value = (this.#value * (this.period - 1) + tr) / this.period;
    } else {
      this.#sum += tr;
      if (count === this.period) this.#value = this.#sum / this.period;
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
