import { inspect } from 'node:util';
import {
  createOrder,
  Decimal,
  ManualClock,
  type Order,
  type OrderRequest,
  OrderStateError,
  VenueError,
  type VenueReport,
} from '@sigmax/engine';
import {
  AccountSuspended,
  AuthenticationError,
  BadRequest,
  BadResponse,
  BadSymbol,
  DDoSProtection,
  DuplicateOrderId,
  ExchangeError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  MarketClosed,
  NetworkError,
  NotSupported,
  NullResponse,
  OnMaintenance,
  OrderImmediatelyFillable,
  OrderNotFound,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import type {
  CcxtOrderLike,
  CcxtTradeLike,
  CcxtTradingExchangeLike,
} from '../src/adapters/venue/ccxt-trading-exchange';
import { CcxtVenue, type CcxtVenueOptions } from '../src/adapters/venue/ccxt-venue';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const API_KEY = 'k3y-AbCdEf0123456789';
const SECRET = 's3cr3t/XyZ+9876543210==';
const PASSWORD = 'pa55-phrase-42';

type Params = Record<string, unknown>;
interface StoredOrder extends CcxtOrderLike {
  trades: CcxtTradeLike[];
}

/**
 * A scripted exchange with ccxt's method names and answer shapes (numbers, as ccxt gives them). It keeps
 * the orders it accepted, so a lookup after a timeout finds what "reached" it, and records every call.
 */
class ScriptedExchange implements CcxtTradingExchangeLike {
  id = 'fake';
  has: Record<string, boolean | 'emulated' | undefined> = {
    createOrder: true,
    cancelOrder: true,
    fetchOrder: true,
    fetchOpenOrders: true,
    fetchClosedOrders: true,
    fetchMyTrades: false,
    fetchOrderTrades: false,
    fetchBalance: true,
  };
  apiKey?: string;
  secret?: string;
  password?: string;
  markets: Record<string, unknown> = { 'BTC/USDT': { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' } };
  calls: string[] = [];
  createCalls: unknown[][] = [];
  orders = new Map<string, StoredOrder>();
  /** Thrown once by the next call of the method named. */
  failNext: Record<string, Error> = {};
  /** `accept`: answer; `accept-then-timeout`: keep the order but time out; `timeout`: lose the request. */
  createMode: 'accept' | 'accept-then-timeout' | 'timeout' = 'accept';
  /** Executions of a market order on arrival: [price, amount, fee?]. */
  marketFills: [number, number, { cost: number; currency: string }?][] = [
    [64_000, 0.3],
    [64_010.5, 0.2],
  ];
  /** Whether orders carry their trades (most exchanges do not on fetchOrder). */
  tradesOnOrders = true;
  /** Whether answers carry filled/cost/average (an id-only answer otherwise). */
  cancelAnswersIdOnly = false;
  balance: Record<string, unknown> = {};
  private sequence = 100;

  async loadMarkets() {
    this.record('loadMarkets');
    return this.markets;
  }

  async createOrder(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price?: number,
    params?: Params,
  ) {
    this.record('createOrder');
    this.createCalls.push([symbol, type, side, amount, price, params]);
    if (this.createMode === 'timeout') throw new RequestTimeout('fake POST https://api.fake/order timed out');
    const id = String(++this.sequence);
    this.orders.set(id, {
      id,
      clientOrderId: params?.clientOrderId as string,
      timestamp: NOW,
      symbol,
      type,
      side,
      price,
      amount,
      filled: 0,
      remaining: amount,
      cost: 0,
      status: 'open',
      trades: [],
    });
    if (type === 'market') {
      for (const [p, a, fee] of this.marketFills) this.fill(id, a, p, 'taker', fee);
    }
    if (this.createMode === 'accept-then-timeout') {
      throw new RequestTimeout('fake POST https://api.fake/order timed out');
    }
    return this.view(id);
  }

  /** An execution on an order, as the matching engine would make it (amounts kept exact with Decimal). */
  fill(
    id: string,
    amount: number,
    price: number,
    liquidity = 'maker',
    fee?: { cost: number; currency: string },
  ) {
    const order = this.orders.get(id) as StoredOrder;
    const filled = Decimal.from(order.filled ?? 0).add(amount);
    const cost = Decimal.from(order.cost ?? 0).add(Decimal.from(price).mul(amount));
    const trade: CcxtTradeLike = {
      id: String(++this.sequence),
      order: id,
      timestamp: NOW + this.sequence,
      price,
      amount,
      takerOrMaker: liquidity,
      fee: fee ?? { cost: Decimal.from(price).mul(amount).mul('0.001').toNumber(), currency: 'USDT' },
    };
    order.trades.push(trade);
    order.filled = filled.toNumber();
    order.remaining = Decimal.from(order.amount ?? 0)
      .sub(filled)
      .toNumber();
    order.cost = cost.toNumber();
    order.average = cost.div(filled, 8).toNumber();
    order.lastTradeTimestamp = trade.timestamp;
    if (filled.eq(order.amount ?? 0)) order.status = 'closed';
    return trade;
  }

  async fetchOrder(id: string | undefined, symbol?: string, params?: Params) {
    this.record('fetchOrder');
    const order =
      id !== undefined
        ? this.orders.get(id)
        : [...this.orders.values()].find((o) => o.clientOrderId === params?.clientOrderId);
    if (!order || order.symbol !== symbol) throw new OrderNotFound('fake: Order does not exist.');
    return this.view(order.id as string);
  }

  async fetchOpenOrders(symbol?: string) {
    this.record('fetchOpenOrders');
    return [...this.orders.values()]
      .filter((o) => o.symbol === symbol && o.status === 'open')
      .map((o) => this.view(o.id as string));
  }

  async fetchClosedOrders(symbol?: string, since?: number) {
    this.record(`fetchClosedOrders since ${since}`);
    return [...this.orders.values()]
      .filter((o) => o.symbol === symbol && o.status !== 'open')
      .map((o) => this.view(o.id as string));
  }

  async fetchMyTrades(symbol?: string, since?: number) {
    this.record(`fetchMyTrades since ${since}`);
    return [...this.orders.values()]
      .filter((o) => o.symbol === symbol)
      .flatMap((o) => o.trades.map((t) => ({ ...t, fee: t.fee && { ...t.fee } })));
  }

  async cancelOrder(id: string, symbol?: string) {
    this.record(`cancelOrder ${id} ${symbol}`);
    const order = this.orders.get(id);
    if (order?.status !== 'open') throw new OrderNotFound('fake: Unknown order sent.');
    order.status = 'canceled';
    if (this.cancelAnswersIdOnly) return { id } as CcxtOrderLike;
    return this.view(id);
  }

  async fetchBalance() {
    this.record('fetchBalance');
    return this.balance;
  }

  amountToPrecision(_symbol: string, amount: string) {
    const sent = Decimal.from(amount).quantize('0.00001');
    if (sent.isZero()) throw new InvalidOrder('fake amount must be greater than minimum amount precision');
    return sent.toString();
  }

  priceToPrecision(_symbol: string, price: string) {
    return Decimal.from(price).round(2).toString();
  }

  count(name: string): number {
    return this.calls.filter((c) => c.split(' ')[0] === name).length;
  }

  private record(call: string) {
    this.calls.push(call);
    const name = call.split(' ')[0] as string;
    const error = this.failNext[name];
    if (error) {
      delete this.failNext[name];
      throw error;
    }
  }

  private view(id: string): CcxtOrderLike {
    const order = this.orders.get(id) as StoredOrder;
    return {
      ...order,
      trades: this.tradesOnOrders ? order.trades.map((t) => ({ ...t, fee: t.fee && { ...t.fee } })) : [],
    };
  }
}

function setup(options: Partial<CcxtVenueOptions> = {}, configure?: (exchange: ScriptedExchange) => void) {
  const exchange = new ScriptedExchange();
  configure?.(exchange);
  const clock = new ManualClock(NOW);
  const venue = new CcxtVenue({
    exchange,
    apiKey: API_KEY,
    secret: SECRET,
    password: PASSWORD,
    clock,
    ...options,
  });
  return { exchange, venue, clock };
}

function order(overrides: Partial<OrderRequest> = {}): Order {
  return createOrder(
    {
      id: 'ord-1',
      clientOrderId: 'cli-1',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.5',
      limitPrice: '64000',
      ...overrides,
    },
    { at: new Date(NOW) },
  );
}

/** A report as plain JSON: decimals as strings, dates as ISO strings. */
function plain(report: VenueReport) {
  return JSON.parse(JSON.stringify(report));
}

function path(report: VenueReport): string[] {
  return report.transitions.map((t) => `${t.from}→${t.to}`);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('placing orders', () => {
  it('fills a market order at once, with the fills of its trades and exact amounts', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.marketFills = [
        [64_000, 0.3],
        [64_010.5, 0.2, { cost: 0.0002, currency: 'BTC' }],
      ];
    });
    const report = await venue.place(order({ type: 'market', limitPrice: undefined }));
    expect(venue.id).toBe('ccxt:fake');
    expect(exchange.createCalls).toEqual([
      ['BTC/USDT', 'market', 'buy', 0.5, undefined, { clientOrderId: 'cli-1' }],
    ]);
    expect(path(report)).toEqual(['pending_new→partially_filled', 'partially_filled→filled']);
    expect(report.venueOrderId).toBe('101');
    const json = plain(report);
    expect(json.fills).toEqual([
      {
        tradeId: 'ord-1-1',
        orderId: 'ord-1',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: '64000',
        quantity: '0.3',
        notional: '19200',
        fee: '19.2',
        feeAsset: 'USDT',
        liquidity: 'taker',
        at: new Date(NOW + 102).toISOString(),
      },
      {
        tradeId: 'ord-1-2',
        orderId: 'ord-1',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: '64010.5',
        quantity: '0.2',
        notional: '12802.1',
        // 0.0002 BTC charged in the base asset, valued at the fill price: 0.0002 × 64010.5.
        fee: '12.8021',
        feeAsset: 'USDT',
        liquidity: 'taker',
        at: new Date(NOW + 103).toISOString(),
      },
    ]);
    expect(json.order).toMatchObject({
      status: 'filled',
      filledQuantity: '0.5',
      filledNotional: '32002.1',
      averageFillPrice: '64004.2',
      fees: '32.0021',
      fillCount: 2,
    });
  });

  it('rests a limit order, then reports a partial fill and the last fill on refresh, each once', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    expect(exchange.createCalls).toEqual([
      ['BTC/USDT', 'limit', 'buy', 0.5, 64000, { clientOrderId: 'cli-1', timeInForce: 'GTC' }],
    ]);
    expect(placed.order.status).toBe('open');
    expect(placed.transitions).toEqual([
      { orderId: 'ord-1', from: 'pending_new', to: 'open', reason: 'accepted by fake', at: new Date(NOW) },
    ]);
    expect(placed.fills).toEqual([]);
    expect(placed.venueOrderId).toBe('101');

    exchange.fill('101', 0.2, 64_000);
    const partial = await venue.refresh(placed.order);
    expect(path(partial)).toEqual(['open→partially_filled']);
    expect(plain(partial).fills).toMatchObject([
      { tradeId: 'ord-1-1', price: '64000', quantity: '0.2', fee: '12.8', liquidity: 'maker' },
    ]);
    expect(partial.order.filledQuantity.toString()).toBe('0.2');

    const again = await venue.refresh(partial.order);
    expect(again).toMatchObject({ fills: [], transitions: [], venueOrderId: '101' });
    expect(again.order).toEqual(partial.order);

    exchange.fill('101', 0.3, 63_999.99);
    const done = await venue.refresh(partial.order);
    expect(path(done)).toEqual(['partially_filled→filled']);
    expect(plain(done).fills).toMatchObject([{ tradeId: 'ord-1-2', price: '63999.99', quantity: '0.3' }]);
    expect(done.order.filledNotional.toString()).toBe('31999.997');
    expect(exchange.count('createOrder')).toBe(1);
  });

  it('fetches the order when the exchange answers a new order with its id alone', async () => {
    const { exchange, venue } = setup();
    const create = exchange.createOrder.bind(exchange);
    exchange.createOrder = async (...args) => ({ id: (await create(...args)).id });
    exchange.marketFills = [[64_000, 0.5]];
    const report = await venue.place(order({ type: 'market', limitPrice: undefined }));
    expect(exchange.calls).toEqual(['loadMarkets', 'createOrder', 'fetchOrder']);
    expect(report).toMatchObject({ venueOrderId: '101' });
    expect(path(report)).toEqual(['pending_new→filled']);
    expect(plain(report).fills).toMatchObject([{ tradeId: 'ord-1-1', price: '64000', quantity: '0.5' }]);
  });

  it('sends post-only orders with the flag and IOC/FOK limit orders with their time in force', async () => {
    const { exchange, venue } = setup();
    await venue.place(order({ postOnly: true }));
    await venue.place(order({ id: 'ord-2', clientOrderId: 'cli-2', timeInForce: 'IOC' }));
    expect(exchange.createCalls.map((c) => c[5])).toEqual([
      { clientOrderId: 'cli-1', postOnly: true },
      { clientOrderId: 'cli-2', timeInForce: 'IOC' },
    ]);
  });

  it('reads an IOC order the exchange expired, and one it closed short of its quantity', async () => {
    const { exchange, venue } = setup();
    exchange.createOrder = async (symbol, type, side, amount, price, params) => {
      exchange.createCalls.push([symbol, type, side, amount, price, params]);
      return { id: '7', status: 'expired', amount, filled: 0.1, cost: 6400, average: 64000, trades: [] };
    };
    const expired = await venue.place(order({ timeInForce: 'IOC' }));
    expect(path(expired)).toEqual(['pending_new→partially_filled', 'partially_filled→expired']);
    expect(expired.transitions[1]?.reason).toBe('expired on fake (IOC)');
    expect(plain(expired).fills).toMatchObject([{ tradeId: 'ord-1-1', price: '64000', quantity: '0.1' }]);

    exchange.createOrder = async () => ({
      id: '8',
      status: 'closed',
      filled: 0.2,
      remaining: 0.3,
      average: 64000,
    });
    const closed = await venue.place(order({ id: 'ord-2' }));
    expect(path(closed)).toEqual(['pending_new→partially_filled', 'partially_filled→canceled']);
    expect(closed.transitions[1]?.reason).toBe('closed by fake with 0.2 of 0.5 filled');
  });

  it('rejects, without sending, a symbol the exchange does not list and a size off its grid', async () => {
    const { exchange, venue } = setup();
    const unlisted = await venue.place(order({ symbol: 'DOGE/EUR' }));
    expect(unlisted.order.status).toBe('rejected');
    expect(unlisted.order.statusReason).toBe('fake does not list DOGE/EUR');
    const offLot = await venue.place(order({ quantity: '0.123456' }));
    expect(offLot.order.statusReason).toBe(
      "quantity 0.123456 does not fit fake's amount precision for BTC/USDT (it would send 0.12345)",
    );
    const offTick = await venue.place(order({ limitPrice: '64000.005' }));
    expect(offTick.order.statusReason).toMatch(/^limitPrice 64000.005 does not fit/);
    const tooSmall = await venue.place(order({ quantity: '0.000001' }));
    expect(tooSmall.order.statusReason).toMatch(/^fake refuses the order: InvalidOrder: .*minimum amount/);
    expect(path(tooSmall)).toEqual(['pending_new→rejected']);
    expect(exchange.count('createOrder')).toBe(0);
  });

  it('refuses to place an order that is already working', async () => {
    const { venue } = setup();
    const placed = await venue.place(order());
    const error = await failure(venue.place(placed.order));
    expect(error).toBeInstanceOf(OrderStateError);
    expect(error).toMatchObject({ code: 'illegal_order_transition' });
  });
});

