import { createOrder, Decimal } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrder } from '../src/db/queries/orders';
import { NOT_PLACED_BEFORE_RESTART } from '../src/trading/trading-service';
import { restartableStorage, startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

const START = '2021-01-04T00:00:00Z';
const FOUR_HOURS = 4 * 3_600_000;

describe.each(await testDrivers())('a restart on %s', (driver) => {
  let storage: Record<string, unknown>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config: storage, cleanup } = await restartableStorage(driver, 'restart'));
  });
  afterAll(() => cleanup?.());

  let first: TestServer;
  let second: TestServer | undefined;
  afterAll(async () => {
    await second?.close();
  });

  it('restores balances, positions, reservations and resting orders, and settles what a crash left', async () => {
    first = await startTestServer({ market: replayAt(START).feed, config: storage });
    await place(first, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.4' });
    const ticker = await (await first.request('/v1/markets/BTC-USDT/ticker')).json();
    const buyPrice = (Math.floor(Number(ticker.bid) * 0.995 * 100) / 100).toFixed(2);
    const restingBuy = await place(first, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.05',
      price: buyPrice,
      clientOrderId: 'keep-buy',
    });
    const restingSell = await place(first, {
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'limit',
      quantity: '0.1',
      price: '99000',
      clientOrderId: 'keep-sell',
    });
    // What a crash between storing an order and hearing from the venue leaves behind
    const services = first.server.services;
    const orphan = createOrder(
      {
        id: 'ord_01KAAAAAAAAAAAAAAAAAAAAAAA',
        clientOrderId: 'orphan',
        symbol: 'ETH/USDT',
        side: 'buy',
        type: 'market',
        quantity: '1',
      },
      { at: new Date() },
    );
    await insertOrder(
      services.database.db,
      services.trading.accountId,
      {
        order: orphan,
        venue: 'paper',
        venueOrderId: null,
        replaces: null,
        replacedBy: null,
        reservation: null,
      },
      null,
    );
    const before = await (await first.request('/v1/portfolio')).json();
    const historyBefore = (await (await first.request('/v1/portfolio/history?limit=500')).json()).data;
    await first.close();

    // Another config's starting balances do not matter: the account exists
    const replay = replayAt(START);
    second = await startTestServer({
      market: replay.feed,
      config: { ...storage, paperBalances: 'USDT=5' },
    });
    const t = second;
    const after = await (await t.request('/v1/portfolio')).json();
    expect(after.balances).toEqual(before.balances);
    expect(after.positions).toEqual(before.positions);
    expect(after.equity).toBe(before.equity);
    const open = (await (await t.request('/v1/orders?status=open')).json()).data;
    expect(open.map((o: { id: string }) => o.id).sort()).toEqual([restingBuy.id, restingSell.id].sort());

    const settled = await (await t.request('/v1/orders?clientOrderId=orphan')).json();
    expect(settled.data).toEqual([
      expect.objectContaining({ id: orphan.id, status: 'rejected', statusReason: NOT_PLACED_BEFORE_RESTART }),
    ]);
    const history = await (await t.request(`/v1/orders/${orphan.id}/transitions`)).json();
    expect(history.data.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      [null, 'pending_new'],
      ['pending_new', 'rejected'],
    ]);
    const points = (await (await t.request('/v1/portfolio/history?limit=500')).json()).data;
    expect(points.slice(0, historyBefore.length)).toEqual(historyBefore);
    expect(points.length).toBeGreaterThan(historyBefore.length);

    // The restored buy still rests on the restored reservation, and fills when the market crosses it
    for (let i = 0; i < 12; i++) {
      replay.wall.advance(FOUR_HOURS);
      replay.feed.poll();
      await t.server.services.trading.idle();
      if ((await (await t.request(`/v1/orders/${restingBuy.id}`)).json()).status === 'filled') break;
    }
    const filled = await (await t.request(`/v1/orders/${restingBuy.id}`)).json();
    expect(filled).toMatchObject({ status: 'filled', averageFillPrice: buyPrice });
    const now = await (await t.request('/v1/portfolio')).json();
    const usdt = now.balances.find((b: { asset: string }) => b.asset === 'USDT');
    const usdtBefore = before.balances.find((b: { asset: string }) => b.asset === 'USDT');
    expect(usdt.locked).toBe('0');
    expect(usdt.total).toBe(
      Decimal.from(usdtBefore.total).sub(filled.filledNotional).sub(filled.fees).toString(),
    );
    const btc = now.balances.find((b: { asset: string }) => b.asset === 'BTC');
    expect(btc).toMatchObject({ total: '0.45', locked: '0.1' });
    // and the resting sell can still be canceled, releasing its BTC
    const canceled = await t.request(`/v1/orders/${restingSell.id}`, { method: 'DELETE' });
    expect(canceled.status).toBe(200);
    const end = await (await t.request('/v1/portfolio')).json();
    expect(end.balances.find((b: { asset: string }) => b.asset === 'BTC')).toMatchObject({
      free: '0.45',
      locked: '0',
    });
  }, 90_000);
});
