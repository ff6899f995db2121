import { Sma } from './moving-averages';
import { assertPeriod, output, sameLength } from './params';
import { RollingExtreme } from './rolling-extremes';
import type { IncrementalIndicator, PriceBar } from './types';

/** Index of the first Williams %R value: `period − 1`. */
export function willrLookback(period: number): number {
  assertPeriod('period', period);
  return period - 1;
}

/**
 * Williams %R: `−100 · (highest high − close) / (highest high − lowest low)` over the last `period` bars,
 * from −100 (close at the low) to 0 (close at the high); 0 when the range is empty (TA-Lib's choice).
 *
 * @throws RangeError when `period` is not a whole number ≥ 1 or the series differ in length.
 * @example
 * willr(high, low, close, 14);
 */
export function willr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): Float64Array {
  const lookback = willrLookback(period);
  const n = sameLength(high, low, close);
  const out = output(n, lookback);
  const indicator = new Willr(period);
  for (let i = 0; i < n; i++) {
    const value = indicator.next(high[i] as number, low[i] as number, close[i] as number);
    if (i >= lookback) out[i] = value;
  }
  return out;
}

/** Incremental {@link willr}, fed candles; highest high and lowest low come from monotonic deques. */
export class Willr implements IncrementalIndicator<PriceBar> {
  readonly period: number;
  readonly lookback: number;
  readonly #highest: RollingExtreme;
  readonly #lowest: RollingExtreme;
  #count = 0;
  #value = Number.NaN;

  constructor(period = 14) {
    this.lookback = willrLookback(period);
    this.period = period;
    this.#highest = new RollingExtreme(period, 'max');
    this.#lowest = new RollingExtreme(period, 'min');
  }

  update(bar: PriceBar): number {
    return this.next(bar.high, bar.low, bar.close);
  }

  /** {@link update} with the prices as arguments. */
  next(high: number, low: number, close: number): number {
    const highest = this.#highest.push(high);
    const lowest = this.#lowest.push(low);
    if (this.#count++ >= this.lookback) {
      const range = highest - lowest;
      this.#value = range !== 0 ? (-100 * (highest - close)) / range : 0;
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

/** The slow stochastic's two series, aligned with the input. */
export interface StochOutput {
  /** Slow %K: the SMA over `kSmooth` bars of the fast %K. */
  k: Float64Array;
  /** %D: the SMA over `dPeriod` bars of the slow %K. */
  d: Float64Array;
}

/** Index of the first stochastic values: `(kPeriod − 1) + (kSmooth − 1) + (dPeriod − 1)`. */
export function stochLookback(kPeriod: number, kSmooth: number, dPeriod: number): number {
  assertPeriod('kPeriod', kPeriod);
  assertPeriod('kSmooth', kSmooth);
  assertPeriod('dPeriod', dPeriod);
  return kPeriod - 1 + kSmooth - 1 + dPeriod - 1;
}

/**
 * Slow stochastic oscillator (TA-Lib's STOCH with simple averages): fast %K =
 * `100 · (close − lowest low) / (highest high − lowest low)` over `kPeriod` bars (0 when the range is
 * empty), slow %K its SMA over `kSmooth`, %D the SMA of slow %K over `dPeriod`. Both outputs start at
 * {@link stochLookback}, as in TA-Lib. `kSmooth = 1` gives the fast stochastic.
 *
 * @throws RangeError when a period is not a whole number ≥ 1 or the series differ in length.
 * @example
 * const { k, d } = stoch(high, low, close, 14, 3, 3); // first values at index 17
 */
export function stoch(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  kPeriod: number,
  kSmooth: number,
  dPeriod: number,
): StochOutput {
  const lookback = stochLookback(kPeriod, kSmooth, dPeriod);
  const n = sameLength(high, low, close);
  const k = output(n, lookback);
  const d = output(n, lookback);
  const indicator = new Stoch(kPeriod, kSmooth, dPeriod);
  for (let i = 0; i < n; i++) {
    indicator.next(high[i] as number, low[i] as number, close[i] as number);
    if (i >= lookback) {
      k[i] = indicator.value;
      d[i] = indicator.d;
    }
  }
  return { k, d };
}

/** Incremental {@link stoch}, fed candles; {@link update} returns the slow %K. */
export class Stoch implements IncrementalIndicator<PriceBar> {
  readonly kPeriod: number;
  readonly kSmooth: number;
  readonly dPeriod: number;
  readonly lookback: number;
  readonly #highest: RollingExtreme;
  readonly #lowest: RollingExtreme;
  readonly #slowK: Sma;
  readonly #d: Sma;
  #count = 0;
  #k = Number.NaN;
  #dValue = Number.NaN;

  constructor(kPeriod = 14, kSmooth = 3, dPeriod = 3) {
    this.lookback = stochLookback(kPeriod, kSmooth, dPeriod);
    this.kPeriod = kPeriod;
    this.kSmooth = kSmooth;
    this.dPeriod = dPeriod;
    this.#highest = new RollingExtreme(kPeriod, 'max');
    this.#lowest = new RollingExtreme(kPeriod, 'min');
    this.#slowK = new Sma(kSmooth);
    this.#d = new Sma(dPeriod);
  }

  update(bar: PriceBar): number {
    return this.next(bar.high, bar.low, bar.close);
  }

  /** {@link update} with the prices as arguments. */
  next(high: number, low: number, close: number): number {
    const highest = this.#highest.push(high);
    const lowest = this.#lowest.push(low);
    const count = this.#count++;
    if (count >= this.kPeriod - 1) {
      const range = highest - lowest;
      const slowK = this.#slowK.update(range !== 0 ? (100 * (close - lowest)) / range : 0);
      if (this.#slowK.ready) {
        const d = this.#d.update(slowK);
        if (this.#d.ready) {
          this.#k = slowK;
          this.#dValue = d;
        }
      }
    }
    return this.#k;
  }

  get value(): number {
    return this.#k;
  }

  /** %D after the last update; NaN while warming up. */
  get d(): number {
    return this.#dValue;
  }

  get ready(): boolean {
    return this.#count > this.lookback;
  }
}
