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

/**
 * SHA-256 (lower-case hex) of an analysis input: equal inputs, equal hashes. It covers the same fields as
 * {@link canonicalAnalysisInput}: the {@link canonicalJson} of everything but the candles, then per
 * timeframe (in sorted order) its name, its candle count and the candles' six numbers as little-endian
 * IEEE-754 doubles (`-0` written as `0`). Hashing the numbers' bytes rather than their decimal text keeps
 * this a small part of an analysis; the result depends only on the values, never on key order.
 */
export function analysisInputHash(input: AnalysisInput): string {
  const hash = createHash('sha256');
  hash.update(
    canonicalJson({
      symbol: input.symbol,
      market: input.market,
      news: input.news,
      capital: input.capital,
      parameters: input.parameters,
    }),
  );
  const timeframes = TIMEFRAMES.filter((tf) => (input.candles[tf]?.length ?? 0) > 0).sort();
  for (const timeframe of timeframes) {
    const series = input.candles[timeframe] as readonly Candle[];
    hash.update(`\n${timeframe}:${series.length}\n`);
    const values = new Float64Array(series.length * 6);
    for (let i = 0, j = 0; i < series.length; i++, j += 6) {
      const c = series[i] as Candle;
      // `+ 0` turns -0 into 0 and leaves every other number as it is.
      values[j] = c.time + 0;
      values[j + 1] = c.open + 0;
      values[j + 2] = c.high + 0;
      values[j + 3] = c.low + 0;
      values[j + 4] = c.close + 0;
      values[j + 5] = c.volume + 0;
    }
    hash.update(littleEndian(values));
  }
  return hash.digest('hex');
}

const NATIVE_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** The doubles' bytes in little-endian order (a copy only on a big-endian machine). */
function littleEndian(values: Float64Array): Uint8Array {
  if (NATIVE_LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new DataView(new ArrayBuffer(values.byteLength));
  for (let i = 0; i < values.length; i++) bytes.setFloat64(i * 8, values[i] as number, true);
  return new Uint8Array(bytes.buffer);
}
