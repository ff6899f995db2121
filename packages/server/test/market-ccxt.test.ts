import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, MarketDataError } from '@sigmax/engine';
import type ccxt from 'ccxt';
import {
  AuthenticationError,
  BadSymbol,
  DDoSProtection,
  ExchangeError,
  ExchangeNotAvailable,
  NetworkError,
  NotSupported,
  OnMaintenance,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { type CcxtExchangeLike, CcxtFeed, createCcxtExchange, mapCcxtError } from '../src/adapters/market';

// A real ccxt exchange object is a CcxtExchangeLike: checked by the typecheck.
const _realExchangeFits: (exchange: InstanceType<typeof ccxt.binance>) => CcxtExchangeLike = (exchange) =>
  exchange;

const MINUTE = 60_000;
const NOW = Date.parse('2024-05-01T12:34:56Z');

/** An exchange object with ccxt's method names, answering from fixed data or throwing a given error. */
function fakeExchange(overrides: Partial<CcxtExchangeLike> = {}) {
  const calls: string[] = [];
  const exchange: CcxtExchangeLike = {
    id: 'fake',
    timeframes: { '1m': '1m', '1h': '1h', '1d': '1d' },
    precisionMode: 4,
    async loadMarkets() {
      calls.push('loadMarkets');
      return {
        'BTC/USDT': {
          symbol: 'BTC/USDT',
          base: 'BTC',
          quote: 'USDT',
          active: true,
          precision: { price: 0.01, amount: 0.00001 },
          limits: { amount: { min: 0.00001 }, cost: { min: 5 } },
        },
        'OLD/USDT': {
          symbol: 'OLD/USDT',
          base: 'OLD',
          quote: 'USDT',
          active: false,
          precision: {},
          limits: {},
        },
      };
    },
    async fetchOHLCV(symbol, timeframe, since, limit) {
      calls.push(`fetchOHLCV ${symbol} ${timeframe} ${since} ${limit}`);
      // Four closed minutes and the one in progress (12:34), as exchanges return them.
      const start = Date.parse('2024-05-01T12:30:00Z');
      return Array.from({ length: 5 }, (_, i) => [
        start + i * MINUTE,
        100 + i,
        101 + i,
        99 + i,
        100.5 + i,
        1 + i,
      ]);
    },
    async fetchTicker(symbol) {
      calls.push(`fetchTicker ${symbol}`);
      return {
        timestamp: NOW - 500,
        last: 64_000.5,
        bid: 64_000,
        ask: 64_001,
        high: 65_000,
        low: 63_000,
        baseVolume: 1234.5,
      };
    },
    async fetchOrderBook(symbol, limit) {
      calls.push(`fetchOrderBook ${symbol} ${limit}`);
      return {
        timestamp: NOW,
        bids: [
          [64_000, 1],
          [63_999, 2],
          [63_998, 3],
        ],
        asks: [
          [64_001, 1.5],
          [64_002, 2.5],
        ],
      };
    },
    ...overrides,
  };
  return { exchange, calls };
}

function failing(error: Error) {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return fakeExchange({ loadMarkets: fail, fetchOHLCV: fail, fetchTicker: fail, fetchOrderBook: fail })
    .exchange;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof MarketDataError ? error.code : `not mapped: ${String(error)}`;
  }
}