describe('reconciliation', () => {
  it('settles a timeout on createOrder by finding the order that did arrive, never sending it again', async () => {
    const { exchange, venue } = setup({ lookup: 'fetchOrder' }, (ex) => {
      ex.createMode = 'accept-then-timeout';
    });
    const sent = await venue.place(order());
    expect(sent.order.status).toBe('unknown');
    expect(sent.venueOrderId).toBeUndefined();
    expect(sent.transitions).toHaveLength(1);
    expect(sent.transitions[0]).toMatchObject({ from: 'pending_new', to: 'unknown' });
    expect(sent.transitions[0]?.reason).toMatch(/^no answer from fake to the order \(RequestTimeout: /);
    exchange.fill('101', 0.2, 64_000);

    const settled = await venue.refresh(sent.order);
    expect(exchange.calls.at(-1)).toBe('fetchOrder');
    expect(settled.venueOrderId).toBe('101');
    expect(path(settled)).toEqual(['unknown→partially_filled']);
    expect(plain(settled).fills).toMatchObject([{ tradeId: 'ord-1-1', quantity: '0.2', price: '64000' }]);
    expect(exchange.count('createOrder')).toBe(1);
  });

  it('finds the order through a restarted venue, and place() of an unknown order looks before it sends', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.createMode = 'accept-then-timeout';
    });
    const sent = await venue.place(order());
    exchange.createMode = 'accept';
    // A new venue (a restarted server) knows no venue ids: it finds the order by clientOrderId.
    const restarted = new CcxtVenue({
      exchange,
      apiKey: API_KEY,
      secret: SECRET,
      clock: new ManualClock(NOW),
    });
    const again = await restarted.place(sent.order);
    expect(again).toMatchObject({ venueOrderId: '101' });
    expect(path(again)).toEqual(['unknown→open']);
    expect(exchange.count('createOrder')).toBe(1);
    expect(exchange.calls.filter((c) => !c.startsWith('createOrder') && c !== 'loadMarkets')).toEqual([
      'fetchOpenOrders',
    ]);
  });

  it('says "not placed" for an order that never arrived, which may then be placed once', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.createMode = 'timeout';
    });
    const lost = await venue.place(order());
    expect(lost.order.status).toBe('unknown');
    const checked = await venue.refresh(lost.order);
    expect(checked).toEqual({
      order: { ...lost.order, status: 'pending_new', statusReason: 'not found on fake: never arrived' },
      fills: [],
      transitions: [],
    });
    // Open orders first, then closed ones since a little before the order was created.
    expect(exchange.calls.slice(-2)).toEqual(['fetchOpenOrders', `fetchClosedOrders since ${NOW - 300_000}`]);

    const fresh = order({ id: 'ord-2', clientOrderId: 'cli-2' });
    expect(await venue.refresh(fresh)).toEqual({ order: fresh, fills: [], transitions: [] });

    exchange.createMode = 'accept';
    const placed = await venue.place(checked.order);
    expect(path(placed)).toEqual(['pending_new→open']);
    expect(placed.venueOrderId).toBe('101');
    expect(exchange.count('createOrder')).toBe(2);
  });

  it('sends an unknown order that never arrived when place() is asked again, once', async () => {
    const { exchange, venue } = setup({ lookup: 'fetchOrder' }, (ex) => {
      ex.createMode = 'timeout';
    });
    const lost = await venue.place(order());
    exchange.createMode = 'accept';
    const placed = await venue.place(lost.order);
    expect(exchange.calls).toEqual([
      'loadMarkets',
      'createOrder',
      'fetchOrder',
      'loadMarkets',
      'createOrder',
    ]);
    expect(path(placed)).toEqual(['unknown→open']);
    // Asked once more with the same stale order: found, not sent again.
    const again = await venue.place(lost.order);
    expect(again.venueOrderId).toBe('101');
    expect(path(again)).toEqual(['unknown→open']);
    expect(exchange.count('createOrder')).toBe(2);
  });

  it('with lookup by clientOrderId, a missing order is "not placed" too', async () => {
    const { exchange, venue } = setup({ lookup: 'fetchOrder' });
    const fresh = order();
    expect(await venue.refresh(fresh)).toEqual({ order: fresh, fills: [], transitions: [] });
    expect(exchange.calls).toEqual(['fetchOrder']);
  });

  it('never reads a failed lookup as "not placed"', async () => {
    for (const lookup of ['fetchOrder', 'openAndClosedOrders'] as const) {
      const { exchange, venue } = setup({ lookup });
      exchange.failNext.fetchOrder = new RequestTimeout('timed out');
      exchange.failNext.fetchOpenOrders = new RequestTimeout('timed out');
      const error = await failure(venue.refresh(order()));
      expect(error).toBeInstanceOf(VenueError);
      expect(error).toMatchObject({ code: 'exchange_unavailable' });
    }
  });

  it('reports an order the exchange gave an id to and then lost as order_not_found, not "not placed"', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    exchange.orders.clear();
    const error = await failure(venue.refresh(placed.order));
    expect(error).toMatchObject({ code: 'order_not_found' });
  });

  it('refuses an exchange order whose clientOrderId matches but whose order does not', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.createMode = 'accept-then-timeout';
    });
    const sent = await venue.place(order());
    (exchange.orders.get('101') as StoredOrder).amount = 0.7;
    const error = await failure(venue.refresh(sent.order));
    expect(error).toMatchObject({ code: 'exchange_error' });
    expect((error as Error).message).toMatch(/does not match order ord-1/);
  });

  it('takes the fills from fetchMyTrades when orders carry no trades, keeping only the order’s own', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.tradesOnOrders = false;
      ex.has.fetchMyTrades = true;
    });
    const placed = await venue.place(order());
    await venue.place(order({ id: 'ord-2', clientOrderId: 'cli-2', side: 'sell', limitPrice: '65000' }));
    exchange.fill('102', 0.1, 65_000);
    exchange.fill('101', 0.2, 64_000);
    exchange.fill('101', 0.1, 63_990);
    const refreshed = await venue.refresh(placed.order);
    expect(exchange.calls.at(-1)).toBe(`fetchMyTrades since ${NOW - 300_000}`);
    expect(
      plain(refreshed).fills.map((f: { tradeId: string; price: string }) => [f.tradeId, f.price]),
    ).toEqual([
      ['ord-1-1', '64000'],
      ['ord-1-2', '63990'],
    ]);
    expect(refreshed.order.filledQuantity.toString()).toBe('0.3');
  });

  it('derives a fill from filled and cost when no trades can be had, with stable trade ids', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.tradesOnOrders = false;
    });
    const placed = await venue.place(order());
    exchange.fill('101', 0.2, 64_000);
    const first = await venue.refresh(placed.order);
    expect(plain(first).fills).toMatchObject([{ tradeId: 'ord-1-1', price: '64000', quantity: '0.2' }]);
    // The same exchange state, asked again from the stored order: the same fill, the same id.
    expect(plain(await venue.refresh(placed.order)).fills).toEqual(plain(first).fills);
    exchange.fill('101', 0.3, 63_990);
    const second = await venue.refresh(first.order);
    expect(plain(second).fills).toMatchObject([
      { tradeId: 'ord-1-2', price: '63990', quantity: '0.3', notional: '19197' },
    ]);
    expect(second.order.status).toBe('filled');
    expect(second.order.filledNotional.toString()).toBe('31997');
  });

  it('leaves an order unknown rather than invent a price for fills the exchange does not price', async () => {
    const { exchange, venue } = setup();
    exchange.createOrder = async () => ({ id: '9', status: 'closed', filled: 0.5, trades: [] });
    const report = await venue.place(order({ type: 'market', limitPrice: undefined }));
    expect(report.order.status).toBe('unknown');
    expect(report.venueOrderId).toBe('9');
    expect(report.fills).toEqual([]);
  });
});

