import { Decimal } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

describe.each(await testDrivers())('positions on %s', (driver) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ driver, market: replayAt('2021-01-04T00:00:00Z').feed });
  }, 60_000);
  afterAll(() => t?.close());

  it('lists open positions marked at the last price', async () => {
    const buy = await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.3' });
    const { data } = await (await t.request('/v1/positions')).json();
    const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
    expect(data).toEqual([
      {
        symbol: 'BTC/USDT',
        quantity: '0.3',
        averageEntryPrice: buy.averageFillPrice,
        costBasis: buy.filledNotional,
        markPrice: ticker.last,
        marketValue: Decimal.from('0.3').mul(ticker.last).toString(),
        unrealizedPnl: Decimal.from('0.3').mul(ticker.last).sub(buy.filledNotional).toString(),
        realizedPnl: '0',
        fees: buy.fees,
      },
    ]);
  });

  it('closes a position: cancels its open sells, sells the whole quantity at market', async () => {
    const sell = await place(t, {
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'limit',
      quantity: '0.1',
      price: '80000',
    });
    expect(sell.status).toBe('open');
    const res = await t.request('/v1/positions/BTC-USDT/close', { method: 'POST' });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(res.headers.get('location')).toBe(`/v1/orders/${order.id}`);
    expect(order).toMatchObject({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      quantity: '0.3',
      status: 'filled',
    });
    expect((await (await t.request(`/v1/orders/${sell.id}`)).json()).status).toBe('canceled');
    expect((await (await t.request('/v1/positions')).json()).data).toEqual([]);
    const portfolio = await (await t.request('/v1/portfolio')).json();
    expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'BTC')).toMatchObject({
      total: '0',
    });
    // The flat position still counts in the realized P&L
    expect(portfolio.realizedPnl).not.toBe('0');

    const again = await t.request('/v1/positions/BTC%2FUSDT/close', { method: 'POST' });
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe('no_position');
    expect((await t.request('/v1/positions/DOGE-USDT/close', { method: 'POST' })).status).toBe(404);
    expect((await t.request('/v1/positions/BTCUSDT/close', { method: 'POST' })).status).toBe(404);
  });

  it('replays a close with the same Idempotency-Key instead of selling twice', async () => {
    await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '2' });
    const headers = { 'Idempotency-Key': 'close-eth-1' };
    const first = await t.request('/v1/positions/ETH-USDT/close', { method: 'POST', headers });
    expect(first.status).toBe(201);
    const second = await t.request('/v1/positions/ETH-USDT/close', { method: 'POST', headers });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await second.json()).id).toBe((await first.json()).id);
    const sells = await (await t.request('/v1/orders?symbol=ETH-USDT&side=sell')).json();
    expect(sells.data).toHaveLength(1);
  });
});