describe('ccxt error mapping', () => {
  const cases: [Error, string][] = [
    [new NetworkError('socket hang up'), 'exchange_unavailable'],
    [new ExchangeNotAvailable('503 Service Unavailable'), 'exchange_unavailable'],
    [new OnMaintenance('system maintenance'), 'exchange_unavailable'],
    [new RequestTimeout('request timed out (10000 ms)'), 'exchange_unavailable'],
    [new DDoSProtection('418 I am a teapot'), 'rate_limited'],
    [new RateLimitExceeded('429 Too Many Requests'), 'rate_limited'],
    [new BadSymbol('fake does not have market symbol DOGE/EUR'), 'bad_symbol'],
    [new ExchangeError('something broke'), 'exchange_error'],
    [new AuthenticationError('invalid api key'), 'exchange_error'],
    [new NotSupported('fetchOHLCV() is not supported yet'), 'exchange_error'],
  ];

  it.each(cases)('turns %s into %s on every call', async (error, code) => {
    const feed = new CcxtFeed({ exchange: failing(error) }, new ManualClock(NOW));
    expect(await codeOf(feed.getTicker('BTC/USDT'))).toBe(code);
    expect(await codeOf(feed.getCandles('BTC/USDT', '1h'))).toBe(code);
    expect(await codeOf(feed.getOrderBook('BTC/USDT'))).toBe(code);
    expect(await codeOf(feed.listMarkets())).toBe(code);
    const mapped = mapCcxtError(error, 'fake fetchTicker') as MarketDataError;
    expect(mapped.message).toBe(`fake fetchTicker: ${error.message}`);
    expect(mapped.cause).toBe(error);
  });

  it('lets errors that are not ccxt errors through unchanged: they are our bugs', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const feed = new CcxtFeed({ exchange: failing(bug) }, new ManualClock(NOW));
    await expect(feed.getTicker('BTC/USDT')).rejects.toBe(bug);
  });
});

