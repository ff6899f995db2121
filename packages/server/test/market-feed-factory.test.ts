import { ManualClock, MarketDataError, type MarketDataErrorCode } from '@sigmax/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CcxtFeed,
  marketErrorStatus,
  openMarketFeed,
  ReplayFeed,
  SyntheticMarketFeed,
} from '../src/adapters/market';

afterEach(() => {
  vi.useRealTimers();
});

describe('openMarketFeed', () => {
  it('builds a replay on defaults that serves BTC/USDT candles, ticker and book', async () => {
    const feed = await openMarketFeed({ source: 'replay' }, new ManualClock('2030-01-01T00:00:00Z'));
    expect(feed).toBeInstanceOf(ReplayFeed);
    const candles = await feed.getCandles('BTC/USDT', '4h', { limit: 2 });
    // Default start 2020-01-01 00:00: the last closed 4h bars are those of 2019-12-31 16:00 and 20:00.
    expect(candles.map((c) => new Date(c.time).toISOString())).toEqual([
      '2019-12-31T16:00:00.000Z',
      '2019-12-31T20:00:00.000Z',
    ]);
    const ticker = await feed.getTicker('BTC/USDT');
    expect(ticker.last).toBe(candles[1]?.close);
    const book = await feed.getOrderBook('BTC/USDT', 10);
    expect(book.bids).toHaveLength(10);
    expect(book.bids[0]?.[0]).toBeLessThan(book.asks[0]?.[0] as number);
    await feed.close();
  });

  it('builds a seeded synthetic feed whose prices repeat for the same seed and origin', async () => {
    const clock = new ManualClock('2024-03-01T00:00:00Z');
    const a = await openMarketFeed({ source: 'synthetic', seed: 9, origin: '2024-02-28T00:00:00Z' }, clock);
    const b = await openMarketFeed({ source: 'synthetic', seed: 9, origin: '2024-02-28T00:00:00Z' }, clock);
    expect(a).toBeInstanceOf(SyntheticMarketFeed);
    expect(await a.getCandles('ETH/USDT', '1h')).toEqual(await b.getCandles('ETH/USDT', '1h'));
    // Without an origin: 30 days of history before the start of today.
    const c = (await openMarketFeed({ source: 'synthetic' }, clock)) as SyntheticMarketFeed;
    expect(new Date(c.origin).toISOString()).toBe('2024-01-31T00:00:00.000Z');
  });

  it('builds a ccxt feed without touching the network', async () => {
    const feed = await openMarketFeed(
      { source: 'ccxt', exchange: 'binance', sandbox: true },
      new ManualClock(0),
    );
    expect(feed).toBeInstanceOf(CcxtFeed);
    expect(feed.kind).toBe('ccxt:binance');
  });

  it('polls for candle closes on a timer only while someone listens', async () => {
    vi.useFakeTimers();
    const wall = new ManualClock('2030-01-01T00:00:00Z');
    const feed = await openMarketFeed({ source: 'replay', start: '2021-01-01T00:00:00Z', speed: 3600 }, wall);
    const closes: string[] = [];
    const stop = feed.onCandle((e) => closes.push(new Date(e.candle.time).toISOString()), {
      symbol: 'ETH/USDT',
      timeframe: '4h',
    });
    expect(vi.getTimerCount()).toBe(1);
    wall.advance(8000);
    vi.advanceTimersByTime(1000);
    expect(closes).toEqual(['2021-01-01T00:00:00.000Z', '2021-01-01T04:00:00.000Z']);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('market data errors over HTTP', () => {
  it('map to statuses', () => {
    const statuses: Record<MarketDataErrorCode, number> = {
      bad_symbol: 404,
      no_data: 404,
      unsupported_timeframe: 400,
      invalid_query: 400,
      rate_limited: 429,
      exchange_unavailable: 503,
      exchange_error: 502,
    };
    for (const [code, status] of Object.entries(statuses)) {
      expect(marketErrorStatus(code as MarketDataErrorCode)).toBe(status);
    }
    expect(new MarketDataError('bad_symbol', 'x').name).toBe('MarketDataError');
  });
});
