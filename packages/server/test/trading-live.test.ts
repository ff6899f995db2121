import { Decimal, ManualClock } from '@sigmax/engine';
import { InsufficientFunds } from 'ccxt';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CcxtOrderLike, CcxtTradingExchangeLike } from '../src/adapters/venue/ccxt-trading-exchange';
import { CcxtVenue } from '../src/adapters/venue/ccxt-venue';
import { orders } from '../src/db/schema';
import { startTestServer, type TestServer } from './support';
import { place, replayAt } from './support/trading';

const PRICE = 33_000;

/**
 * An exchange with ccxt's method names and answer shapes, holding its orders in memory: market orders
 * fill at once at {@link PRICE}, limit orders rest until the test fills them.
 */
class FakeExchange implements CcxtTradingExchangeLike {
  id = 'fake';
  has = {
    createOrder: true,
    cancelOrder: true,
    fetchOrder: true,
    fetchOpenOrders: true,
    fetchClosedOrders: true,
    fetchBalance: true,
  };
  apiKey?: string;
  secret?: string;
  readonly orders = new Map<string, CcxtOrderLike>();
  private sequence = 0;

  async loadMarkets() {
    return { 'BTC/USDT': { symbol: 'BTC/USDT' }, 'ETH/USDT': { symbol: 'ETH/USDT' } };
  }

  async createOrder(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price?: number,
    params?: Record<string, unknown>,
  ) {
    if (amount > 1)
      throw new InsufficientFunds('fake: account has insufficient balance for requested action');
    const id = `x${++this.sequence}`;
    const order: CcxtOrderLike = {
      id,
      clientOrderId: params?.clientOrderId as string,
      timestamp: Date.now(),
      symbol,
      type,
      side,
      price,
      amount,
      filled: 0,
      remaining: amount,
      status: 'open',
      trades: [],
    };
    this.orders.set(id, order);
    if (type === 'market') this.fill(id, PRICE, 'taker');
    return { ...order, ...this.orders.get(id) };
  }

  /** Fills an order whole at `price`. */
  fill(id: string, price: number, takerOrMaker: 'taker' | 'maker') {
    const order = this.orders.get(id) as CcxtOrderLike;
    const amount = order.amount as number;
    const cost = Number((price * amount).toFixed(8));
    Object.assign(order, {
      status: 'closed',
      filled: amount,
      remaining: 0,
      average: price,
      cost,
      trades: [
        {
          id: `${id}-t`,
          order: id,
          timestamp: Date.now(),
          price,
          amount,
          takerOrMaker,
          fee: { cost: Number((cost * 0.001).toFixed(8)), currency: 'USDT' },
        },
      ],
    });
  }

  async fetchOrder(id: string | undefined) {
    const order = id ? this.orders.get(id) : undefined;
    if (!order) throw new Error(`no order ${id}`);
    return { ...order };
  }

  async fetchOpenOrders(symbol?: string) {
    return [...this.orders.values()].filter((o) => o.status === 'open' && (!symbol || o.symbol === symbol));
  }

  async fetchClosedOrders(symbol?: string) {
    return [...this.orders.values()].filter((o) => o.status !== 'open' && (!symbol || o.symbol === symbol));
  }

  async cancelOrder(id: string) {
    const order = this.orders.get(id) as CcxtOrderLike;
    order.status = 'canceled';
    return { ...order };
  }

  async fetchBalance() {
    return { USDT: { free: 10_000, used: 0, total: 10_000 }, BTC: { free: 0.5, used: 0, total: 0.5 } };
  }

  amountToPrecision(_symbol: string, amount: string) {
    return amount;
  }

  priceToPrecision(_symbol: string, price: string) {
    return price;
  }
}

describe('live trading through the ccxt venue (an exchange double)', () => {
  let t: TestServer;
  const exchange = new FakeExchange();
  beforeAll(async () => {
    t = await startTestServer({
      config: {
        tradingMode: 'live',
        exchangeApiKey: 'dummy-key-for-the-test',
        exchangeSecret: 'dummy-secret',
      },
      market: replayAt('2021-01-04T00:00:00Z').feed,
      venue: new CcxtVenue({ exchange, clock: new ManualClock(Date.parse('2030-01-01T00:00:00Z')) }),
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('opens the account with what the exchange holds', async () => {
    const portfolio = await (await t.request('/v1/portfolio')).json();
    const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
    expect(portfolio.balances).toEqual([
      { asset: 'BTC', free: '0.5', locked: '0', total: '0.5' },
      { asset: 'USDT', free: '10000', locked: '0', total: '10000' },
    ]);
    expect(portfolio.positions).toEqual([
      expect.objectContaining({ symbol: 'BTC/USDT', quantity: '0.5', averageEntryPrice: ticker.last }),
    ]);
  });

  it('places a market order at the exchange and books its fill', async () => {
    const order = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    const notional = Decimal.from(PRICE).mul('0.01');
    expect(order).toMatchObject({
      venue: 'ccxt:fake',
      venueOrderId: expect.any(String),
      status: 'filled',
      averageFillPrice: String(PRICE),
      filledNotional: notional.toString(),
    });
    const portfolio = await (await t.request('/v1/portfolio')).json();
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT').total).toBe(
      Decimal.from('10000').sub(notional).sub(order.fees).toString(),
    );
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'BTC').total).toBe('0.51');
  });

  it('learns of a resting order’s fill by asking the exchange', async () => {
    const order = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.02',
      price: '30000',
    });
    expect(order.status).toBe('open');
    await t.server.services.trading.syncWithVenue();
    expect((await (await t.request(`/v1/orders/${order.id}`)).json()).status).toBe('open');
    exchange.fill(order.venueOrderId, 30_000, 'maker');
    await t.server.services.trading.syncWithVenue();
    const filled = await (await t.request(`/v1/orders/${order.id}`)).json();
    expect(filled).toMatchObject({ status: 'filled', filledQuantity: '0.02', averageFillPrice: '30000' });
    const fills = await (await t.request(`/v1/fills?orderId=${order.id}`)).json();
    expect(fills.data).toEqual([
      expect.objectContaining({ price: '30000', quantity: '0.02', liquidity: 'maker' }),
    ]);
  });

  it('cancels at the exchange, and refuses what the exchange cannot fund without storing it', async () => {
    const order = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '25000',
    });
    const canceled = await t.request(`/v1/orders/${order.id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    expect((await canceled.json()).status).toBe('canceled');
    expect(exchange.orders.get(order.venueOrderId)?.status).toBe('canceled');

    const db = t.server.services.database.db;
    const [before] = await db.select({ n: count() }).from(orders);
    const refused = await place(
      t,
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '2',
        price: '25000',
        clientOrderId: 'too-big',
      },
      422,
    );
    expect(refused.code).toBe('insufficient_funds');
    const [after] = await db.select({ n: count() }).from(orders);
    expect(after?.n).toBe(before?.n);
    expect(await db.select().from(orders).where(eq(orders.clientOrderId, 'too-big'))).toEqual([]);
  });
});
