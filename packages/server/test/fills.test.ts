import { Decimal } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

describe.each(await testDrivers())('fills on %s', (driver) => {
  let t: TestServer;
  const orders: { id: string; symbol: string; clientOrderId: string }[] = [];
  beforeAll(async () => {
    t = await startTestServer({ driver, market: replayAt('2021-02-01T00:00:00Z').feed });
    // A market buy of 2.5 BTC walks more than one level of the modelled book: several fills
    orders.push(
      await place(t, {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        quantity: '2.5',
        clientOrderId: 'walk',
      }),
    );
    orders.push(await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '3' }));
    orders.push(await place(t, { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '0.4' }));
  }, 60_000);
  afterAll(() => t?.close());

  it('lists fills newest first; each order’s fills add up to the order', async () => {
    const { data, nextCursor } = await (await t.request('/v1/fills')).json();
    expect(nextCursor).toBeNull();
    expect(data.length).toBeGreaterThanOrEqual(3);
    expect(data[0].orderId).toBe(orders[2]?.id);
    expect(data.at(-1).orderId).toBe(orders[0]?.id);
    for (const order of orders) {
      const got = await (await t.request(`/v1/orders/${order.id}`)).json();
      const mine = data.filter((f: { orderId: string }) => f.orderId === order.id);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(Decimal.sum(mine.map((f: { quantity: string }) => f.quantity)).toString()).toBe(
        got.filledQuantity,
      );
      expect(Decimal.sum(mine.map((f: { notional: string }) => f.notional)).toString()).toBe(
        got.filledNotional,
      );
      expect(Decimal.sum(mine.map((f: { fee: string }) => f.fee)).toString()).toBe(got.fees);
      for (const f of mine) {
        expect(f.clientOrderId).toBe(got.clientOrderId);
        expect(f.notional).toBe(Decimal.from(f.price).mul(f.quantity).toString());
      }
    }
    const walk = data.filter((f: { orderId: string }) => f.orderId === orders[0]?.id);
    expect(walk.length).toBeGreaterThanOrEqual(2);
  });

  it('filters by symbol, order and time, and pages with a cursor', async () => {
    const all = (await (await t.request('/v1/fills')).json()).data;
    const eth = (await (await t.request('/v1/fills?symbol=ETH-USDT')).json()).data;
    expect(eth.length).toBeGreaterThanOrEqual(1);
    for (const f of eth) expect(f.symbol).toBe('ETH/USDT');
    const byOrder = (await (await t.request(`/v1/fills?orderId=${orders[1]?.id}`)).json()).data;
    expect(byOrder).toEqual(eth);
    expect((await (await t.request('/v1/fills?since=2099-01-01T00:00:00Z')).json()).data).toEqual([]);
    expect((await (await t.request('/v1/fills?until=2000-01-01T00:00:00Z')).json()).data).toEqual([]);

    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await (await t.request(`/v1/fills?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.data.length).toBeLessThanOrEqual(1);
      paged.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);

    const orderCursor = (await (await t.request('/v1/orders?limit=1')).json()).nextCursor;
    for (const bad of [`cursor=${orderCursor}`, 'cursor=%%%', 'limit=501', 'symbol=BTC', 'since=never']) {
      expect((await t.request(`/v1/fills?${bad}`)).status, bad).toBe(422);
    }
  });
});
