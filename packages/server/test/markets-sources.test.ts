import { Decimal, systemClock } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticMarketFeed } from '../src/adapters/market';
import { startTestServer, type TestServer } from './support';

const HOUR = 3_600_000;

describe('market data API on the synthetic market', () => {
  const seed = 'markets-api-test';
  let t: TestServer;
  let origin: number;
  beforeAll(async () => {
    t = await startTestServer({ config: { marketSource: 'synthetic', syntheticSeed: seed } });
    origin = (t.server.services.market as SyntheticMarketFeed).origin;
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  async function ok(path: string) {
    const res = await t.request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  }

  /** The same hours from a feed built here, apart from the server's. */
  async function reference(feedSeed: string, since: number) {
    const feed = new SyntheticMarketFeed(systemClock, { seed: feedSeed, origin });
    try {
      return (await feed.getCandles('BTC/USDT', '1h', { since, limit: 24 })).map((c) => ({
        time: new Date(c.time).toISOString(),
        open: Decimal.fromNumber(c.open).toString(),
        high: Decimal.fromNumber(c.high).toString(),
        low: Decimal.fromNumber(c.low).toString(),
        close: Decimal.fromNumber(c.close).toString(),
        // An hour's volume is a float sum of 60 one-minute volumes: exact to the lot (5 decimals) only.
        volume: Decimal.fromNumber(c.volume).round(5).toString(),
      }));
    } finally {
      await feed.close();
    }
  }

  it('lists its markets, saying they are synthetic and which seed drives them', async () => {
    const { data } = await ok('/v1/markets');
    expect(data.map((m: { symbol: string }) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(data[0]).toMatchObject({ tickSize: '0.01', lotSize: '0.00001', amountPrecision: 5 });
    expect(data[1]).toMatchObject({ lotSize: '0.0001', amountPrecision: 4 });
    expect(data[0].source).toContain(`synthetic random walk (seed "${seed}"`);
    expect(data[0].timeframes).toEqual(['1m', '5m', '15m', '1h', '4h', '1d']);
  });

  it('is deterministic for a seed: the same candles as another feed with that seed, others differ', async () => {
    const since = origin + 24 * HOUR;
    const query = `timeframe=1h&since=${new Date(since).toISOString()}&limit=24`;
    const body = await ok(`/v1/markets/BTC-USDT/candles?${query}`);
    expect(body.data).toHaveLength(24);
    expect(body.data).toEqual(await reference(seed, since));
    expect(await ok(`/v1/markets/BTC%2FUSDT/candles?${query}`)).toEqual(body);
    const other = await reference('another seed', since);
    expect(other).toHaveLength(24);
    expect(other.map((c) => c.close)).not.toEqual(body.data.map((c: { close: string }) => c.close));
  });

  it('serves a fresh ticker and a synthetic book around it', async () => {
    const ticker = await ok('/v1/markets/ETH-USDT/ticker');
    expect(ticker.stale).toBe(false);
    expect(Date.now() - Date.parse(ticker.time)).toBeLessThan(5 * 60_000);
    const book = await ok('/v1/markets/ETH-USDT/orderbook?depth=10');
    expect(book).toMatchObject({ symbol: 'ETH/USDT', synthetic: true, stale: false });
    expect(book.bids).toHaveLength(10);
    expect(Decimal.from(book.bids[0][0]).lt(ticker.last)).toBe(true);
    expect(Decimal.from(book.asks[0][0]).gt(ticker.last)).toBe(true);
    for (const [price, quantity] of [...book.bids, ...book.asks] as [string, string][]) {
      expect(Decimal.from(price).isMultipleOf('0.01'), price).toBe(true);
      expect(Decimal.from(quantity).isMultipleOf('0.0001'), quantity).toBe(true);
    }
  });
});

describe('market data API on a replay that has not reached its data', () => {
  // ETH's first bar opens 2016-05-18 00:00 and BTC's 04:00: at 02:00 no bar has closed yet.
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { replayStart: '2016-05-18T02:00:00Z', replaySpeed: 0.001 } });
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  it('answers 404 no_market_data for a ticker or a book, and an empty candle list', async () => {
    for (const path of ['/v1/markets/BTC-USDT/ticker', '/v1/markets/ETH-USDT/orderbook']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'no_market_data' });
    }
    const candles = await t.request('/v1/markets/ETH-USDT/candles?timeframe=4h');
    expect(candles.status).toBe(200);
    expect(await candles.json()).toEqual({ symbol: 'ETH/USDT', timeframe: '4h', data: [] });
    expect((await t.request('/v1/markets/BTC-USDT')).status).toBe(200);
  });
});
