import { describe, expect, it } from 'vitest';
import {
  type Candle,
  type CandleClose,
  CandleSeriesFeed,
  ManualClock,
  type Market,
  MarketDataError,
  type SeriesMarket,
} from '../src';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-01-01T00:00:00Z');

const rules: Omit<Market, 'timeframes'> = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  tickSize: 0.01,
  lotSize: 0.00001,
  pricePrecision: 2,
  amountPrecision: 5,
  minQuantity: 0.00001,
  minNotional: 1,
  source: 'hand-made test series',
};

/** Hourly bars from T0 with close 100 + hour; hours 5 and 6 are missing. */
function hourly(count: number): Candle[] {
  const out: Candle[] = [];
  for (let h = 0; h < count; h++) {
    if (h === 5 || h === 6) continue;
    out.push({
      time: T0 + h * HOUR,
      open: 100 + h - 0.5,
      high: 100 + h + 1,
      low: 100 + h - 1,
      close: 100 + h,
      volume: 10 + h,
    });
  }
  return out;
}

function feedAt(iso: string, markets: SeriesMarket[] = [{ market: rules, series: { '1h': hourly(48) } }]) {
  const clock = new ManualClock(iso);
  return { clock, feed: new CandleSeriesFeed({ kind: 'test', clock, markets, finite: true }) };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof MarketDataError ? error.code : String(error);
  }
}

