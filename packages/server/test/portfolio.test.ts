import { Decimal } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../src/generated/openapi';
import { startTestServer, type TestServer, testDrivers } from './support';
import { place, replayAt } from './support/trading';

const START = '2021-01-04T00:00:00Z';
const HOUR = 3_600_000;

interface FillBody {
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  notional: string;
  fee: string;
}

describe.each(await testDrivers())('portfolio on %s', (driver) => {
  let t: TestServer;
  const replay = replayAt(START);
  beforeAll(async () => {
    t = await startTestServer({ driver, market: replay.feed, config: { equityIntervalSeconds: 1 } });
  }, 60_000);
  afterAll(() => t?.close());

  async function json(path: string) {
    const res = await t.request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  }

  async function allFills(): Promise<FillBody[]> {
    const out: FillBody[] = [];
    let cursor: string | null = null;
    do {
      const page = await json(`/v1/fills?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return out.reverse(); // oldest first
  }

  /** Realized P&L and fees recomputed from the fills alone (average cost, as the ledger books it). */
  function fromFills(list: FillBody[]) {
    const book = new Map<string, { quantity: Decimal; cost: Decimal }>();
    let realized = Decimal.ZERO;
    let fees = Decimal.ZERO;
    let cash = Decimal.from('100000');
    for (const f of list) {
      const p = book.get(f.symbol) ?? { quantity: Decimal.ZERO, cost: Decimal.ZERO };
      fees = fees.add(f.fee);
      if (f.side === 'buy') {
        p.quantity = p.quantity.add(f.quantity);
        p.cost = p.cost.add(f.notional);
        cash = cash.sub(f.notional).sub(f.fee);
      } else {
        const removed = Decimal.from(f.quantity).eq(p.quantity)
          ? p.cost
          : p.cost.mulDiv(f.quantity, p.quantity, 8);
        realized = realized.add(Decimal.from(f.notional).sub(removed));
        p.quantity = p.quantity.sub(f.quantity);
        p.cost = p.cost.sub(removed);
        cash = cash.add(f.notional).sub(f.fee);
      }
      book.set(f.symbol, p);
    }
    return { book, realized, fees, cash };
  }

  function checkArithmetic(portfolio: components['schemas']['Portfolio']) {
    let positionsValue = Decimal.ZERO;
    let unrealized = Decimal.ZERO;
    for (const p of portfolio.positions) {
      expect(p.marketValue).toBe(
        Decimal.from(p.quantity)
          .mul(p.markPrice ?? 'NaN')
          .toString(),
      );
      expect(p.unrealizedPnl).toBe(Decimal.from(p.marketValue).sub(p.costBasis).toString());
      positionsValue = positionsValue.add(p.marketValue);
      unrealized = unrealized.add(p.unrealizedPnl);
    }
    const usdt = portfolio.balances.find((b) => b.asset === 'USDT');
    if (!usdt) throw new Error('no USDT balance');
    expect(portfolio.cash).toBe(Decimal.from(usdt.free).add(usdt.locked).toString());
    expect(usdt.total).toBe(portfolio.cash);
    expect(portfolio.positionsValue).toBe(positionsValue.toString());
    expect(portfolio.unrealizedPnl).toBe(unrealized.toString());
    expect(portfolio.equity).toBe(Decimal.from(portfolio.cash).add(portfolio.positionsValue).toString());
  }

  it('starts with the paper balances and nothing else', async () => {
    const portfolio = await json('/v1/portfolio');
    expect(portfolio).toMatchObject({
      quoteAsset: 'USDT',
      cash: '100000',
      positionsValue: '0',
      equity: '100000',
      unrealizedPnl: '0',
      realizedPnl: '0',
      fees: '0',
      balances: [{ asset: 'USDT', free: '100000', locked: '0', total: '100000' }],
      positions: [],
    });
    expect((await json('/v1/positions')).data).toEqual([]);
  });

  it('adds up exactly as decimals: equity = cash + positions = start + realized − fees + unrealized', async () => {
    await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.5' });
    await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '7.3' });
    await place(t, { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '0.17' });
    await place(t, { symbol: 'BTC/USDT', side: 'sell', type: 'limit', quantity: '0.1', price: '90000' });
    // Prices move on: two hours of market later, a new bar has closed
    replay.wall.advance(8 * HOUR);
    await place(t, { symbol: 'ETH/USDT', side: 'sell', type: 'market', quantity: '2.05' });
    await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.03' });

    const portfolio = await json('/v1/portfolio');
    checkArithmetic(portfolio);
    const list = await allFills();
    expect(list).toHaveLength(5);
    const { book, realized, fees, cash } = fromFills(list);
    expect(portfolio.realizedPnl).toBe(realized.toString());
    expect(portfolio.fees).toBe(fees.toString());
    expect(portfolio.cash).toBe(cash.toString());
    expect(portfolio.equity).toBe(
      Decimal.from('100000').add(realized).sub(fees).add(portfolio.unrealizedPnl).toString(),
    );
    for (const p of portfolio.positions) {
      const mine = book.get(p.symbol);
      expect(p.quantity).toBe(mine?.quantity.toString());
      expect(p.costBasis).toBe(mine?.cost.toString());
      const ticker = await json(`/v1/markets/${p.symbol.replace('/', '-')}/ticker`);
      expect(p.markPrice).toBe(ticker.last);
    }
    // 0.1 BTC of the position rests in the limit sell: locked, still held
    const btc = portfolio.balances.find((b: { asset: string }) => b.asset === 'BTC');
    expect(btc).toMatchObject({ free: '0.26', locked: '0.1', total: '0.36' });
    expect((await json('/v1/positions')).data).toEqual(portfolio.positions);
  });

  it('records equity history: a point at start, after every fill and every interval, oldest first', async () => {
    const before = await json('/v1/portfolio/history?limit=500');
    expect(before.quoteAsset).toBe('USDT');
    // start + 5 steps with fills
    expect(before.data.length).toBeGreaterThanOrEqual(6);
    expect(before.data[0]).toMatchObject({ equity: '100000', cash: '100000', positionsValue: '0' });
    for (const point of before.data) {
      expect(point.equity).toBe(Decimal.from(point.cash).add(point.positionsValue).toString());
    }
    const times = before.data.map((p: { time: string }) => Date.parse(p.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Every second (equityIntervalSeconds: 1), while nothing trades
    let after = before;
    for (let waited = 0; waited < 8_000 && after.data.length < before.data.length + 2; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await json('/v1/portfolio/history?limit=500');
    }
    expect(after.data.length).toBeGreaterThanOrEqual(before.data.length + 2);
    const [a, b] = after.data.slice(-2).map((p: { time: string }) => Date.parse(p.time));
    expect(b - a).toBeGreaterThanOrEqual(900);
    const portfolio = await json('/v1/portfolio');
    expect(after.data.at(-1)).toMatchObject({ equity: portfolio.equity, cash: portfolio.cash });

    const pages: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await json(`/v1/portfolio/history?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.slice(0, after.data.length)).toEqual(after.data);

    const since = after.data[2].time;
    const until = after.data[4].time;
    const window = await json(`/v1/portfolio/history?since=${since}&until=${until}`);
    for (const point of window.data) {
      expect(Date.parse(point.time)).toBeGreaterThanOrEqual(Date.parse(since));
      expect(Date.parse(point.time)).toBeLessThan(Date.parse(until));
    }
    expect((await t.request('/v1/portfolio/history?cursor=bm9wZQ')).status).toBe(422);
    expect((await t.request('/v1/portfolio/history?since=soon')).status).toBe(422);
  });
});
