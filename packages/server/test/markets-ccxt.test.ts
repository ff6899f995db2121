import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '@sigmax/engine';
import { DDoSProtection, ExchangeError, NetworkError, RateLimitExceeded, RequestTimeout } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CcxtExchangeLike, CcxtFeed, createCcxtExchange } from '../src/adapters/market';
import { startTestServer, type TestServer } from './support';

const MINUTE = 60_000;
const NOW = Date.parse('2024-05-01T12:34:56Z');

const ROUTES = [
  '/v1/markets',
  '/v1/markets/BTC-USDT',
  '/v1/markets/BTC-USDT/candles?timeframe=1m',
  '/v1/markets/BTC-USDT/ticker',
  '/v1/markets/BTC-USDT/orderbook',
];

/**
 * An object with ccxt's method names answering from fixed data, with float noise in it (`0.1 + 0.2`), or
 * throwing `failure` from every call while it is set.
 */
function fakeExchange() {
  const state: { failure?: Error } = {};
  const fail = () => {
    if (state.failure) throw state.failure;
  };
  const exchange: CcxtExchangeLike = {
    id: 'fake',
    timeframes: { '1m': '1m', '1h': '1h' },
    precisionMode: 4,
    async loadMarkets() {
      fail();
      return {
        'BTC/USDT': {
          symbol: 'BTC/USDT',
          base: 'BTC',
          quote: 'USDT',
          active: true,
          precision: { price: 0.1, amount: 0.00001 },
          limits: { amount: { min: 0.00001 }, cost: { min: 5 } },
        },
        'XRP/USDT': {
          symbol: 'XRP/USDT',
          base: 'XRP',
          quote: 'USDT',
          active: true,
          precision: { price: 0.0001, amount: 0.1 },
          limits: { amount: { min: 1 }, cost: { min: 0.1 + 0.2 } },
        },
      };
    },
    async fetchOHLCV() {
      fail();
      // Three closed minutes and the one in progress (12:34), as exchanges return them.
      const start = Date.parse('2024-05-01T12:31:00Z');
      return Array.from({ length: 4 }, (_, i) => [
        start + i * MINUTE,
        64_000.1 + 0.2 * i,
        64_010 + i,
        63_990 + i,
        64_000 + 0.1 + 0.2,
        1.1 + 2.2 * (i + 1),
      ]);
    },
    async fetchTicker(symbol) {
      fail();
      return symbol === 'XRP/USDT'
        ? { timestamp: NOW - 500, last: 0.1 + 0.2, bid: 0.2999, ask: 0.3001 }
        : {
            timestamp: NOW - 500,
            last: 64_000.5,
            bid: 64_000.4,
            ask: 64_000.6,
            high: 65_000,
            low: 63_000,
            baseVolume: 1234.5,
          };
    },
    async fetchOrderBook() {
      fail();
      return {
        timestamp: NOW,
        bids: [
          [64_000.4, 0.1 + 0.2],
          [64_000.3, 2],
        ],
        asks: [[64_000.6, 1.5]],
      };
    },
  };
  return { exchange, state };
}