describe('canceling', () => {
  it('goes through pending_cancel to canceled', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    const canceled = await venue.cancel(placed.order);
    expect(exchange.calls.at(-1)).toBe('cancelOrder 101 BTC/USDT');
    expect(path(canceled)).toEqual(['open→pending_cancel', 'pending_cancel→canceled']);
    expect(canceled.transitions[1]?.reason).toBe('canceled on request (confirmed by fake)');
    expect(canceled.venueOrderId).toBe('101');
  });

  it('reports the fills that came before the cancel', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    exchange.fill('101', 0.2, 64_000);
    const canceled = await venue.cancel(placed.order);
    expect(path(canceled)).toEqual([
      'open→partially_filled',
      'partially_filled→pending_cancel',
      'pending_cancel→canceled',
    ]);
    expect(plain(canceled).fills).toMatchObject([{ tradeId: 'ord-1-1', quantity: '0.2' }]);
  });

  it('fetches the order when the cancel answer is an id alone', async () => {
    const { exchange, venue } = setup({}, (ex) => {
      ex.cancelAnswersIdOnly = true;
    });
    const placed = await venue.place(order());
    const canceled = await venue.cancel(placed.order);
    expect(exchange.calls.slice(-2)).toEqual(['cancelOrder 101 BTC/USDT', 'fetchOrder']);
    expect(canceled.order.status).toBe('canceled');
  });

  it('reports the fills of an order that filled before the cancel reached it (OrderNotFound)', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    exchange.fill('101', 0.5, 64_000);
    const report = await venue.cancel(placed.order);
    expect(exchange.calls.slice(-2)).toEqual(['cancelOrder 101 BTC/USDT', 'fetchOrder']);
    expect(path(report)).toEqual(['open→filled']);
    expect(plain(report).fills).toMatchObject([{ tradeId: 'ord-1-1', quantity: '0.5' }]);
  });

  it('finds an order it has no venue id for by clientOrderId before canceling it', async () => {
    const { exchange, venue } = setup();
    await venue.place(order());
    const other = new CcxtVenue({ exchange, apiKey: API_KEY, secret: SECRET, clock: new ManualClock(NOW) });
    const open = (await venue.refresh(order())).order;
    const canceled = await other.cancel(open);
    expect(canceled.order.status).toBe('canceled');
    expect(exchange.calls.slice(-2)).toEqual(['fetchOpenOrders', 'cancelOrder 101 BTC/USDT']);
  });

  it('leaves the order pending_cancel when the cancel gets no answer', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    exchange.failNext.cancelOrder = new NetworkError('socket hang up');
    const report = await venue.cancel(placed.order);
    expect(path(report)).toEqual(['open→pending_cancel']);
    expect(report.transitions[0]?.reason).toMatch(/^cancel sent to fake without an answer \(NetworkError/);
    // A refresh while the exchange still shows it open keeps it pending_cancel.
    expect(await venue.refresh(report.order)).toMatchObject({ transitions: [], fills: [] });
  });

  it('maps certain cancel failures and refuses orders that are over or unknown to the exchange', async () => {
    const { exchange, venue } = setup();
    const placed = await venue.place(order());
    exchange.failNext.cancelOrder = new RateLimitExceeded('429');
    expect(await failure(venue.cancel(placed.order))).toMatchObject({ code: 'rate_limited' });
    const canceled = await venue.cancel(placed.order);
    expect(await failure(venue.cancel(canceled.order))).toBeInstanceOf(OrderStateError);
    const never = order({ id: 'ord-9', clientOrderId: 'cli-9' });
    expect(await failure(venue.cancel(never))).toMatchObject({ code: 'order_not_found' });
  });
});

