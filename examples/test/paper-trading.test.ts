import { Sigmax } from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { paperTrading } from '../paper-trading';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 30_000);
afterAll(() => t?.close(), 30_000);

it('paper trading runs against the reference server', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch };
  const { limitOrder, marketOrder, fills } = await paperTrading({ ...options, watchMs: 1_500 });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines[0]).toMatch(/^BTC\/USDT: last \d+(\.\d+)?, bid \d+(\.\d+)?, ask \d+(\.\d+)?$/);
  expect(lines[1]).toMatch(/^limit buy 0\.001 @ \d+(\.\d+)?: open \(/);
  expect(lines[2]).toMatch(/^market buy 0\.001 @ \d+(\.\d+)?: filled$/);
  expect(lines.some((line) => /^ {2}fill buy 0\.001 @ \d+(\.\d+)? \(taker, fee /.test(line))).toBe(true);
  expect(lines.some((line) => /^equity \d+(\.\d+)? USDT = cash /.test(line))).toBe(true);
  expect(lines.some((line) => line.startsWith('  BTC/USDT: '))).toBe(true);

  expect(marketOrder.status).toBe('filled');
  expect(fills.some((fill) => fill.orderId === marketOrder.id)).toBe(true);
  // The limit order was canceled at the end, unless the replayed market came down to it meanwhile.
  expect(['canceled', 'filled']).toContain(limitOrder.status);
  const sigmax = new Sigmax(options);
  expect((await sigmax.orders.list({ status: 'open' })).data).toEqual([]);
  expect((await sigmax.positions.list()).data.map((p) => p.symbol)).toContain('BTC/USDT');
});
