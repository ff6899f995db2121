import type { Candle } from '../market/types';
import { assertNonNegative, sameLength } from './params';
import type { IncrementalIndicator } from './types';

/** OBV has no warm-up: its first value is the first volume. */
export function obvLookback(): number {
  return 0;
}

/**
 * On-balance volume, as TA-Lib computes it: starts at the first bar's volume, then adds the volume of each
 * bar that closes higher than the previous one and subtracts it when lower (unchanged on an equal close).
 * Achelis starts at 0 instead: the two differ by the constant first volume.
 *
 * @throws RangeError when the series differ in length.
 * @example
 * obv([10, 11, 11, 9], [5, 7, 3, 4]); // [5, 12, 12, 8]
 */
export function obv(close: ArrayLike<number>, volume: ArrayLike<number>): Float64Array {
  const n = sameLength(close, volume);
  const out = new Float64Array(n);
  if (n === 0) return out;
  let total = volume[0] as number;
  let previous = close[0] as number;
  out[0] = total;
  for (let i = 1; i < n; i++) {
    const c = close[i] as number;
    if (c > previous) total += volume[i] as number;
    else if (c < previous) total -= volume[i] as number;
    previous = c;
    out[i] = total;
  }
  return out;
}

/** Incremental {@link obv}, fed candles. */
export class Obv implements IncrementalIndicator<Pick<Candle, 'close' | 'volume'>> {
  readonly lookback = 0;
  #previous = Number.NaN;
  #value = Number.NaN;

  update(bar: Pick<Candle, 'close' | 'volume'>): number {
    if (Number.isNaN(this.#value)) this.#value = bar.volume;
    else if (bar.close > this.#previous) this.#value += bar.volume;
    else if (bar.close < this.#previous) this.#value -= bar.volume;
    this.#previous = bar.close;
    return this.#value;
  }

  get value(): number {
    return this.#value;
  }

  get ready(): boolean {
    return !Number.isNaN(this.#value);
  }
}

/** Anchors VWAP to sessions: it restarts on the first bar of each `length`-ms period of `time`. */
export interface VwapSession {
  /** Bar open times, ms UTC, aligned with the prices. */
  time: ArrayLike<number>;
  /** Session length in ms, counted from the Unix epoch (UTC): `86_400_000` restarts at 00:00 UTC. */
  length: number;
}

/** VWAP has no warm-up. */
export function vwapLookback(): number {
  return 0;
}

/**
 * Volume-weighted average price of the typical price `(high + low + close) / 3`: cumulative from the first
 * bar, or restarted at each session when `session` is given. Until a session has traded any volume its
 * VWAP is the bar's typical price.
 *
 * @throws RangeError when the series differ in length or the session length is not positive.
 * @example
 * vwap(high, low, close, volume); // cumulative
 * vwap(high, low, close, volume, { time, length: 86_400_000 }); // restarts at 00:00 UTC
 */
export function vwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  session?: VwapSession,
): Float64Array {
  const n = sameLength(high, low, close, volume);
  const length = session ? checkSession(session.length) : 0;
  if (session) sameLength(high, session.time);
  const out = new Float64Array(n);
  let priceVolume = 0;
  let totalVolume = 0;
  let current = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (session) {
      const id = Math.floor((session.time[i] as number) / length);
      if (id !== current) {
        current = id;
        priceVolume = 0;
        totalVolume = 0;
      }
    }
    const typical = ((high[i] as number) + (low[i] as number) + (close[i] as number)) / 3;
    const v = volume[i] as number;
    priceVolume += typical * v;
    totalVolume += v;
    out[i] = totalVolume !== 0 ? priceVolume / totalVolume : typical;
  }
  return out;
}

function checkSession(length: number): number {
  assertNonNegative('session length', length);
  if (length === 0) throw new RangeError('session length must be > 0');
  return length;
}

/** Incremental {@link vwap}, fed candles; `sessionMs` 0 (the default) means cumulative. */
export class Vwap
  implements IncrementalIndicator<Pick<Candle, 'time' | 'high' | 'low' | 'close' | 'volume'>>
{
  readonly lookback = 0;
  readonly sessionMs: number;
  #priceVolume = 0;
  #volume = 0;
  #session = Number.NaN;
  #value = Number.NaN;

  constructor(sessionMs = 0) {
    if (sessionMs !== 0) checkSession(sessionMs);
    this.sessionMs = sessionMs;
  }

  update(bar: Pick<Candle, 'time' | 'high' | 'low' | 'close' | 'volume'>): number {
    if (this.sessionMs > 0) {
      const id = Math.floor(bar.time / this.sessionMs);
      if (id !== this.#session) {
        this.#session = id;
        this.#priceVolume = 0;
        this.#volume = 0;
      }
    }
    const typical = (bar.high + bar.low + bar.close) / 3;
    this.#priceVolume += typical * bar.volume;
    this.#volume += bar.volume;
    this.#value = this.#volume !== 0 ? this.#priceVolume / this.#volume : typical;
    return this.#value;
  }

  get value(): number {
    return this.#value;
  }

  get ready(): boolean {
    return !Number.isNaN(this.#value);
  }
}