describe('ccxt errors on createOrder', () => {
  const venueErrors: [Error, string][] = [
    [new InsufficientFunds('fake: Account has insufficient balance'), 'insufficient_funds'],
    [new AuthenticationError('fake: Invalid API-key'), 'exchange_error'],
    [new PermissionDenied('fake: key may not trade'), 'exchange_error'],
    [new AccountSuspended('fake: account suspended'), 'exchange_error'],
    [new RateLimitExceeded('fake: 429 Too Many Requests'), 'rate_limited'],
    [new DDoSProtection('fake: 418'), 'rate_limited'],
    [new InvalidNonce('fake: timestamp outside recvWindow'), 'exchange_error'],
  ];
  it.each(venueErrors)('%s rejects with VenueError %s and places nothing', async (error, code) => {
    const { exchange, venue } = setup();
    exchange.failNext.createOrder = error;
    const thrown = await failure(venue.place(order()));
    expect(thrown).toBeInstanceOf(VenueError);
    expect(thrown).toMatchObject({ code });
    expect((thrown as VenueError).cause).toBe(error);
    expect(exchange.orders.size).toBe(0);
  });

  const rejections: Error[] = [
    new InvalidOrder('fake: Filter failure: LOT_SIZE'),
    new OrderImmediatelyFillable('fake: post-only order would take'),
    new BadSymbol('fake: invalid symbol'),
    new BadRequest('fake: illegal characters in clientOrderId'),
    new MarketClosed('fake: market closed'),
    new NotSupported('fake: createOrder() does not support FOK'),
  ];
  it.each(rejections)('%s leaves the order rejected with the reason', async (error) => {
    const { exchange, venue } = setup();
    exchange.failNext.createOrder = error;
    const report = await venue.place(order());
    expect(path(report)).toEqual(['pending_new→rejected']);
    expect(report.order.statusReason).toBe(`fake rejected the order: ${error.name}: ${error.message}`);
  });

  const ambiguous: Error[] = [
    new RequestTimeout('fake: request timed out (10000 ms)'),
    new NetworkError('fake: socket hang up'),
    new ExchangeNotAvailable('fake: 503 Service Unavailable'),
    new OnMaintenance('fake: system maintenance'),
    new BadResponse('fake: execution status unknown'),
    new NullResponse('fake: empty answer'),
    new ExchangeError('fake: something went wrong'),
    new TypeError('cannot read properties of undefined'),
  ];
  it.each(ambiguous)('%s leaves the order unknown', async (error) => {
    const { exchange, venue } = setup();
    exchange.failNext.createOrder = error;
    const report = await venue.place(order());
    expect(path(report)).toEqual(['pending_new→unknown']);
    expect(report.order.statusReason).toBe(
      `no answer from fake to the order (${error.name}: ${error.message})`,
    );
  });

  it('looks up a duplicate clientOrderId instead of rejecting the order that is already there', async () => {
    for (const error of [
      new DuplicateOrderId('fake: duplicate'),
      new InvalidOrder('fake: Duplicate order sent.'),
    ]) {
      const { exchange, venue } = setup({}, (ex) => {
        ex.createMode = 'accept-then-timeout';
      });
      const first = await venue.place(order());
      exchange.failNext.createOrder = error;
      // As if the first answer had been lost with its state: the order is pending_new again.
      const second = await new CcxtVenue({ exchange, apiKey: API_KEY, secret: SECRET }).place(order());
      expect(first.order.status).toBe('unknown');
      expect(second).toMatchObject({ venueOrderId: '101' });
      expect(second.order.status).toBe('open');
    }
    const { exchange, venue } = setup();
    exchange.failNext.createOrder = new DuplicateOrderId('fake: duplicate');
    const report = await venue.place(order());
    expect(report.order.statusReason).toBe(
      'fake refused the order as a duplicate: DuplicateOrderId: fake: duplicate',
    );
  });

  it('rejects with exchange_unavailable when the markets cannot be loaded, before anything is sent', async () => {
    const { exchange, venue } = setup();
    exchange.loadMarkets = async () => {
      exchange.calls.push('loadMarkets');
      throw new NetworkError('fake GET https://api.fake/exchangeInfo fetch failed');
    };
    const error = await failure(venue.place(order()));
    expect(error).toBeInstanceOf(VenueError);
    expect(error).toMatchObject({ code: 'exchange_unavailable' });
    expect(exchange.calls).toEqual(['loadMarkets']);
  });
});

