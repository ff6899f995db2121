import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '@sigmax/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { NOT_PLACED_BEFORE_RESTART } from '../src/trading/trading-service';
import { createScratchDatabase, testDrivers } from './support';
import { type SpawnedServer, spawnServer } from './support/spawn-server';

const ADMIN_KEY = 'sk_sigmax_crash_test_admin_key_000000001';
const BURST = 80;

interface OrderBody {
  id: string;
  clientOrderId: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  status: string;
  statusReason: string | null;
  quantity: string;
  price: string | null;
  filledQuantity: string;
  remainingQuantity: string;
  filledNotional: string;
  fees: string;
}
interface FillBody {
  orderId: string;
  side: 'buy' | 'sell';
  quantity: string;
  notional: string;
  fee: string;
}

/** The i-th order of the burst: market and resting limit orders on both sides, some client ids reused. */
function burstOrder(i: number): Record<string, unknown> {
  const clientOrderId = `burst-${i % 10 === 5 ? i - 1 : i}`;
  switch (i % 4) {
    case 0:
      return { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.003', clientOrderId };
    case 1:
      return {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.002',
        price: '1000',
        clientOrderId,
      };
    case 2:
      return { symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: '0.001', clientOrderId };
    default:
      return {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'limit',
        quantity: '0.0005',
        price: '1000000',
        clientOrderId,
      };
  }
}

describe.each(await testDrivers())('a server killed in the middle of a burst of orders, on %s', (driver) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  const running: SpawnedServer[] = [];
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  });

  async function storage(): Promise<Record<string, string>> {
    if (driver === 'postgres') {
      const scratch = await createScratchDatabase();
      cleanups.push(scratch.drop);
      return { DATABASE_URL: scratch.url };
    }
    const dir = mkdtempSync(join(tmpdir(), 'sigmax-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { SIGMAX_DATA_DIR: dir };
  }

  it('keeps every acknowledged order exactly once, and the books reconcile with the fills', async () => {
    const env = {
      ...(await storage()),
      SIGMAX_ADMIN_KEY: ADMIN_KEY,
      SIGMAX_TRADING_RATE_LIMIT_PER_MINUTE: '100000',
      SIGMAX_PAPER_BALANCES: 'USDT=100000',
      LOG_LEVEL: 'warn',
    };
    const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

    const first = spawnServer(env);
    running.push(first);
    const url = await first.ready;
    // A little BTC to sell, so sells have something to do
    const seed = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        quantity: '0.05',
        clientOrderId: 'seed',
      }),
    });
    expect(seed.status).toBe(201);

    const acknowledged = new Map<string, OrderBody>();
    let answered = 0;
    let killed = false;
    const burst = Array.from({ length: BURST }, async (_, i) => {
      try {
        const res = await fetch(`${url}/v1/orders`, {
          method: 'POST',
          headers,
          body: JSON.stringify(burstOrder(i)),
        });
        const body = await res.json();
        if (res.status === 201) acknowledged.set(body.id, body);
        else expect([409, 422], JSON.stringify(body)).toContain(res.status);
      } catch {
        // The connection died with the server.
      }
      answered++;
      // Some answers in, the kill lands a few milliseconds later, in the middle of whatever runs then
      if (answered === 20) {
        setTimeout(() => {
          killed = true;
          first.child.kill('SIGKILL');
        }, 3);
      }
    });
    await Promise.all(burst);
    expect(await first.exited).toBeNull();
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(5);

    const second = spawnServer(env);
    running.push(second);
    const url2 = await second.ready;
    async function get(path: string) {
      const res = await fetch(`${url2}${path}`, { headers });
      expect(res.status, path).toBe(200);
      return res.json();
    }
    async function all<T>(path: string): Promise<T[]> {
      const out: T[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(`${path}?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        out.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    }
    const orders = await all<OrderBody>('/v1/orders');
    const fills = await all<FillBody>('/v1/fills');
    const portfolio = await get('/v1/portfolio');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Every acknowledged order exists, once, as it was acknowledged (nothing here fills later)
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(byId.size).toBe(orders.length);
    for (const [id, body] of acknowledged) expect(byId.get(id)).toEqual(body);
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(orders.length);

    // Every order is settled and agrees with its fills
    for (const order of orders) {
      expect(['pending_new', 'unknown', 'pending_cancel']).not.toContain(order.status);
      const mine = fills.filter((f) => f.orderId === order.id);
      expect(Decimal.sum(mine.map((f) => f.quantity)).toString()).toBe(order.filledQuantity);
      expect(Decimal.sum(mine.map((f) => f.notional)).toString()).toBe(order.filledNotional);
      expect(Decimal.sum(mine.map((f) => f.fee)).toString()).toBe(order.fees);
      expect(Decimal.from(order.filledQuantity).add(order.remainingQuantity).toString()).toBe(order.quantity);
      if (order.status === 'filled') expect(order.remainingQuantity).toBe('0');
      if (order.status === 'open') expect(order.type).toBe('limit');
      if (order.status === 'rejected') {
        expect(order.filledQuantity).toBe('0');
        expect(order.statusReason).toBe(NOT_PLACED_BEFORE_RESTART);
        expect(acknowledged.has(order.id)).toBe(false);
      }
    }

    // Balances and the position, recomputed from the fills and the starting balance
    let usdt = Decimal.from('100000');
    let btc = Decimal.ZERO;
    for (const f of fills) {
      if (f.side === 'buy') {
        usdt = usdt.sub(f.notional).sub(f.fee);
        btc = btc.add(f.quantity);
      } else {
        usdt = usdt.add(f.notional).sub(f.fee);
        btc = btc.sub(f.quantity);
      }
    }
    const balance = (asset: string) =>
      portfolio.balances.find((b: { asset: string }) => b.asset === asset) ?? { total: '0', locked: '0' };
    expect(balance('USDT').total).toBe(usdt.toString());
    expect(balance('BTC').total).toBe(btc.toString());
    const position = portfolio.positions.find((p: { symbol: string }) => p.symbol === 'BTC/USDT');
    expect(position?.quantity ?? '0').toBe(btc.toString());

    // What is locked is exactly what the open orders reserve
    let lockedUsdt = Decimal.ZERO;
    let lockedBtc = Decimal.ZERO;
    for (const order of orders.filter((o) => o.status === 'open')) {
      if (order.side === 'sell') lockedBtc = lockedBtc.add(order.remainingQuantity);
      else {
        const notional = Decimal.from(order.price ?? '0').mul(order.remainingQuantity);
        lockedUsdt = lockedUsdt.add(notional).add(notional.mul('0.001', 8, 'ceil'));
      }
    }
    expect(balance('USDT').locked).toBe(lockedUsdt.toString());
    expect(balance('BTC').locked).toBe(lockedBtc.toString());
  }, 120_000);
});
