import { TIMEFRAME_MS, type Timeframe } from '../market/timeframes';
import type { Candle } from '../market/types';

/** Small numeric helpers the agents share. All pure; NaN in, NaN out. */

const YEAR_MS = 365 * 24 * 3_600_000;

/** `x` limited to `[lo, hi]`. */
export const clamp = (x: number, lo = -1, hi = 1): number => Math.min(Math.max(x, lo), hi);

/** `x` rounded to `digits` decimals, as evidence shows it (`-0` becomes `0`). */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** digits;
  const r = Math.round(x * factor) / factor;
  return r === 0 ? 0 : r;
}

/** The closes of `candles`. */
export function closesOf(candles: readonly Candle[]): Float64Array {
  const out = new Float64Array(candles.length);
  for (let i = 0; i < candles.length; i++) out[i] = (candles[i] as Candle).close;
  return out;
}

/** Mean of `values[from, to)`. */
export function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
}

/** Median of `values` (a copy is sorted). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Sample standard deviation of the log returns of the last `window + 1` closes. */
export function logReturnStdev(candles: readonly Candle[], window: number): number {
  const start = Math.max(1, candles.length - window);
  const n = candles.length - start;
  if (n < 2) return Number.NaN;
  let sum = 0;
  let sumSq = 0;
  for (let i = start; i < candles.length; i++) {
    const r = Math.log((candles[i] as Candle).close / (candles[i - 1] as Candle).close);
    sum += r;
    sumSq += r * r;
  }
  return sampleStdev(sum, sumSq, n);
}

/** Sample standard deviation of `n` values from their sum and sum of squares. */
export function sampleStdev(sum: number, sumSq: number, n: number): number {
  const m = sum / n;
  return Math.sqrt(Math.max(0, (sumSq - n * m * m) / (n - 1)));
}

/** Bars of `timeframe` in a 365-day year (crypto trades around the clock). */
export const barsPerYear = (timeframe: Timeframe): number => YEAR_MS / TIMEFRAME_MS[timeframe];

/**
 * Annualised realised volatility: the standard deviation of the last `window` log returns × √(bars per year).
 *
 * @example
 * realisedVolatility(hourly, '1h', 50); // 0.52 for 52 % a year
 */
export function realisedVolatility(candles: readonly Candle[], timeframe: Timeframe, window: number): number {
  return logReturnStdev(candles, window) * Math.sqrt(barsPerYear(timeframe));
}

/** Least-squares line through `values[length − n …]` against 0 … n−1. */
export interface Regression {
  /** Change per bar. */
  slope: number;
  /** Fitted value at the last bar. */
  last: number;
  /** Coefficient of determination, 0 … 1. */
  r2: number;
  /** Slope divided by its standard error (a t-statistic): how clearly the line rises or falls. */
  t: number;
}

/** Linear regression of the last `n` values on time. */
export function regression(values: ArrayLike<number>, n: number): Regression {
  return fitLine(values, n, { slope: 0, last: 0, r2: 0, t: 0 });
}

/** {@link regression} written into `out` (no allocation); returns `out`. */
export function fitLine(values: ArrayLike<number>, n: number, out: Regression): Regression {
  const start = values.length - n;
  const xm = (n - 1) / 2;
  const ym = mean(values, start, values.length);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - xm;
    const dy = (values[start + i] as number) - ym;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  const residual = Math.max(0, syy - slope * sxy);
  const se = Math.sqrt(residual / (n - 2) / sxx);
  const t = se === 0 ? (slope === 0 ? 0 : Math.sign(slope) * 1e6) : slope / se;
  out.slope = slope;
  out.last = ym + slope * xm;
  out.r2 = r2;
  out.t = t;
  return out;
}

/**
 * The bid–ask spread estimated from highs and lows (Corwin & Schultz, 2012), averaged over the last
 * `window` pairs of bars; negative estimates count as 0. A fraction of the price (0.001 = 0.1 %).
 */
export function highLowSpread(candles: readonly Candle[], window: number): number {
  const start = Math.max(1, candles.length - window);
  let sum = 0;
  let n = 0;
  for (let i = start; i < candles.length; i++) {
    const a = candles[i - 1] as Candle;
    const b = candles[i] as Candle;
    const spread = pairSpread(a.high, a.low, b.high, b.low);
    if (Number.isNaN(spread)) continue;
    sum += spread;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

const CS_K = 3 - 2 * Math.SQRT2;

/**
 * The Corwin–Schultz spread of one pair of bars (`a` then `b`), negative estimates as 0; NaN when a low
 * is not positive (the pair does not count). The term {@link highLowSpread} averages.
 */
export function pairSpread(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  if (!(aLow > 0 && bLow > 0)) return Number.NaN;
  const k = CS_K;
  const beta = Math.log(aHigh / aLow) ** 2 + Math.log(bHigh / bLow) ** 2;
  const gamma = Math.log(Math.max(aHigh, bHigh) / Math.min(aLow, bLow)) ** 2;
  const alpha = (Math.sqrt(2 * beta) - Math.sqrt(beta)) / k - Math.sqrt(gamma / k);
  const spread = (2 * (Math.exp(alpha) - 1)) / (1 + Math.exp(alpha));
  return Math.max(0, spread);
}
