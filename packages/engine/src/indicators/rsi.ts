import { assertPeriod, output } from './params';
import type { IncrementalIndicator } from './types';

/** Index of the first RSI value: `period` (one change per value after the first). */
export function rsiLookback(period: number): number {
  assertPeriod('period', period);
  return period;
}

/**
 * Relative strength index (Wilder), as TA-Lib computes it: the average gain and loss of the first `period`
 * changes are simple means, then `avg = (avg · (period − 1) + change) / period`;
 * `rsi = 100 · avgGain / (avgGain + avgLoss)`, and 0 when both averages are 0 (TA-Lib's choice).
 *
 * @throws RangeError when `period` is not a whole number ≥ 1.
 * @example
 * rsi(closes, 14); // NaN for the first 14 values, then 0 … 100
 */
export function rsi(values: ArrayLike<number>, period: number): Float64Array {
  const lookback = rsiLookback(period);
  const n = values.length;
  const out = output(n, lookback);
  if (n <= lookback) return out;
  let gain = 0;
  let loss = 0;
  let prev = values[0] as number;
  for (let i = 1; i <= period; i++) {
    const v = values[i] as number;
    const change = v - prev;
    prev = v;
    if (change < 0) loss -= change;
    else gain += change;
  }
  gain /= period;
  loss /= period;
  let total = gain + loss;
  out[period] = total === 0 ? 0 : (100 * gain) / total;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const v = values[i] as number;
    const change = v - prev;
    prev = v;
    gain *= keep;
    loss *= keep;
    if (change < 0) loss -= change;
    else gain += change;
    gain /= period;
    loss /= period;
    total = gain + loss;
    out[i] = total === 0 ? 0 : (100 * gain) / total;
  }
  return out;
}

/** Incremental {@link rsi}. */
export class Rsi implements IncrementalIndicator<number> {
  readonly period: number;
  readonly lookback: number;
  #prev = Number.NaN;
  #gain = 0;
  #loss = 0;
  #count = 0;
  #value = Number.NaN;

  constructor(period = 14) {
    this.lookback = rsiLookback(period);
    this.period = period;
  }

  update(value: number): number {
    const count = this.#count++;
    const change = value - this.#prev;
    this.#prev = value;
    if (count === 0) return this.#value;
    const period = this.period;
    if (count > period) {
      this.#gain *= period - 1;
      this.#loss *= period - 1;
    }
    if (change < 0) this.#loss -= change;
    else this.#gain += change;
    if (count >= period) {
      this.#gain /= period;
      this.#loss /= period;
      const total = this.#gain + this.#loss;
      this.#value = total === 0 ? 0 : (100 * this.#gain) / total;
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
