import {
  APIError,
  DuplicateClientOrderIdError,
  EquityHistoryPage,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  NotFoundError,
  type Order,
  OrderNotCancelableError,
  PermissionDeniedError,
  Sigmax,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The trading resources against the reference server in-process (paper exchange, replayed market
// data). Every response passes through the server's spec validator, so a status, header or body the
// spec does not describe fails the test.

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const SIGNED_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const SYMBOL = 'BTC/USDT';
const QUANTITY = '0.001';

describe('SDK trading resources against the reference server', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  /** A limit price no 2020 replay bar reaches (half the best bid, on the tick grid): the order rests. */
  let restingPrice: string;
  const as = (apiKey: string) =>
    new Sigmax({ baseUrl: 'http://localhost', apiKey, fetch: t.fetch, maxRetries: 0 });
  const restingBuy = (changes: { clientOrderId?: string; quantity?: string } = {}) =>
    sigmax.orders.create({
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      quantity: QUANTITY,
      price: restingPrice,
      ...changes,
    });

  beforeAll(async () => {
    t = await startTestServer();
    sigmax = as(t.adminKey);
    const { bids } = await sigmax.markets.orderBook(SYMBOL, { depth: 1 });
    restingPrice = (Number(bids[0]?.[0]) / 2).toFixed(2);
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  describe('markets', () => {
    it('lists the markets with their rules as decimal strings', async () => {
      const { data } = await sigmax.markets.list();
      const btc = data.find((market) => market.symbol === SYMBOL);
      expect(btc).toMatchObject({ symbol: SYMBOL, base: 'BTC', quote: 'USDT' });
      for (const field of ['tickSize', 'lotSize', 'minQuantity', 'minNotional'] as const) {
        expect(btc?.[field]).toMatch(DECIMAL);
      }
      await expect(sigmax.markets.get(SYMBOL)).resolves.toEqual(btc);
    });

    it('reads closed candles, oldest first', async () => {
      const candles = await sigmax.markets.candles(SYMBOL, { timeframe: '4h', limit: 5 });
      expect(candles).toMatchObject({ symbol: SYMBOL, timeframe: '4h' });
      expect(candles.data).toHaveLength(5);
      const times = candles.data.map((candle) => Date.parse(candle.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const candle of candles.data) expect(candle.close).toMatch(DECIMAL);
    });

    it('reads the ticker and the order book', async () => {
      const ticker = await sigmax.markets.ticker(SYMBOL);
      expect(ticker).toMatchObject({ symbol: SYMBOL, stale: false });
      expect(Number(ticker.bid)).toBeLessThanOrEqual(Number(ticker.ask));

      const book = await sigmax.markets.orderBook(SYMBOL, { depth: 3 });
      expect(book).toMatchObject({ symbol: SYMBOL, synthetic: true });
      expect(book.bids.length).toBeGreaterThan(0);
      expect(book.bids.length).toBeLessThanOrEqual(3);
      expect(book.asks.length).toBeLessThanOrEqual(3);
      const [bestBid] = book.bids[0] ?? [];
      const [bestAsk] = book.asks[0] ?? [];
      expect(bestBid).toMatch(DECIMAL);
      expect(Number(bestBid)).toBeLessThan(Number(bestAsk));
    });

    it('accepts the symbol with a dash too, and answers 404 for an unknown market', async () => {
      await expect(sigmax.markets.get('BTC-USDT')).resolves.toMatchObject({ symbol: SYMBOL });
      expect(await rejection(sigmax.markets.ticker('DOGE/USDT'))).toBeInstanceOf(NotFoundError);
    });

    it('rejects a bad candle query with field errors', async () => {
      const error = await rejection(sigmax.markets.candles(SYMBOL, { timeframe: '4h', limit: 0 }));
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect((error as UnprocessableEntityError).problem?.errors?.[0]?.path).toBe('query.limit');
    });

    it('reads indicator series aligned with the candles, and rejects an unknown indicator', async () => {
      const until = '2019-12-01T00:00:00Z';
      const result = await sigmax.markets.indicators(SYMBOL, {
        timeframe: '4h',
        names: ['rsi:14', 'macd', 'rsi'],
        limit: 5,
        until,
      });
      const candles = await sigmax.markets.candles(SYMBOL, { timeframe: '4h', until, limit: 5 });
      expect(result.time).toEqual(candles.data.map((candle) => candle.time));
      expect(result.series.map((series) => [series.name, series.warmup])).toEqual([
        ['rsi:14', 14],
        ['macd:12:26:9', 33],
      ]);
      const rsi = result.series[0]?.outputs.value ?? [];
      expect(rsi).toHaveLength(5);
      for (const value of rsi) expect(value).toBeGreaterThanOrEqual(0);
      expect(Object.keys(result.series[1]?.outputs ?? {})).toEqual(['macd', 'signal', 'histogram']);

      const error = await rejection(sigmax.markets.indicators(SYMBOL, { timeframe: '4h', names: 'rsi,foo' }));
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect((error as UnprocessableEntityError).problem?.errors).toEqual([
        { path: 'query.names', message: expect.stringContaining("'foo'") },
      ]);
    });
  });

  describe('orders', () => {
    it('places a resting limit order, gets, lists and cancels it', async () => {
      const order = await restingBuy();
      expect(order).toMatchObject({
        symbol: SYMBOL,
        side: 'buy',
        type: 'limit',
        status: 'open',
        quantity: QUANTITY,
        price: restingPrice,
        filledQuantity: '0',
        venue: 'paper',
      });
      await expect(sigmax.orders.get(order.id)).resolves.toMatchObject({ id: order.id, status: 'open' });

      const open: string[] = [];
      for await (const o of sigmax.orders.list({ symbol: SYMBOL, status: 'open' })) open.push(o.id);
      expect(open).toContain(order.id);

      const canceled = await sigmax.orders.cancel(order.id);
      expect(canceled).toMatchObject({ id: order.id, status: 'canceled' });
      const transitions = await sigmax.orders.transitions(order.id);
      expect(transitions.orderId).toBe(order.id);
      expect(transitions.data.at(-1)?.to).toBe('canceled');

      const again = await rejection(sigmax.orders.cancel(order.id));
      expect(again).toBeInstanceOf(OrderNotCancelableError);
      expect((again as OrderNotCancelableError).code).toBe('order_not_cancelable');
      expect((again as OrderNotCancelableError).order).toMatchObject({ id: order.id, status: 'canceled' });
    });

    it('places a market order that fills, with its fills', async () => {
      const order = await sigmax.orders.create({
        symbol: SYMBOL,
        side: 'buy',
        type: 'market',
        quantity: QUANTITY,
      });
      expect(order).toMatchObject({
        type: 'market',
        price: null,
        status: 'filled',
        filledQuantity: QUANTITY,
      });
      expect(order.averageFillPrice).toMatch(DECIMAL);
      expect(order.fees).toMatch(SIGNED_DECIMAL);

      const fills = [];
      for await (const fill of sigmax.fills.list({ orderId: order.id })) fills.push(fill);
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) {
        expect(fill).toMatchObject({ orderId: order.id, symbol: SYMBOL, side: 'buy', liquidity: 'taker' });
        expect(fill.price).toMatch(DECIMAL);
      }
    });

    it('exposes the existing order on a duplicate clientOrderId', async () => {
      const clientOrderId = `dup-${Date.now()}`;
      const first = await restingBuy({ clientOrderId });
      const error = await rejection(restingBuy({ clientOrderId }));
      expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
      expect((error as DuplicateClientOrderIdError).order).toMatchObject({ id: first.id, clientOrderId });
      await sigmax.orders.cancel(first.id);
    });

    it('replaces an open limit order', async () => {
      const order = await restingBuy();
      const replacement = await sigmax.orders.replace(order.id, { quantity: '0.002' });
      expect(replacement).toMatchObject({
        replaces: order.id,
        status: 'open',
        quantity: '0.002',
        price: restingPrice,
      });
      await expect(sigmax.orders.get(order.id)).resolves.toMatchObject({
        status: 'replaced',
        replacedBy: replacement.id,
      });
      const twice = await rejection(sigmax.orders.replace(order.id, { price: restingPrice }));
      expect(twice).toBeInstanceOf(OrderNotCancelableError);
      expect((twice as OrderNotCancelableError).order).toMatchObject({ id: order.id, status: 'replaced' });
      await sigmax.orders.cancel(replacement.id);
    });

    it('cancels every open order of a market', async () => {
      const placed = [await restingBuy(), await restingBuy()];
      const { data } = await sigmax.orders.cancelAll({ symbol: SYMBOL });
      expect(data.map((order) => order.id)).toEqual(expect.arrayContaining(placed.map((o) => o.id)));
      expect(data.every((order) => order.status === 'canceled')).toBe(true);
      expect((await sigmax.orders.list({ status: 'open' })).data).toEqual([]);
    });

    it('walks every page of the order list, newest first', async () => {
      for (let i = 0; i < 3; i++) await restingBuy();
      await sigmax.orders.cancelAll();
      const all: Order[] = [];
      for await (const order of sigmax.orders.list({ limit: 2 })) all.push(order);
      const firstPage = await sigmax.orders.list({ limit: 2 });
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect(new Set(all.map((order) => order.id)).size).toBe(all.length);
      expect(all.slice(0, 2)).toEqual(firstPage.data);
      const created = all.map((order) => Date.parse(order.createdAt));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });

    it('replays a create with the same Idempotency-Key, and refuses it with another body', async () => {
      const idempotencyKey = `order-${Date.now()}`;
      const first = await sigmax.orders.create(
        { symbol: SYMBOL, side: 'buy', type: 'limit', quantity: QUANTITY, price: restingPrice },
        { idempotencyKey },
      );
      const replayed = await sigmax.orders.create(
        { symbol: SYMBOL, side: 'buy', type: 'limit', quantity: QUANTITY, price: restingPrice },
        { idempotencyKey },
      );
      expect(replayed.id).toBe(first.id);
      const reused = await rejection(
        sigmax.orders.create(
          { symbol: SYMBOL, side: 'buy', type: 'limit', quantity: '0.002', price: restingPrice },
          { idempotencyKey },
        ),
      );
      expect(reused).toBeInstanceOf(IdempotencyKeyReusedError);
      await sigmax.orders.cancel(first.id);
    });

    it('refuses what the account cannot pay, and invalid fields', async () => {
      expect(await rejection(restingBuy({ quantity: '1000000' }))).toBeInstanceOf(InsufficientFundsError);
      const invalid = await rejection(restingBuy({ quantity: '-1' }));
      expect(invalid).toBeInstanceOf(UnprocessableEntityError);
      expect((invalid as UnprocessableEntityError).problem?.errors?.map((e) => e.path)).toContain(
        'body.quantity',
      );
      expect(await rejection(sigmax.orders.get('ord_00000000000000000000000000'))).toBeInstanceOf(
        NotFoundError,
      );
      const unknownMarket = { symbol: 'DOGE/USDT', side: 'buy', type: 'market', quantity: '1' } as const;
      expect(await rejection(sigmax.orders.create(unknownMarket))).toBeInstanceOf(NotFoundError);
    });

    it('needs the trade scope to place orders', async () => {
      const reader = await sigmax.apiKeys.create({ name: 'reader', scopes: ['read'] });
      const read = as(reader.key);
      await expect(read.markets.list()).resolves.toHaveProperty('data');
      await expect(read.orders.list()).resolves.toHaveProperty('data');
      expect(
        await rejection(
          read.orders.create({ symbol: SYMBOL, side: 'buy', type: 'market', quantity: QUANTITY }),
        ),
      ).toBeInstanceOf(PermissionDeniedError);
    });
  });

  describe('positions and portfolio', () => {
    it('shows the position bought, and closes it', async () => {
      await sigmax.orders.create({ symbol: SYMBOL, side: 'buy', type: 'market', quantity: QUANTITY });
      const { data } = await sigmax.positions.list();
      const position = data.find((p) => p.symbol === SYMBOL);
      expect(position?.quantity).toMatch(DECIMAL);
      expect(Number(position?.quantity)).toBeGreaterThan(0);
      expect(position?.unrealizedPnl).toMatch(SIGNED_DECIMAL);

      const closing = await sigmax.positions.close(SYMBOL);
      expect(closing).toMatchObject({ symbol: SYMBOL, side: 'sell', type: 'market', status: 'filled' });
      expect(closing.filledQuantity).toBe(position?.quantity);
      const after = (await sigmax.positions.list()).data.find((p) => p.symbol === SYMBOL);
      expect(after === undefined || after.quantity === '0').toBe(true);

      const none = await rejection(sigmax.positions.close(SYMBOL));
      expect(none).toBeInstanceOf(APIError);
      expect((none as APIError).code).toBe('no_position');
    });

    it('reads the portfolio and its equity history', async () => {
      const portfolio = await sigmax.portfolio.get();
      expect(portfolio.quoteAsset).toBe('USDT');
      for (const field of ['cash', 'positionsValue', 'equity'] as const) {
        expect(portfolio[field]).toMatch(DECIMAL);
      }
      expect(portfolio.balances.map((balance) => balance.asset)).toContain('USDT');

      const page = await sigmax.portfolio.history({ limit: 1 });
      expect(page).toBeInstanceOf(EquityHistoryPage);
      expect(page.quoteAsset).toBe('USDT');
      const times: number[] = [];
      for await (const point of sigmax.portfolio.history({ limit: 1 })) {
        expect(point.equity).toMatch(DECIMAL);
        times.push(Date.parse(point.time));
      }
      // One point after every fill: the market buys and the close above.
      expect(times.length).toBeGreaterThan(0);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });
});
