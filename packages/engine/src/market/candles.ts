import { TIMEFRAME_MS, type Timeframe } from './timeframes';
import type { Candle } from './types';

/** A run of bars missing from a candle series. */
export interface CandleGap {
  /** Open time of the first missing bar (ms UTC). */
  from: number;
  /** Open time of the first bar after the gap (ms UTC): the gap is `[from, until)`. */
  until: number;
  /** How many bars are missing. */
  missing: number;
}

/**
 * Every run of missing bars in `candles` (oldest first, one bar per `timeframe` step). A gap is a bar that
 * the source does not have: an exchange outage, or an hour without a single trade. Replays report gaps
 * instead of filling them, because an invented bar is a price nobody traded at.
 *
 * @throws RangeError when the candles are out of order, duplicated, or not aligned to `timeframe`.
 * @example
 * findGaps([{ time: 0, … }, { time: 3 * 3_600_000, … }], '1h'); // [{ from: 3_600_000, until: 10_800_000, missing: 2 }]
 */
export function findGaps(candles: readonly Candle[], timeframe: Timeframe): CandleGap[] {
  const step = TIMEFRAME_MS[timeframe];
  const gaps: CandleGap[] = [];
  for (let i = 0; i < candles.length; i++) {
    const time = (candles[i] as Candle).time;
    if (time % step !== 0) throw new RangeError(`candle at ${iso(time)} is not aligned to ${timeframe}`);
    if (i === 0) continue;
    const previous = (candles[i - 1] as Candle).time;
    if (time <= previous) throw new RangeError(`candles out of order or duplicated at ${iso(time)}`);
    if (time - previous > step)
      gaps.push({ from: previous + step, until: time, missing: (time - previous) / step - 1 });
  }
  return gaps;
}

export interface ResampleOptions {
  /**
   * What to do with a bucket that lacks some of its bars (a gap in the input). `'keep'` aggregates the
   * bars it has, as an exchange would report a bar in which some intervals had no trades; `'drop'` leaves
   * the bucket out.
   * @default 'keep'
   */
  partial?: 'keep' | 'drop';
}

/**
 * Aggregates candles (oldest first) into longer bars of `timeframe`, aligned to UTC: open of the first,
 * highest high, lowest low, close of the last, summed volume. A bucket with no input bar produces no bar
 * (the gap stays visible). The input's bar length is taken from its smallest step.
 *
 * @throws RangeError when the input is out of order, or `timeframe` is not a whole multiple of its bar length.
 * @example
 * resampleCandles(hourly, '4h'); // 00:00–03:00 → one bar at 00:00, 04:00–07:00 → one at 04:00, …
 */
export function resampleCandles(
  candles: readonly Candle[],
  timeframe: Timeframe,
  options: ResampleOptions = {},
): Candle[] {
  const target = TIMEFRAME_MS[timeframe];
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < candles.length; i++) {
    const diff = (candles[i] as Candle).time - (candles[i - 1] as Candle).time;
    if (!(diff > 0))
      throw new RangeError(`candles out of order or duplicated at ${iso((candles[i] as Candle).time)}`);
    step = Math.min(step, diff);
  }
  if (Number.isFinite(step) && (target < step || target % step !== 0)) {
    throw new RangeError(`cannot resample ${step / 60_000}-minute bars into ${timeframe}`);
  }
  const expected = Number.isFinite(step) ? target / step : 1;
  const out: Candle[] = [];
  let bucket: Candle | undefined;
  let count = 0;
  const flush = () => {
    if (bucket && (options.partial !== 'drop' || count >= expected)) out.push(bucket);
  };
  for (const candle of candles) {
    const start = Math.floor(candle.time / target) * target;
    if (bucket && bucket.time === start) {
      if (candle.high > bucket.high) bucket.high = candle.high;
      if (candle.low < bucket.low) bucket.low = candle.low;
      bucket.close = candle.close;
      bucket.volume += candle.volume;
      count++;
    } else {
      flush();
      bucket = { ...candle, time: start };
      count = 1;
    }
  }
  flush();
  return out;
}

/** Index of the first candle whose open time is ≥ `time` (binary search; `candles` oldest first). */
export function firstCandleAtOrAfter(candles: readonly Candle[], time: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((candles[mid] as Candle).time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function iso(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString() : String(time);
}
