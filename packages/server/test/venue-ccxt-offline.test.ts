import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createOrder, ManualClock, VenueError } from '@sigmax/engine';
import type ccxt from 'ccxt';
import { NetworkError } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { createCcxtExchange } from '../src/adapters/market';
import type { CcxtTradingExchangeLike } from '../src/adapters/venue/ccxt-trading-exchange';
import { CcxtVenue } from '../src/adapters/venue/ccxt-venue';

// A real ccxt exchange object is a CcxtTradingExchangeLike: checked by the typecheck.
const _realExchangeFits: (exchange: InstanceType<typeof ccxt.binance>) => CcxtTradingExchangeLike = (
  exchange,
) => exchange;

const NOW = Date.parse('2024-05-01T12:00:00Z');
const API_KEY = 'dummy-api-key-0123456789abcdef';
const SECRET = 'dummy-secret-fedcba9876543210';
const PASSWORD = 'dummy-passphrase';

type RealExchange = CcxtTradingExchangeLike & {
  urls: unknown;
  fetch(url: string, method?: string, headers?: unknown, body?: unknown): Promise<unknown>;
};

/** Points every URL of the exchange at this machine, so nothing leaves it whether or not it has a network. */
function redirect(exchange: RealExchange, origin: string): void {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/^https?:\/\/[^/]+/, origin);
    if (value && typeof value === 'object') {
      for (const key of Object.keys(value))
        (value as Record<string, unknown>)[key] = visit((value as Record<string, unknown>)[key]);
    }
    return value;
  };
  visit(exchange.urls);
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Binance (sandbox, dummy keys) whose every request goes to a closed local port, recording the requests. */
async function unreachableBinance() {
  const exchange = createCcxtExchange('binance', 2000) as unknown as RealExchange;
  redirect(exchange, `http://127.0.0.1:${await closedPort()}`);
  const requests: string[] = [];
  const fetch = exchange.fetch.bind(exchange);
  exchange.fetch = (url, method, headers, body) => {
    requests.push(`${method} ${url}`);
    return fetch(url, method, headers, body);
  };
  return { exchange, requests };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const limitBuy = () =>
  createOrder(
    {
      id: 'ord-1',
      clientOrderId: 'cli-1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      limitPrice: '50000',
    },
    { at: new Date(NOW) },
  );

const leaks = (text: string) => [API_KEY, SECRET, PASSWORD].filter((secret) => text.includes(secret));

describe('a real ccxt exchange, without a network', () => {
  it('is built offline from its id, serialises as its id alone and shows no credential', () => {
    const venue = new CcxtVenue({
      exchange: 'binance',
      sandbox: true,
      apiKey: API_KEY,
      secret: SECRET,
      password: PASSWORD,
      clock: new ManualClock(NOW),
    });
    expect(venue.id).toBe('ccxt:binance');
    expect(JSON.stringify(venue)).toBe('{"id":"ccxt:binance"}');
    expect(leaks(inspect(venue, { depth: 10, showHidden: true }))).toEqual([]);
  });

  it('fails balances() and place() with exchange_unavailable; the failing market load stops place() before any order is sent', async () => {
    const { exchange, requests } = await unreachableBinance();
    const venue = new CcxtVenue({
      exchange,
      sandbox: true,
      apiKey: API_KEY,
      secret: SECRET,
      clock: new ManualClock(NOW),
    });

    const balances = await failure(venue.balances());
    expect(balances).toBeInstanceOf(VenueError);
    expect(balances).toMatchObject({ code: 'exchange_unavailable' });
    expect((balances as VenueError).cause).toBeInstanceOf(NetworkError);

    const placed = await failure(venue.place(limitBuy()));
    expect(placed).toBeInstanceOf(VenueError);
    expect(placed).toMatchObject({ code: 'exchange_unavailable' });
    expect((placed as VenueError).message).toMatch(/^binance loadMarkets: NetworkError: /);

    // ccxt itself, asked to create the order directly, also stops at loading the markets.
    const direct = await failure(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 50_000, {}));
    expect(direct).toBeInstanceOf(NetworkError);

    // Every request attempted was a public market-data read: none reached an order endpoint.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.startsWith('GET ') && r.includes('exchangeInfo'))).toBe(true);
    expect(requests.filter((r) => /\/order\b/.test(r))).toEqual([]);
    const texts = [balances, placed].flatMap((e) => [
      (e as Error).message,
      JSON.stringify(e),
      inspect(e, { depth: 5 }),
    ]);
    expect(texts.flatMap(leaks)).toEqual([]);
  });
});
