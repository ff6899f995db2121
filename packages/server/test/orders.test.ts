import { Decimal } from '@sigmax/engine';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balances, fills, orders, orderTransitions } from '../src/db/schema';
import { startTestServer, type TestServer, testDrivers } from './support';
import { keyWith, place, replayAt, replayAtEnd } from './support/trading';

// Real BTC/USDT and ETH/USDT candles, replayed from 4 January 2021 and standing still there: the book
// is the one modelled from the 4h bar that closed at midnight.
const START = '2021-01-04T00:00:00Z';

describe.each(await testDrivers())('orders on %s', (driver) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      driver,
      market: replayAt(START).feed,
      config: { paperBalances: 'USDT=1000000' },
    });
  }, 60_000);
  afterAll(() => t?.close());

  const db = () => t.server.services.database.db;

  async function book(symbol = 'BTC-USDT') {
    const res = await t.request(`/v1/markets/${symbol}/orderbook?depth=20`);
    expect(res.status).toBe(200);
    return (await res.json()) as { bids: [string, string][]; asks: [string, string][] };
  }

  async function counts() {
    const [o] = await db().select({ n: count() }).from(orders);
    const [f] = await db().select({ n: count() }).from(fills);
    const [tr] = await db().select({ n: count() }).from(orderTransitions);
    const rows = await db().select().from(balances);
    return { orders: o?.n, fills: f?.n, transitions: tr?.n, balances: JSON.stringify(rows) };
  }

  it('fills a market buy against the book as taker, and stores the order, its history and its fill', async () => {
    const { asks } = await book();
    const [bestAsk, bestAskQuantity] = asks[0] as [string, string];
    expect(Decimal.from(bestAskQuantity).gte('0.01')).toBe(true);

    const res = await t.request('/v1/orders', {
      json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01', clientOrderId: 'mkt-1' },
    });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(res.headers.get('location')).toBe(`/v1/orders/${order.id}`);
    const notional = Decimal.from(bestAsk).mul('0.01');
    expect(order).toMatchObject({
      clientOrderId: 'mkt-1',
      status: 'filled',
      timeInForce: 'IOC',
      price: null,
      quantity: '0.01',
      filledQuantity: '0.01',
      remainingQuantity: '0',
      averageFillPrice: bestAsk,
      filledNotional: notional.toString(),
      fees: notional.mul('0.001', 8, 'half-up').toString(),
      feeAsset: 'USDT',
      venue: 'paper',
    });

    const got = await (await t.request(`/v1/orders/${order.id}`)).json();
    expect(got).toEqual(order);
    const history = await (await t.request(`/v1/orders/${order.id}/transitions`)).json();
    expect(history.data.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'pending_new'],
      ['pending_new', 'filled'],
    ]);
    const fillList = await (await t.request(`/v1/fills?orderId=${order.id}`)).json();
    expect(fillList.data).toEqual([
      expect.objectContaining({
        id: `${order.id}-1`,
        orderId: order.id,
        clientOrderId: 'mkt-1',
        price: bestAsk,
        quantity: '0.01',
        notional: notional.toString(),
        fee: order.fees,
        liquidity: 'taker',
      }),
    ]);

    const portfolio = await (await t.request('/v1/portfolio')).json();
    const usdt = portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT');
    expect(usdt.free).toBe(Decimal.from('1000000').sub(notional).sub(order.fees).toString());
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'BTC')).toMatchObject({
      free: '0.01',
      locked: '0',
      total: '0.01',
    });
  });

  it('rests a limit buy below the market with its funds locked, and cancels it once', async () => {
    const { bids } = await book();
    const price = Decimal.from((bids[5] as [string, string])[0]).sub('100');
    const order = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.02',
      price: price.toString(),
    });
    expect(order).toMatchObject({
      status: 'open',
      timeInForce: 'GTC',
      filledQuantity: '0',
      price: price.toString(),
    });
    expect(order.clientOrderId).toBe(order.id);
    // quantity × price plus the highest fee rate, locked until the order is over
    const reserved = price.mul('0.02').mul('1.001');
    let portfolio = await (await t.request('/v1/portfolio')).json();
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT').locked).toBe(
      reserved.toString(),
    );

    const open = await (await t.request('/v1/orders?status=open')).json();
    expect(open.data.map((o: { id: string }) => o.id)).toContain(order.id);

    const canceled = await t.request(`/v1/orders/${order.id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toMatchObject({
      id: order.id,
      status: 'canceled',
      statusReason: 'canceled by user',
    });
    portfolio = await (await t.request('/v1/portfolio')).json();
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT').locked).toBe('0');

    const again = await t.request(`/v1/orders/${order.id}`, { method: 'DELETE' });
    expect(again.status).toBe(409);
    const problem = await again.json();
    expect(problem).toMatchObject({
      code: 'order_not_cancelable',
      order: { id: order.id, status: 'canceled' },
    });
    expect((await t.request('/v1/orders/ord_nope', { method: 'DELETE' })).status).toBe(404);
    expect((await t.request('/v1/orders/ord_nope')).status).toBe(404);
  });

  it('refuses bad orders with 422 naming the field, 404 for an unknown market, and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '30000.001' },
        422,
        'body.price',
      ],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.000000001', price: '30000' },
        422,
        'body.quantity',
      ],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.000001', price: '30000' },
        422,
        'body.quantity',
      ],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.00002', price: '3000' },
        422,
        'body.quantity',
      ],
      [{ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.00002' }, 422, 'body.quantity'],
      [{ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01' }, 422, 'body.price'],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01', price: '30000' },
        422,
        'body.price',
      ],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01', postOnly: true },
        422,
        'body.postOnly',
      ],
      [
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'limit',
          quantity: '0.01',
          price: '30000',
          postOnly: true,
          timeInForce: 'IOC',
        },
        422,
        'body.postOnly',
      ],
      [{ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 0.01 }, 422, 'body.quantity'],
      [{ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0' }, 422, 'body.quantity'],
      [{ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '-1' }, 422, 'body.quantity'],
      [{ symbol: 'BTC/USDT', side: 'hold', type: 'market', quantity: '1' }, 422, 'body.side'],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '1', leverage: 10 },
        422,
        'body.leverage',
      ],
      [
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '1', clientOrderId: 'has space' },
        422,
        'body.clientOrderId',
      ],
      [{ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '1' }, 422, 'body.symbol'],
    ];
    for (const [body, status, path] of cases) {
      const problem = await place(t, body, status);
      expect(problem.code, JSON.stringify(body)).toBe('validation_failed');
      expect(
        problem.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const unknown = await place(t, { symbol: 'DOGE/USDT', side: 'buy', type: 'market', quantity: '1' }, 404);
    expect(unknown.code).toBe('not_found');

    const broke = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '100' }, 422);
    expect(broke).toMatchObject({ code: 'insufficient_funds', asset: 'USDT', available: expect.any(String) });
    const brokeLimit = await place(
      t,
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '50', price: '30000' },
      422,
    );
    expect(brokeLimit.code).toBe('insufficient_funds');
    const noCoins = await place(t, { symbol: 'ETH/USDT', side: 'sell', type: 'market', quantity: '1' }, 422);
    expect(noCoins).toMatchObject({ code: 'insufficient_funds', asset: 'ETH' });
    expect(await counts()).toEqual(before);
  });

  it('needs the trade scope to place or cancel, and only read to list', async () => {
    const reader = await keyWith(t, ['read']);
    const denied = await place(
      t,
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.001' },
      403,
      {
        key: reader,
      },
    );
    expect(denied.code).toBe('forbidden');
    expect((await t.request('/v1/orders', { method: 'DELETE', key: reader })).status).toBe(403);
    expect((await t.request('/v1/orders', { key: reader })).status).toBe(200);
    const trader = await keyWith(t, ['trade']);
    const res = await t.request('/v1/orders', {
      key: trader,
      json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.001' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('ratelimit-limit')).toBe('120');
  });

  it('answers a taken clientOrderId with 409 and the existing order, also for concurrent duplicates', async () => {
    const first = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: '20000',
      clientOrderId: 'dup-1',
    });
    const dup = await place(
      t,
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.002',
        price: '20000',
        clientOrderId: 'dup-1',
      },
      409,
    );
    expect(dup).toMatchObject({
      code: 'duplicate_client_order_id',
      order: { id: first.id, quantity: '0.001' },
    });

    const body = {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: '20000',
      clientOrderId: 'race-1',
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.request('/v1/orders', { json: body })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const rows = await db().select().from(orders).where(eq(orders.clientOrderId, 'race-1'));
    expect(rows).toHaveLength(1);
  });

  it('replays an Idempotency-Key: same body → same order, other body → 422, concurrent → one order', async () => {
    const body = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.001', price: '21000' };
    const headers = { 'Idempotency-Key': 'idem-order-1' };
    const first = await t.request('/v1/orders', { json: body, headers });
    expect(first.status).toBe(201);
    const again = await t.request('/v1/orders', { json: body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    const other = await t.request('/v1/orders', { json: { ...body, quantity: '0.002' }, headers });
    expect(other.status).toBe(422);
    expect((await other.json()).code).toBe('idempotency_key_reused');

    const before = await counts();
    const raced = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.request('/v1/orders', {
          json: { ...body, price: '21001' },
          headers: { 'Idempotency-Key': 'idem-race' },
        }),
      ),
    );
    const created = raced.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of raced) expect([201, 409]).toContain(r.status);
    const ids = new Set(await Promise.all(created.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const after = await counts();
    expect(after.orders).toBe((before.orders ?? 0) + 1);
  });

  it('lists orders newest first with filters and cursor pagination', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const o = await place(t, {
        symbol: 'ETH/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.01',
        price: '500',
        clientOrderId: `list-${i}`,
      });
      placed.push(o.id);
    }
    const all = await (await t.request('/v1/orders?symbol=ETH-USDT&limit=500')).json();
    expect(all.data.map((o: { id: string }) => o.id)).toEqual([...placed].reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.request(`/v1/orders?symbol=ETH/USDT&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = await res.json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((o: { id: string }) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...placed].reverse());

    const one = await (await t.request('/v1/orders?clientOrderId=list-2')).json();
    expect(one.data.map((o: { id: string }) => o.id)).toEqual([placed[2]]);
    const sells = await (await t.request('/v1/orders?side=sell&symbol=ETH-USDT')).json();
    expect(sells.data).toEqual([]);
    const filled = await (await t.request('/v1/orders?status=filled,canceled&limit=500')).json();
    for (const o of filled.data) expect(['filled', 'canceled']).toContain(o.status);
    const future = await (await t.request('/v1/orders?since=2099-01-01T00:00:00Z')).json();
    expect(future.data).toEqual([]);
    const past = await (await t.request('/v1/orders?until=2000-01-01T00:00:00Z')).json();
    expect(past.data).toEqual([]);

    for (const bad of [
      'status=opened',
      'side=long',
      'since=yesterday',
      'cursor=abc',
      'limit=0',
      'symbol=nope',
    ]) {
      const res = await t.request(`/v1/orders?${bad}`);
      expect(res.status, bad).toBe(422);
    }
  });

  it('cancels every open order of one market, then of all', async () => {
    await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '400' });
    await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.001', price: '15000' });
    const eth = await t.request('/v1/orders?symbol=ETH-USDT', { method: 'DELETE' });
    expect(eth.status).toBe(200);
    const ethCanceled = (await eth.json()).data;
    expect(ethCanceled.length).toBeGreaterThanOrEqual(1);
    for (const o of ethCanceled) expect(o).toMatchObject({ symbol: 'ETH/USDT', status: 'canceled' });
    const openEth = await (await t.request('/v1/orders?symbol=ETH-USDT&status=open')).json();
    expect(openEth.data).toEqual([]);
    const openBtc = await (await t.request('/v1/orders?symbol=BTC-USDT&status=open')).json();
    expect(openBtc.data.length).toBeGreaterThanOrEqual(1);

    expect((await t.request('/v1/orders?symbol=DOGE-USDT', { method: 'DELETE' })).status).toBe(404);
    const rest = await (await t.request('/v1/orders', { method: 'DELETE' })).json();
    expect(rest.data.length).toBe(openBtc.data.length);
    const open = await (await t.request('/v1/orders?status=open')).json();
    expect(open.data).toEqual([]);
    const portfolio = await (await t.request('/v1/portfolio')).json();
    for (const b of portfolio.balances) expect(b.locked).toBe('0');
  });

  it('applies time in force: IOC cancels the rest, FOK expires unless it fills whole, post-only never takes', async () => {
    const { asks } = await book();
    const [bestAsk, bestQuantity] = asks[0] as [string, string];
    const tooMuch = Decimal.from(bestQuantity).add('0.001').toString();

    const ioc = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: tooMuch,
      price: bestAsk,
      timeInForce: 'IOC',
    });
    expect(ioc).toMatchObject({
      status: 'canceled',
      filledQuantity: bestQuantity,
      remainingQuantity: '0.001',
    });

    const fok = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: tooMuch,
      price: bestAsk,
      timeInForce: 'FOK',
    });
    expect(fok).toMatchObject({ status: 'expired', filledQuantity: '0' });

    const post = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: bestAsk,
      postOnly: true,
    });
    expect(post).toMatchObject({ status: 'rejected', statusReason: 'post-only: would take liquidity' });
  });

  it('replaces a resting order atomically: the old one is replaced, the new one carries the rest', async () => {
    const old = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.003',
      price: '18000',
      clientOrderId: 'rep-old',
    });
    const res = await t.request(`/v1/orders/${old.id}/replace`, {
      json: { quantity: '0.004', price: '18500', clientOrderId: 'rep-new' },
    });
    expect(res.status).toBe(201);
    const next = await res.json();
    expect(next).toMatchObject({
      clientOrderId: 'rep-new',
      status: 'open',
      quantity: '0.004',
      price: '18500',
      replaces: old.id,
    });
    const oldNow = await (await t.request(`/v1/orders/${old.id}`)).json();
    expect(oldNow).toMatchObject({ status: 'replaced', replacedBy: next.id });
    const portfolio = await (await t.request('/v1/portfolio')).json();
    const locked = portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT').locked;
    const lockedByOthers = (await (await t.request('/v1/orders?status=open&limit=500')).json()).data
      .filter((o: { id: string }) => o.id !== next.id)
      .reduce(
        (sum: Decimal, o: { price: string; remainingQuantity: string }) =>
          sum.add(Decimal.from(o.price).mul(o.remainingQuantity).mul('1.001')),
        Decimal.ZERO,
      );
    expect(locked).toBe(lockedByOthers.add(Decimal.from('18500').mul('0.004').mul('1.001')).toString());

    // Not open any more: 409 with the order; an unfundable replacement changes nothing.
    const conflict = await t.request(`/v1/orders/${old.id}/replace`, { json: { price: '18600' } });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'order_not_cancelable', order: { id: old.id } });
    const broke = await t.request(`/v1/orders/${next.id}/replace`, { json: { quantity: '100' } });
    expect(broke.status).toBe(422);
    expect((await (await t.request(`/v1/orders/${next.id}`)).json()).status).toBe('open');
    const after = await (await t.request('/v1/portfolio')).json();
    expect(after.balances).toEqual(portfolio.balances);
    const empty = await t.request(`/v1/orders/${next.id}/replace`, { json: {} });
    expect(empty.status).toBe(422);
    await t.request(`/v1/orders/${next.id}`, { method: 'DELETE' });

    // A post-only order moved to a price that would take: refused, and it keeps resting as it was
    const { asks } = await book();
    const maker = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.001',
      price: '18000',
      postOnly: true,
    });
    const taking = await t.request(`/v1/orders/${maker.id}/replace`, {
      json: { price: (asks[0] as [string, string])[0] },
    });
    expect(taking.status).toBe(422);
    expect((await taking.json()).errors).toEqual([expect.objectContaining({ path: 'body.price' })]);
    expect(await (await t.request(`/v1/orders/${maker.id}`)).json()).toEqual(maker);
    expect((await (await t.request('/v1/portfolio')).json()).balances).toEqual(
      (await (await t.request('/v1/portfolio')).json()).balances,
    );
    const moved = await t.request(`/v1/orders/${maker.id}/replace`, { json: { price: '18100' } });
    expect(moved.status).toBe(201);
    expect(await moved.json()).toMatchObject({
      postOnly: true,
      status: 'open',
      price: '18100',
      replaces: maker.id,
    });
  });
});

describe('orders on a market whose data has run out', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ market: replayAtEnd() });
  }, 60_000);
  afterAll(() => t?.close());

  it('refuses to trade on a stale price with 503 no_market_data, and writes nothing', async () => {
    const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
    expect(ticker.stale).toBe(true);
    for (const body of [
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' },
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.01', price: '1000' },
    ]) {
      const problem = await place(t, body, 503);
      expect(problem.code).toBe('no_market_data');
      expect(problem.detail).toContain('stale');
    }
    const list = await (await t.request('/v1/orders')).json();
    expect(list.data).toEqual([]);
  });
});