describe('balances', () => {
  it('turns ccxt balances into decimals, drops empty assets and sorts them', async () => {
    const { venue } = setup({}, (ex) => {
      ex.balance = {
        info: { raw: true },
        timestamp: NOW,
        USDT: { free: 1000.12, used: 250.5, total: 1250.62 },
        BTC: { free: 0.1, used: 0.2, total: 0.30000000000000004 },
        DUST: { free: 1e-7, used: undefined, total: 1e-7 },
        ETH: { free: 0, used: 0, total: 0 },
        XRP: { free: undefined, used: undefined, total: undefined },
        free: { USDT: 1000.12 },
        used: { USDT: 250.5 },
        total: { USDT: 1250.62 },
      };
    });
    const balances = await venue.balances();
    expect(JSON.parse(JSON.stringify(balances))).toEqual([
      { asset: 'BTC', free: '0.1', locked: '0.2' },
      { asset: 'DUST', free: '0.0000001', locked: '0' },
      { asset: 'USDT', free: '1000.12', locked: '250.5' },
    ]);
  });

  it.each([
    [new NetworkError('down'), 'exchange_unavailable'],
    [new RequestTimeout('slow'), 'exchange_unavailable'],
    [new RateLimitExceeded('429'), 'rate_limited'],
    [new AuthenticationError('bad key'), 'exchange_error'],
  ] as const)('maps %s to %s', async (error, code) => {
    const { exchange, venue } = setup();
    exchange.failNext.fetchBalance = error;
    expect(await failure(venue.balances())).toMatchObject({ code });
  });
});