describe('a real ccxt exchange, without a network', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** Points every URL of the exchange at this machine, so nothing leaves it. */
  function redirect(exchange: CcxtExchangeLike, origin: string) {
    const visit = (value: unknown): unknown => {
      if (typeof value === 'string') return value.replace(/^https?:\/\/[^/]+/, origin);
      if (value && typeof value === 'object') {
        for (const key of Object.keys(value))
          (value as Record<string, unknown>)[key] = visit((value as Record<string, unknown>)[key]);
      }
      return value;
    };
    visit((exchange as unknown as { urls: unknown }).urls);
    return exchange;
  }

  async function closedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  async function answering(status: number): Promise<string> {
    server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('is built offline with the rate limiter on, and fails with exchange_unavailable when unreachable', async () => {
    const exchange = createCcxtExchange('binance', 2000);
    expect((exchange as unknown as { enableRateLimit: boolean }).enableRateLimit).toBe(true);
    redirect(exchange, `http://127.0.0.1:${await closedPort()}`);
    const feed = new CcxtFeed({ exchange });
    expect(feed.kind).toBe('ccxt:binance');
    const error = await feed.getTicker('BTC/USDT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ code: 'exchange_unavailable' });
    expect((error as MarketDataError).cause).toBeInstanceOf(NetworkError);
  });

  it('maps the exchange answering 503 and 429', async () => {
    const down = redirect(createCcxtExchange('kraken', 2000), await answering(503));
    expect(await codeOf(new CcxtFeed({ exchange: down }).getCandles('BTC/USD', '1h'))).toBe(
      'exchange_unavailable',
    );
    server?.close();
    const busy = redirect(createCcxtExchange('kraken', 2000), await answering(429));
    expect(await codeOf(new CcxtFeed({ exchange: busy }).getOrderBook('BTC/USD'))).toBe('rate_limited');
  });

  it('refuses unknown exchange ids and sandboxes that do not exist', () => {
    expect(() => new CcxtFeed({ exchange: 'no-such-exchange' })).toThrow(/unknown ccxt exchange id/);
    expect(() => new CcxtFeed({ exchange: 'kraken', sandbox: true })).toThrow(/sandbox/);
    expect(new CcxtFeed({ exchange: 'binance', sandbox: true }).kind).toBe('ccxt:binance');
  });
});

describe('the ccxt feed', () => {
  it('maps markets with their trading rules and drops inactive ones', async () => {
    const feed = new CcxtFeed({ exchange: fakeExchange().exchange }, new ManualClock(NOW));
    expect(await feed.listMarkets()).toEqual([
      {
        symbol: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        tickSize: 0.01,
        lotSize: 0.00001,
        pricePrecision: 2,
        amountPrecision: 5,
        minQuantity: 0.00001,
        minNotional: 5,
        timeframes: ['1m', '1h', '1d'],
        source: 'fake via ccxt',
      },
    ]);
    expect(await codeOf(feed.getMarket('DOGE/USDT'))).toBe('bad_symbol');
    expect(await codeOf(feed.getCandles('BTC/USDT', '4h'))).toBe('unsupported_timeframe');
  });

  it('returns only closed candles, and asks for one more to make up for the open one', async () => {
    const { exchange, calls } = fakeExchange();
    const feed = new CcxtFeed({ exchange }, new ManualClock(NOW));
    const candles = await feed.getCandles('BTC/USDT', '1m', { limit: 4 });
    expect(calls).toEqual(['fetchOHLCV BTC/USDT 1m undefined 5']);
    expect(candles.map((c) => new Date(c.time).toISOString().slice(11, 16))).toEqual([
      '12:30',
      '12:31',
      '12:32',
      '12:33',
    ]);
    expect(candles[0]).toEqual({
      time: Date.parse('2024-05-01T12:30:00Z'),
      open: 100,
      high: 101,
      low: 99,
      close: 100.5,
      volume: 1,
    });
  });

  it('maps tickers and books', async () => {
    const feed = new CcxtFeed({ exchange: fakeExchange().exchange }, new ManualClock(NOW));
    expect(await feed.getTicker('BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      time: NOW - 500,
      last: 64_000.5,
      bid: 64_000,
      ask: 64_001,
      high24h: 65_000,
      low24h: 63_000,
      volume24h: 1234.5,
      stale: false,
    });
    expect(await feed.getOrderBook('BTC/USDT', 2)).toEqual({
      symbol: 'BTC/USDT',
      time: NOW,
      bids: [
        [64_000, 1],
        [63_999, 2],
      ],
      asks: [
        [64_001, 1.5],
        [64_002, 2.5],
      ],
      synthetic: false,
      stale: false,
    });
  });

  it('reuses an answer for 2 seconds, shares calls in flight, and does not remember failures', async () => {
    let failNext = false;
    const { exchange, calls } = fakeExchange();
    const fetchTicker = exchange.fetchTicker.bind(exchange);
    exchange.fetchTicker = async (symbol) => {
      if (failNext) {
        failNext = false;
        calls.push('fetchTicker failed');
        throw new RequestTimeout('timed out');
      }
      return fetchTicker(symbol);
    };
    const clock = new ManualClock(NOW);
    const feed = new CcxtFeed({ exchange }, clock);
    await Promise.all([feed.getTicker('BTC/USDT'), feed.getTicker('BTC/USDT')]);
    clock.advance(1999);
    await feed.getTicker('BTC/USDT');
    expect(calls).toEqual(['fetchTicker BTC/USDT']);
    clock.advance(1);
    failNext = true;
    expect(await codeOf(feed.getTicker('BTC/USDT'))).toBe('exchange_unavailable');
    await feed.getTicker('BTC/USDT');
    expect(calls).toEqual(['fetchTicker BTC/USDT', 'fetchTicker failed', 'fetchTicker BTC/USDT']);
  });

  it('delivers candle closes it has not delivered before', async () => {
    let minutes = 5;
    const { exchange } = fakeExchange({
      async fetchOHLCV() {
        const start = Date.parse('2024-05-01T12:30:00Z');
        return Array.from({ length: minutes }, (_, i) => [start + i * MINUTE, 1, 1, 1, 1, 1]);
      },
    });
    const clock = new ManualClock(NOW);
    const feed = new CcxtFeed({ exchange, cacheTtlMs: 0, pollIntervalMs: 60_000 }, clock);
    const seen: string[] = [];
    const stop = feed.onCandle((e) => seen.push(new Date(e.candle.time).toISOString().slice(11, 16)), {
      symbol: 'BTC/USDT',
      timeframe: '1m',
    });
    expect(await feed.poll()).toEqual([]);
    minutes = 7;
    clock.set(Date.parse('2024-05-01T12:36:30Z'));
    await feed.poll();
    expect(seen).toEqual(['12:34', '12:35']);
    stop();
    expect(() => feed.onCandle(() => {})).toThrow(TypeError);
    await feed.close();
  });
});
