import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../market/timeframes';
import type { Candle } from '../market/types';

/** One timeframe's candles with their columns, prepared once and read by every agent. */
export interface Frame {
  timeframe: Timeframe;
  candles: readonly Candle[];
  close: Float64Array;
  high: Float64Array;
  low: Float64Array;
  volume: Float64Array;
  /** Close time of the last candle (ms UTC). */
  closeTime: number;
}

/** The frames of the timeframes that have candles, shortest first. */
export function framesOf(candles: Partial<Record<Timeframe, readonly Candle[]>>): Frame[] {
  const frames: Frame[] = [];
  for (const timeframe of TIMEFRAMES) {
    const series = candles[timeframe];
    if (!series || series.length === 0) continue;
    const n = series.length;
    const close = new Float64Array(n);
    const high = new Float64Array(n);
    const low = new Float64Array(n);
    const volume = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = series[i] as Candle;
      close[i] = c.close;
      high[i] = c.high;
      low[i] = c.low;
      volume[i] = c.volume;
    }
    const last = series[n - 1] as Candle;
    frames.push({
      timeframe,
      candles: series,
      close,
      high,
      low,
      volume,
      closeTime: last.time + TIMEFRAME_MS[timeframe],
    });
  }
  return frames;
}

/** `value` as evidence names a reading on a timeframe: `rsi:14 (4h)`. */
export const onTimeframe = (name: string, timeframe: Timeframe): string => `${name} (${timeframe})`;
