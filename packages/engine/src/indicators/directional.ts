import { assertPeriod, output, sameLength } from './params';
import { barRange } from './true-range';
import type { IncrementalIndicator, PriceBar } from './types';

/** The directional-movement series, aligned with the input. */
export interface AdxOutput {
  /** Average directional index, defined from {@link adxLookback}. */
  adx: Float64Array;
  /** +DI, defined from {@link diLookback}. */
  plusDi: Float64Array;
  /** −DI, defined from {@link diLookback}. */
  minusDi: Float64Array;
}

/** Index of the first ADX value: `2 · period − 1`. */
export function adxLookback(period: number): number {
  assertPeriod('period', period);
  return 2 * period - 1;
}

/** Index of the first +DI/−DI value: `period`. */
export function diLookback(period: number): number {
  assertPeriod('period', period);
  return period;
}

/**
 * The state Wilder's directional movement system carries from bar to bar, shared by {@link adx} and
 * {@link Adx} so that both do the same arithmetic in the same order (TA-Lib's ADX, PLUS_DI, MINUS_DI).
 */
class DirectionalState {
  readonly period: number;
  count = 0;
  highPrev = 0;
  lowPrev = 0;
  closePrev = 0;
  plusDm = 0;
  minusDm = 0;
  tr = 0;
  dxSum = 0;
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  adx = Number.NaN;

  constructor(period: number) {
    this.period = period;
  }

  update(high: number, low: number, close: number): void {
    const count = this.count++;
    const period = this.period;
    if (count > 0) {
      const up = high - this.highPrev;
      const down = this.lowPrev - low;
      const plus = up > 0 && up > down ? up : 0;
      const minus = down > 0 && down > up ? down : 0;
      const tr = barRange(high, low, this.closePrev);
      if (count < period) {
        // The first period − 1 movements are summed…
        this.plusDm += plus;
        this.minusDm += minus;
        this.tr += tr;
      } else {
        // …then smoothed: sum − sum / period + new.
        this.plusDm = this.plusDm - this.plusDm / period + plus;
        this.minusDm = this.minusDm - this.minusDm / period + minus;
        this.tr = this.tr - this.tr / period + tr;
        let dx = Number.NaN;
        if (this.tr !== 0) {
          this.plusDi = 100 * (this.plusDm / this.tr);
          this.minusDi = 100 * (this.minusDm / this.tr);
          const sum = this.plusDi + this.minusDi;
          if (sum !== 0) dx = 100 * (Math.abs(this.minusDi - this.plusDi) / sum);
        } else {
          this.plusDi = 0;
          this.minusDi = 0;
        }
        if (count < 2 * period) {
          // The first ADX is the mean of the first `period` DX values (an undefined DX counts as 0).
          if (!Number.isNaN(dx)) this.dxSum += dx;
          if (count === 2 * period - 1) this.adx = this.dxSum / period;
        } else if (!Number.isNaN(dx)) {
          // Then Wilder's smoothing; a bar without a DX leaves the ADX as it was (as TA-Lib does).
          this.adx = (this.adx * (period - 1) + dx) / period;
        }
      }
    }
    this.highPrev = high;
    this.lowPrev = low;
    this.closePrev = close;
  }
}

/**
 * Average directional index with +DI and −DI (Wilder), as TA-Lib computes them: directional movements and
 * true ranges summed over the first `period − 1` changes, then smoothed with `s − s / period + x`;
 * `±DI = 100 · ±DM / TR`; `DX = 100 · |+DI − −DI| / (+DI + −DI)`; the first ADX is the mean of `period`
 * DX values, then `adx = (adx · (period − 1) + dx) / period`.
 *
 * @throws RangeError when `period` is not a whole number ≥ 1 or the series differ in length.
 * @example
 * const { adx: strength, plusDi, minusDi } = adx(high, low, close, 14); // ADX from index 27, DI from 14
 */
export function adx(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): AdxOutput {
  const lookback = adxLookback(period);
  const n = sameLength(high, low, close);
  const out: AdxOutput = { adx: output(n, lookback), plusDi: output(n, period), minusDi: output(n, period) };
  const state = new DirectionalState(period);
  for (let i = 0; i < n; i++) {
    state.update(high[i] as number, low[i] as number, close[i] as number);
    if (i >= period) {
      out.plusDi[i] = state.plusDi;
      out.minusDi[i] = state.minusDi;
      if (i >= lookback) out.adx[i] = state.adx;
    }
  }
  return out;
}

/** Incremental {@link adx}, fed candles; {@link update} returns the ADX. */
export class Adx implements IncrementalIndicator<PriceBar> {
  readonly period: number;
  readonly lookback: number;
  readonly #state: DirectionalState;

  constructor(period = 14) {
    this.lookback = adxLookback(period);
    this.period = period;
    this.#state = new DirectionalState(period);
  }

  update(bar: PriceBar): number {
    this.#state.update(bar.high, bar.low, bar.close);
    return this.#state.adx;
  }

  get value(): number {
    return this.#state.adx;
  }

  /** +DI after the last update; NaN for the first `period` bars. */
  get plusDi(): number {
    return this.#state.count > this.period ? this.#state.plusDi : Number.NaN;
  }

  /** −DI after the last update; NaN for the first `period` bars. */
  get minusDi(): number {
    return this.#state.count > this.period ? this.#state.minusDi : Number.NaN;
  }

  get ready(): boolean {
    return this.#state.count > this.lookback;
  }
}
