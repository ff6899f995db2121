/** The bar lengths SIGMAX understands, shortest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;

/** A bar length: `'1m'`, `'5m'`, `'15m'`, `'1h'`, `'4h'` or `'1d'`. */
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;

/**
 * The length of each timeframe in milliseconds.
 *
 * @example
 * TIMEFRAME_MS['4h']; // 14_400_000
 */
export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = Object.freeze({
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
});

/** True when `value` names a timeframe. */
export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/** The length of `timeframe` in milliseconds. */
export function timeframeMs(timeframe: Timeframe): number {
  return TIMEFRAME_MS[timeframe];
}

/**
 * The open time of the bar of `timeframe` that contains `time`. Bars are aligned to the Unix epoch in UTC,
 * as exchanges align them (a `'4h'` bar opens at 00:00, 04:00, … UTC; a `'1d'` bar at midnight UTC).
 *
 * @example
 * barOpenTime(Date.parse('2024-01-01T05:30:00Z'), '4h'); // Date.parse('2024-01-01T04:00:00Z')
 */
export function barOpenTime(time: number, timeframe: Timeframe): number {
  const ms = TIMEFRAME_MS[timeframe];
  return Math.floor(time / ms) * ms;
}
