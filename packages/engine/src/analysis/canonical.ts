import { createHash } from 'node:crypto';
import { TIMEFRAMES } from '../market/timeframes';
import type { Candle } from '../market/types';
import type { AnalysisInput } from './types';

/**
 * Canonical JSON of any JSON-like value: object keys sorted (by UTF-16 code unit), no whitespace,
 * `undefined` members left out, numbers in JavaScript's shortest round-trip form (`-0` as `0`). Two values
 * that mean the same give the same text, whatever order their keys were written in.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number')
      return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/**
 * The canonical form of an analysis input: {@link canonicalJson} of `{ symbol, market, candles, news,
 * capital, parameters }` with the candles as `[time, open, high, low, close, volume]` arrays per timeframe
 * (empty timeframes left out). The candle arrays, nearly all of the text, go through the native
 * `JSON.stringify`, which writes exactly what {@link canonicalJson} would, faster.
 */
export function canonicalAnalysisInput(input: AnalysisInput): string {
  const placeholder = '\u0000candles\u0000';
  const text = canonicalJson({
    symbol: input.symbol,
    market: input.market,
    candles: placeholder,
    news: input.news,
    capital: input.capital,
    parameters: input.parameters,
  });
  const timeframes = TIMEFRAMES.filter((tf) => (input.candles[tf]?.length ?? 0) > 0).sort();
  const parts: string[] = [];
  for (const timeframe of timeframes) {
    const series = input.candles[timeframe] as readonly Candle[];
    // JSON.stringify writes numbers exactly as canonicalJson does (shortest round-trip, -0 as 0).
    const rows = JSON.stringify(series.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]));
    parts.push(`${JSON.stringify(timeframe)}:${rows}`);
  }
  return text.replace(JSON.stringify(placeholder), () => `{${parts.join(',')}}`);
}

/** SHA-256 (lower-case hex) of {@link canonicalAnalysisInput}: equal inputs, equal hashes. */
export function analysisInputHash(input: AnalysisInput): string {
  return createHash('sha256').update(canonicalAnalysisInput(input)).digest('hex');
}