describe('credentials', () => {
  const leaks = (text: string) =>
    [API_KEY, SECRET, PASSWORD, encodeURIComponent(SECRET)].filter((secret) => text.includes(secret));

  it('never appear in errors, reasons, or the venue itself', async () => {
    const { exchange, venue } = setup();
    const quoting = (Kind: new (message: string) => Error) =>
      new Kind(
        `fake GET https://api.fake/order?apiKey=${API_KEY}&secret=${encodeURIComponent(SECRET)} ` +
          `{"passphrase":"${PASSWORD}","secret":"${SECRET}"}`,
      );
    const texts: string[] = [];
    const collect = (value: unknown) => {
      if (value instanceof Error) {
        texts.push(value.message, String(value.stack), JSON.stringify(value), inspect(value, { depth: 5 }));
        collect(value.cause);
      } else if (value !== undefined) texts.push(JSON.stringify(value));
    };
    for (const Kind of [AuthenticationError, InsufficientFunds, RateLimitExceeded]) {
      exchange.failNext.createOrder = quoting(Kind);
      collect(await failure(venue.place(order())));
    }
    for (const Kind of [InvalidOrder, RequestTimeout]) {
      exchange.failNext.createOrder = quoting(Kind);
      collect(await venue.place(order()));
    }
    exchange.failNext.fetchBalance = quoting(NetworkError);
    collect(await failure(venue.balances()));
    exchange.failNext.fetchOpenOrders = quoting(AuthenticationError);
    collect(await failure(venue.refresh(order())));
    const placed = await venue.place(order());
    exchange.failNext.cancelOrder = quoting(ExchangeNotAvailable);
    collect(await venue.cancel(placed.order));

    expect(texts.length).toBeGreaterThan(20);
    expect(texts.join('\n')).toContain('***');
    expect(texts.flatMap(leaks)).toEqual([]);
    expect(JSON.stringify(venue)).toBe('{"id":"ccxt:fake"}');
    expect(leaks(inspect(venue, { depth: 10, showHidden: true }))).toEqual([]);
    expect(leaks(`${venue}`)).toEqual([]);
  });

  it('are required with an exchange id, and refused exchanges and sandboxes fail at construction', () => {
    expect(() => new CcxtVenue({ exchange: 'binance' })).toThrow(/needs an API key and a secret/);
    expect(() => new CcxtVenue({ exchange: 'no-such-exchange', apiKey: API_KEY, secret: SECRET })).toThrow(
      /unknown ccxt exchange id/,
    );
    expect(
      () => new CcxtVenue({ exchange: 'kraken', sandbox: true, apiKey: API_KEY, secret: SECRET }),
    ).toThrow(/sandbox/);
    const blind = new ScriptedExchange();
    blind.has = { fetchOrder: true };
    expect(() => new CcxtVenue({ exchange: blind })).toThrow(/cannot find orders by clientOrderId/);
    blind.has = { fetchOpenOrders: true, fetchClosedOrders: 'emulated' };
    expect(() => new CcxtVenue({ exchange: blind, lookup: 'fetchOrder' })).toThrow(/cannot find orders/);
    expect(new CcxtVenue({ exchange: blind }).id).toBe('ccxt:fake');
  });
});