describe('market data API on a ccxt exchange', () => {
  const { exchange, state } = fakeExchange();
  let t: TestServer;
  beforeAll(async () => {
    const market = new CcxtFeed({ exchange, cacheTtlMs: 0 }, new ManualClock(NOW));
    t = await startTestServer({ config: { marketSource: 'ccxt' }, market });
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  async function ok(path: string) {
    const res = await t.request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  }

  it("maps the exchange's markets, candles, ticker and book to decimal strings without float noise", async () => {
    const { data } = await ok('/v1/markets');
    expect(data).toEqual([
      {
        symbol: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        tickSize: '0.1',
        lotSize: '0.00001',
        minQuantity: '0.00001',
        minNotional: '5',
        pricePrecision: 1,
        amountPrecision: 5,
        timeframes: ['1m', '1h'],
        source: 'fake via ccxt',
      },
      expect.objectContaining({ symbol: 'XRP/USDT', tickSize: '0.0001', lotSize: '0.1', minNotional: '0.3' }),
    ]);
    const candles = await ok('/v1/markets/BTC-USDT/candles?timeframe=1m&limit=2');
    expect(candles).toEqual({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      data: [
        {
          time: '2024-05-01T12:32:00.000Z',
          open: '64000.3',
          high: '64011',
          low: '63991',
          close: '64000.3',
          volume: '5.5',
        },
        {
          time: '2024-05-01T12:33:00.000Z',
          open: '64000.5',
          high: '64012',
          low: '63992',
          close: '64000.3',
          volume: '7.7',
        },
      ],
    });
    expect(await ok('/v1/markets/XRP%2FUSDT/ticker')).toEqual({
      symbol: 'XRP/USDT',
      time: '2024-05-01T12:34:55.500Z',
      last: '0.3',
      bid: '0.2999',
      ask: '0.3001',
      stale: false,
    });
    expect(await ok('/v1/markets/BTC-USDT/ticker')).toMatchObject({
      high24h: '65000',
      low24h: '63000',
      volume24h: '1234.5',
    });
    expect(await ok('/v1/markets/BTC-USDT/orderbook?depth=5')).toEqual({
      symbol: 'BTC/USDT',
      time: '2024-05-01T12:34:56.000Z',
      bids: [
        ['64000.4', '0.3'],
        ['64000.3', '2'],
      ],
      asks: [['64000.6', '1.5']],
      synthetic: false,
      stale: false,
    });
  });

  it('answers 404 for a market the exchange does not list, 422 for a timeframe it does not serve', async () => {
    const unknown = await t.request('/v1/markets/DOGE-USDT/ticker');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    const timeframe = await t.request('/v1/markets/BTC-USDT/candles?timeframe=4h');
    expect(timeframe.status).toBe(422);
    expect((await timeframe.json()).errors).toEqual([
      { path: 'query.timeframe', message: expect.any(String) },
    ]);
  });

  it.each([
    [new NetworkError('socket hang up'), 503, 'exchange_unavailable'],
    [new RequestTimeout('request timed out (10000 ms)'), 503, 'exchange_unavailable'],
    [new RateLimitExceeded('429 Too Many Requests'), 429, 'rate_limited'],
    [new DDoSProtection('418 I am a teapot'), 429, 'rate_limited'],
    [new ExchangeError('something broke'), 502, 'exchange_error'],
  ])('turns ccxt %s into %i %s on every route', async (error, status, code) => {
    state.failure = error;
    try {
      for (const path of ROUTES) {
        const res = await t.request(path);
        expect(res.status, path).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const body = await res.json();
        expect(body, path).toMatchObject({ status, code });
        expect(body.detail).toContain(error.message);
        if (status === 503 || status === 429) expect(res.headers.get('retry-after')).toMatch(/^[0-9]+$/);
      }
    } finally {
      state.failure = undefined;
    }
    expect((await t.request('/v1/markets/BTC-USDT/ticker')).status).toBe(200);
  });
});

describe('market data API on a real ccxt exchange that cannot be reached', () => {
  let t: TestServer;
  beforeAll(async () => {
    // A real ccxt binance, built offline, every URL pointing at a port nothing listens on: each call
    // fails to connect, as it does on a machine without network.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const exchange = createCcxtExchange('binance', 2000);
    redirect((exchange as unknown as { urls: unknown }).urls, `http://127.0.0.1:${port}`);
    t = await startTestServer({
      config: { marketSource: 'ccxt', exchange: 'binance' },
      market: new CcxtFeed({ exchange }),
    });
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  it('answers 503 exchange_unavailable with Retry-After', async () => {
    for (const path of ['/v1/markets', '/v1/markets/BTC-USDT/ticker']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({
        code: 'exchange_unavailable',
        detail: expect.stringContaining('binance'),
      });
    }
  });
});

/** Rewrites every URL in an exchange's `urls` to `origin`. */
function redirect(value: unknown, origin: string): unknown {
  if (typeof value === 'string') return value.replace(/^https?:\/\/[^/]+/, origin);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = redirect(record[key], origin);
  }
  return value;
}
