import { type Candle, Decimal, ManualClock } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticMarketFeed } from '../src/adapters/market';
import { startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

const FOUR_HOURS = 4 * 3_600_000;
const START = '2021-01-04T00:00:00Z';

/** Bars of the replay from `since` on, read from a second replay standing later (no look-ahead in the first). */
async function futureBars(since: string, count: number): Promise<Candle[]> {
  const later = replayAt(new Date(Date.parse(since) + (count + 1) * FOUR_HOURS).toISOString()).feed;
  const bars = await later.getCandles('BTC/USDT', '4h', { since: Date.parse(since), limit: count });
  await later.close();
  return bars;
}

describe.each(await testDrivers())('resting orders on %s', (driver) => {
  describe('on the replay of real candles', () => {
    let t: TestServer;
    const replay = replayAt(START);
    beforeAll(async () => {
      t = await startTestServer({ driver, market: replay.feed });
    }, 60_000);
    afterAll(() => t?.close());

    it('a buy below the market rests until a later candle trades below it, then fills at its price as maker', async () => {
      const bars = await futureBars(START, 40);
      // The first bar that makes a new low: the order rests through the bars before it
      let k = 2;
      const lowBefore = (i: number) => Math.min(...bars.slice(0, i).map((b) => b.low));
      while (k < bars.length && !((bars[k] as Candle).low < lowBefore(k) - 1)) k++;
      expect(k).toBeLessThan(bars.length);
      const low = (bars[k] as Candle).low;
      const price = Decimal.from(((low + lowBefore(k)) / 2).toFixed(2));
      expect(price.gt(low) && price.lt(lowBefore(k))).toBe(true);

      const order = await place(t, {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.01',
        price: price.toString(),
      });
      expect(order.status).toBe('open');
      const trading = t.server.services.trading;
      for (let i = 0; i < k; i++) {
        replay.wall.advance(FOUR_HOURS);
        replay.feed.poll();
        await trading.idle();
        const now = await (await t.request(`/v1/orders/${order.id}`)).json();
        expect(now.status, `after bar ${i} (low ${bars[i]?.low})`).toBe('open');
      }
      replay.wall.advance(FOUR_HOURS);
      replay.feed.poll();
      await trading.idle();

      const filled = await (await t.request(`/v1/orders/${order.id}`)).json();
      const notional = price.mul('0.01');
      expect(filled).toMatchObject({
        status: 'filled',
        filledQuantity: '0.01',
        averageFillPrice: price.toString(),
        fees: notional.mul('0.001', 8, 'half-up').toString(),
      });
      const { data } = await (await t.request(`/v1/fills?orderId=${order.id}`)).json();
      expect(data).toEqual([
        expect.objectContaining({ price: price.toString(), quantity: '0.01', liquidity: 'maker' }),
      ]);
      const portfolio = await (await t.request('/v1/portfolio')).json();
      expect(portfolio.balances.find((b: { asset: string }) => b.asset === 'USDT')).toMatchObject({
        locked: '0',
        total: Decimal.from('100000').sub(notional).sub(filled.fees).toString(),
      });
      expect(portfolio.positions).toEqual([
        expect.objectContaining({ symbol: 'BTC/USDT', quantity: '0.01' }),
      ]);
    });

    it('does not fill on bars that closed before the order was placed', async () => {
      // A day of market passes unpolled; its bars traded below the price the order then rests at
      const from = replay.feed.now();
      replay.wall.advance(6 * FOUR_HOURS);
      const passed = await replay.feed.getCandles('BTC/USDT', '4h', { since: from });
      expect(passed).toHaveLength(6);
      const minLow = Math.min(...passed.map((b) => b.low));
      const { asks } = await (await t.request('/v1/markets/BTC-USDT/orderbook')).json();
      const bestAsk = Number(asks[0][0]);
      expect(minLow).toBeLessThan(bestAsk - 1);
      const price = Decimal.from(((minLow + bestAsk) / 2).toFixed(2));
      const order = await place(t, {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.001',
        price: price.toString(),
      });
      expect(order.status).toBe('open');
      expect(replay.feed.poll().length).toBeGreaterThanOrEqual(6);
      await t.server.services.trading.idle();
      expect((await (await t.request(`/v1/orders/${order.id}`)).json()).status).toBe('open');
      await t.request(`/v1/orders/${order.id}`, { method: 'DELETE' });
    });
  });

  describe('on a thin synthetic market', () => {
    let t: TestServer;
    const origin = Date.parse('2024-03-01T00:00:00Z');
    const clock = new ManualClock(origin + 3_600_000);
    const spec = { symbol: 'BTC/USDT', startPrice: 60_000, volumePerBar: 0.004, volatility: 1.2 };
    const feed = new SyntheticMarketFeed(clock, {
      seed: 'thin',
      origin,
      markets: [spec],
      pollIntervalMs: 3_600_000,
    });
    beforeAll(async () => {
      t = await startTestServer({ driver, market: feed });
    }, 60_000);
    afterAll(() => t?.close());

    it('fills a resting order in parts, each no larger than what its candle traded', async () => {
      // The same walk seen an hour later shows the bars to come
      const twin = new SyntheticMarketFeed(new ManualClock(origin + 2 * 3_600_000), {
        seed: 'thin',
        origin,
        markets: [spec],
      });
      const bars = await twin.getCandles('BTC/USDT', '1m', { since: origin + 3_600_000, limit: 60 });
      await twin.close();
      expect(bars).toHaveLength(60);
      const ticker = await (await t.request('/v1/markets/BTC-USDT/ticker')).json();
      // A price five bars will trade below, for more than they trade: the order stays partly filled
      const lows = bars.map((b) => b.low).sort((a, b) => a - b);
      const price = Decimal.from(((lows[4] as number) + (lows[5] as number)) / 2).round(2);
      expect(price.lt(ticker.ask)).toBe(true);

      const order = await place(t, {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.05',
        price: price.toString(),
      });
      expect(order.status).toBe('open');

      // What the paper exchange should do: each bar trading below the price fills up to its volume
      const expected: string[] = [];
      let remaining = Decimal.from('0.05');
      for (const bar of bars) {
        if (remaining.isZero() || !Decimal.from(bar.low.toFixed(2)).lt(price)) continue;
        const take = remaining.min(Decimal.from(bar.volume.toFixed(5)));
        if (!take.isPositive()) continue;
        expected.push(take.toString());
        remaining = remaining.sub(take);
      }
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(remaining.isPositive()).toBe(true);

      for (let i = 0; i < 60; i++) {
        clock.advance(60_000);
        feed.poll();
      }
      await t.server.services.trading.idle();
      const { data } = await (await t.request(`/v1/fills?orderId=${order.id}&limit=500`)).json();
      expect(data.map((f: { quantity: string }) => f.quantity).reverse()).toEqual(expected);
      for (const f of data) expect(f).toMatchObject({ price: price.toString(), liquidity: 'maker' });
      const now = await (await t.request(`/v1/orders/${order.id}`)).json();
      expect(now.filledQuantity).toBe(Decimal.sum(expected).toString());
      expect(now.status).toBe(remaining.isZero() ? 'filled' : 'partially_filled');
      const history = await (await t.request(`/v1/orders/${order.id}/transitions`)).json();
      expect(history.data.map((h: { to: string }) => h.to)).toEqual(
        remaining.isZero()
          ? ['pending_new', 'open', 'partially_filled', 'filled']
          : ['pending_new', 'open', 'partially_filled'],
      );
    });
  });
});
