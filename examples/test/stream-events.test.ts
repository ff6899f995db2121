import { listen } from '@sigmax/server';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { streamEvents } from '../stream-events';

// Server-Sent Events need a real connection: the server listens on a free port of 127.0.0.1.
let t: TestServer;
let running: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  t = await startTestServer({ config: { port: 0, host: '127.0.0.1' } });
  running = await listen(t.server);
}, 30_000);
afterAll(() => running?.close(), 30_000);

it('stream events prints the order and fill events as they arrive and stops after the fill', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: running.url, apiKey: t.adminKey };
  // Someone else's order on the same market: its events are not the example's.
  await t.request('/v1/orders', {
    json: { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.002' },
  });
  const { order, events } = await streamEvents({ ...options, quantity: '0.001' });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines[0]).toBe('streaming order.* and fill events of BTC/USDT');
  expect(lines).toContain(`placed ${order.id}: market buy 0.001 BTC/USDT`);
  expect(lines).toContainEqual(expect.stringMatching(/^#\d+ order\.created +ord_\w+ buy 0\.001 market: /));
  expect(lines).toContainEqual(
    expect.stringMatching(/^#\d+ fill +buy 0\.001 @ \d+(\.\d+)? \(taker, fee \d+(\.\d+)? USDT\)$/),
  );
  expect(lines.at(-1)).toMatch(/^order filled: 0\.001 @ \d+(\.\d+)?, 1 fill\(s\)$/);

  // The documented order of one market order's events; nothing of the other order.
  expect(events.map((event) => event.type)).toEqual(['order.created', 'fill', 'order.updated']);
  expect(order).toMatchObject({ status: 'filled', quantity: '0.001', filledQuantity: '0.001' });
  expect(events.every((event) => event.symbol === 'BTC/USDT')).toBe(true);
  const ids = events.map((event) => Number(event.id));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  // The stream was closed at the end.
  await expect.poll(() => t.server.services.eventStore.listenerCount).toBe(0);
});

it('a key the server does not know fails before any order is placed', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await expect(
      streamEvents({ baseUrl: running.url, apiKey: 'sk_sigmax_not_a_key', maxRetries: 0 }),
    ).rejects.toMatchObject({
      status: 401,
    });
  } finally {
    log.mockRestore();
  }
});