describe('a candle series feed', () => {
  it('shows only bars that have closed: no look-ahead', async () => {
    const { feed } = feedAt('2024-01-01T03:30:00Z');
    const candles = await feed.getCandles('BTC/USDT', '1h');
    // 00:00, 01:00 and 02:00 have closed; 03:00 is in progress.
    expect(candles.map((c) => c.close)).toEqual([100, 101, 102]);
    const { feed: onTheHour } = feedAt('2024-01-01T03:00:00Z');
    expect((await onTheHour.getCandles('BTC/USDT', '1h')).at(-1)?.close).toBe(102);
    const { feed: beforeClose } = feedAt('2024-01-01T02:59:59.999Z');
    expect((await beforeClose.getCandles('BTC/USDT', '1h')).at(-1)?.close).toBe(101);
  });

  it('answers since/until/limit queries like an exchange', async () => {
    const { feed } = feedAt('2024-01-02T00:00:00Z');
    const last3 = await feed.getCandles('BTC/USDT', '1h', { limit: 3 });
    expect(last3.map((c) => c.close)).toEqual([121, 122, 123]);
    const first2 = await feed.getCandles('BTC/USDT', '1h', { since: T0 + 3 * HOUR, limit: 2 });
    expect(first2.map((c) => c.close)).toEqual([103, 104]);
    const window = await feed.getCandles('BTC/USDT', '1h', { since: T0 + 4 * HOUR, until: T0 + 9 * HOUR });
    // Real bars only: 05:00 and 06:00 are missing and stay missing.
    expect(window.map((c) => c.close)).toEqual([104, 107, 108]);
    const before = await feed.getCandles('BTC/USDT', '1h', { until: T0 + 3 * HOUR, limit: 10 });
    expect(before.map((c) => c.close)).toEqual([100, 101, 102]);
  });

  it('aggregates longer timeframes, only from closed buckets', async () => {
    const { feed } = feedAt('2024-01-01T13:00:00Z');
    const fours = await feed.getCandles('BTC/USDT', '4h');
    expect(fours).toEqual([
      { time: T0, open: 99.5, high: 104, low: 99, close: 103, volume: 10 + 11 + 12 + 13 },
      // 04:00 bucket: only 04:00 and 07:00 exist.
      { time: T0 + 4 * HOUR, open: 103.5, high: 108, low: 103, close: 107, volume: 14 + 17 },
      { time: T0 + 8 * HOUR, open: 107.5, high: 112, low: 107, close: 111, volume: 18 + 19 + 20 + 21 },
    ]);
    expect(await feed.getCandles('BTC/USDT', '4h', { limit: 1 })).toEqual([fours[2]]);
    expect(await feed.getCandles('BTC/USDT', '4h', { since: T0 + 1, limit: 1 })).toEqual([fours[1]]);
    expect(await feed.getCandles('BTC/USDT', '1d')).toEqual([]);
    expect((await feed.getMarket('BTC/USDT')).timeframes).toEqual(['1h', '4h', '1d']);
  });

  it('reports gaps and a stale ticker while the latest bar is missing', async () => {
    const { clock, feed } = feedAt('2024-01-01T05:30:00Z');
    expect((await feed.getTicker('BTC/USDT')).stale).toBe(false);
    clock.set(Date.parse('2024-01-01T06:30:00Z'));
    const stale = await feed.getTicker('BTC/USDT');
    expect(stale).toMatchObject({ last: 104, time: T0 + 5 * HOUR, stale: true });
    expect((await feed.getOrderBook('BTC/USDT', 5)).stale).toBe(true);
    // The 05:00 bar should have closed at 06:00: a gap still going on.
    expect(feed.gaps('BTC/USDT', '1h')).toEqual([{ from: T0 + 5 * HOUR, until: T0 + 6 * HOUR, missing: 1 }]);
    clock.set(Date.parse('2024-01-01T08:00:00Z'));
    expect(await feed.getTicker('BTC/USDT')).toMatchObject({ last: 107, stale: false });
    expect(feed.gaps('BTC/USDT', '1h')).toEqual([{ from: T0 + 5 * HOUR, until: T0 + 7 * HOUR, missing: 2 }]);
    expect(feed.gaps('BTC/USDT', '4h')).toEqual([]);
  });

  it('derives ticker and book from the last closed bar', async () => {
    const { feed } = feedAt('2024-01-02T00:00:00Z');
    const ticker = await feed.getTicker('BTC/USDT');
    expect(ticker.last).toBe(123);
    expect(ticker.time).toBe(T0 + 24 * HOUR);
    expect(ticker.bid).toBeLessThan(123);
    expect(ticker.ask).toBeGreaterThan(123);
    // 24h: bars 00:00–23:00 of the first day, less the two missing ones.
    expect(ticker.high24h).toBe(124);
    expect(ticker.low24h).toBe(99);
    expect(ticker.volume24h).toBe(
      Array.from({ length: 24 }, (_, h) => (h === 5 || h === 6 ? 0 : 10 + h)).reduce((a, b) => a + b),
    );
    const book = await feed.getOrderBook('BTC/USDT', 3);
    expect(book).toMatchObject({ symbol: 'BTC/USDT', time: T0 + 24 * HOUR, synthetic: true, stale: false });
    expect(book.bids).toHaveLength(3);
    expect(book.bids[0]?.[0]).toBe(ticker.bid);
    expect(book.asks[0]?.[0]).toBe(ticker.ask);
  });

  it('becomes stale once the data runs out', async () => {
    const { feed } = feedAt('2024-01-03T00:00:00Z');
    expect(feed.ended).toBe(true);
    expect(await feed.getTicker('BTC/USDT')).toMatchObject({ last: 147, stale: true });
  });

  it('fails with stable codes', async () => {
    const { feed } = feedAt('2024-01-02T00:00:00Z');
    expect(await code(feed.getCandles('DOGE/USDT', '1h'))).toBe('bad_symbol');
    expect(await code(feed.getCandles('BTC/USDT', '15m'))).toBe('unsupported_timeframe');
    expect(await code(feed.getCandles('BTC/USDT', '1h', { limit: 0 }))).toBe('invalid_query');
    expect(await code(feed.getCandles('BTC/USDT', '1h', { since: 2, until: 1 }))).toBe('invalid_query');
    expect(await code(feed.getOrderBook('BTC/USDT', 0))).toBe('invalid_query');
    const { feed: early } = feedAt('2023-12-31T00:00:00Z');
    expect(await code(early.getTicker('BTC/USDT'))).toBe('no_data');
    expect(await early.getCandles('BTC/USDT', '1h')).toEqual([]);
  });

  it('delivers each candle close once, in order, to matching listeners', () => {
    const { clock, feed } = feedAt('2024-01-01T02:30:00Z');
    const all: CandleClose[] = [];
    const fours: CandleClose[] = [];
    const stop = feed.onCandle((e) => all.push(e));
    feed.onCandle((e) => fours.push(e), { timeframe: '4h' });
    expect(feed.poll()).toEqual([]);
    clock.set(Date.parse('2024-01-01T08:00:00Z'));
    feed.poll();
    expect(all.map((e) => `${e.timeframe} ${new Date(e.candle.time).toISOString().slice(11, 16)}`)).toEqual([
      '1h 02:00',
      '1h 03:00',
      '4h 00:00',
      '1h 04:00',
      '1h 07:00',
      '4h 04:00',
    ]);
    expect(fours.map((e) => e.candle.close)).toEqual([103, 107]);
    expect(feed.poll()).toEqual([]);
    stop();
    clock.set(Date.parse('2024-01-01T09:00:00Z'));
    feed.poll();
    expect(all).toHaveLength(6);
    expect(feed.listenerCount).toBe(1);
    expect(() => feed.onCandle(() => {}, { symbol: 'NOPE/USDT' })).toThrow(MarketDataError);
  });

  it('keeps delivering when one listener throws, then reports the error', () => {
    const { clock, feed } = feedAt('2024-01-01T00:30:00Z');
    const seen: number[] = [];
    feed.onCandle(() => {
      throw new Error('listener bug');
    });
    feed.onCandle((e) => seen.push(e.candle.close), { timeframe: '1h' });
    clock.set(Date.parse('2024-01-01T02:00:00Z'));
    expect(() => feed.poll()).toThrow('listener bug');
    expect(seen).toEqual([100, 101]);
  });

  it('hands out copies, so callers cannot corrupt the series', async () => {
    const { feed } = feedAt('2024-01-01T03:00:00Z');
    const [first] = await feed.getCandles('BTC/USDT', '1h');
    if (first) first.close = -1;
    expect((await feed.getCandles('BTC/USDT', '1h'))[0]?.close).toBe(100);
  });
});
