import { describe, expect, it } from 'vitest';
import { barOpenTime, type Candle, findGaps, isTimeframe, resampleCandles, TIMEFRAME_MS } from '../src';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const bar = (
  time: number,
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): Candle => ({
  time,
  open,
  high,
  low,
  close,
  volume,
});

// Coinbase BTC-USD, 2017-11-12 04:00–07:00 UTC, hourly (CryptoDataDownload).
const coinbaseHours = [
  bar(at('2017-11-12T04:00:00Z'), 6063.17, 6125, 6005, 6005.01, 1450.74),
  bar(at('2017-11-12T05:00:00Z'), 6005.01, 6005.01, 5611, 5850.98, 5477.97),
  bar(at('2017-11-12T06:00:00Z'), 5850.98, 5850.98, 5511.11, 5640, 3799.64),
  bar(at('2017-11-12T07:00:00Z'), 5640, 6240, 5639.98, 6172.93, 6722.79),
];

describe('timeframes', () => {
  it('know their lengths and align bars to UTC', () => {
    expect(TIMEFRAME_MS['4h']).toBe(4 * HOUR);
    expect(TIMEFRAME_MS['1d']).toBe(24 * HOUR);
    expect(barOpenTime(at('2024-01-01T05:30:00Z'), '4h')).toBe(at('2024-01-01T04:00:00Z'));
    expect(barOpenTime(at('2024-01-01T23:59:59Z'), '1d')).toBe(at('2024-01-01T00:00:00Z'));
    expect(isTimeframe('15m')).toBe(true);
    expect(isTimeframe('2h')).toBe(false);
  });
});

describe('resampling', () => {
  it('turns four real Coinbase hours into the 4h bar Coinbase published for them', () => {
    const [four] = resampleCandles(coinbaseHours, '4h');
    // ta4j's Coinbase 4h bar at 2017-11-12 04:00: open 6063.17, high 6240, low 5511.11, close 6172.93.
    expect(four).toMatchObject({ time: at('2017-11-12T04:00:00Z'), open: 6063.17, high: 6240, low: 5511.11 });
    expect(four?.close).toBe(6172.93);
    expect(four?.volume).toBeCloseTo(1450.74 + 5477.97 + 3799.64 + 6722.79, 8);
    expect(coinbaseHours[0]?.time).toBe(at('2017-11-12T04:00:00Z'));
  });

  it('aggregates by UTC bucket, never invents a bar for an empty bucket, and can drop partial ones', () => {
    const hours = [
      bar(0, 10, 12, 9, 11, 1),
      bar(HOUR, 11, 13, 10, 12, 2),
      // 02:00–09:00 missing: the 04:00 bucket is empty.
      bar(9 * HOUR, 20, 21, 19, 20.5, 3),
    ];
    expect(resampleCandles(hours, '4h')).toEqual([
      bar(0, 10, 13, 9, 12, 3),
      bar(8 * HOUR, 20, 21, 19, 20.5, 3),
    ]);
    expect(resampleCandles(hours, '4h', { partial: 'drop' })).toEqual([]);
    expect(resampleCandles(coinbaseHours, '4h', { partial: 'drop' })).toHaveLength(1);
  });

  it('refuses to split bars or to read unordered input', () => {
    const fourHours = [bar(0, 1, 1, 1, 1, 1), bar(4 * HOUR, 1, 1, 1, 1, 1)];
    expect(() => resampleCandles(fourHours, '1h')).toThrow(RangeError);
    expect(() => resampleCandles([...coinbaseHours].reverse(), '4h')).toThrow(RangeError);
    expect(resampleCandles([], '1d')).toEqual([]);
  });
});

describe('gaps', () => {
  it('are reported as runs of missing bars', () => {
    const hours = [0, 1, 4, 5, 7].map((h) => bar(h * HOUR, 1, 1, 1, 1, 1));
    expect(findGaps(hours, '1h')).toEqual([
      { from: 2 * HOUR, until: 4 * HOUR, missing: 2 },
      { from: 6 * HOUR, until: 7 * HOUR, missing: 1 },
    ]);
    expect(findGaps(coinbaseHours, '1h')).toEqual([]);
  });

  it('reject duplicated or misaligned bars instead of guessing', () => {
    expect(() => findGaps([bar(0, 1, 1, 1, 1, 1), bar(0, 1, 1, 1, 1, 1)], '1h')).toThrow(/duplicated/);
    expect(() => findGaps([bar(HOUR, 1, 1, 1, 1, 1)], '4h')).toThrow(/aligned/);
  });
});
