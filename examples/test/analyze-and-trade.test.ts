import { Sigmax } from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { analyzeAndTrade } from '../analyze-and-trade';

// The replayed market stands still (a millisecond of market time per wall-clock second) at a time when
// the analysis of BTC/USDT says buy; proposals wait for a person, so the example approves. At
// 2020-06-01 the analysis of BTC/USDT says hold.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    config: { replayStart: '2021-01-04T00:00:00Z', replaySpeed: 0.001, proposalApproval: 'manual' },
  });
}, 30_000);
afterAll(() => t?.close(), 30_000);

/**
 * The in-process server's fetch, with the body of a response ended when its request is aborted, as a
 * network fetch does: that is how the example's event stream stops.
 */
const abortableFetch = async (request: Request): Promise<Response> => {
  const response = await t.fetch(request);
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      request.signal.addEventListener('abort', () => {
        controller.error(request.signal.reason);
        reader.cancel().catch(() => {});
      });
    },
    async pull(controller) {
      const chunk = await reader.read().catch(() => undefined);
      if (request.signal.aborted) return;
      if (chunk === undefined || chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
  });
  return new Response(body, response);
};

it('analyze and trade runs against the reference server: analysis, proposal, approval, order, fills', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: abortableFetch };
  const { analysis, proposal, order, fills, watchedVia } = await analyzeAndTrade({
    ...options,
    watchMs: 5_000,
  });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines[0]).toMatch(/^BTC\/USDT: buy \(confidence [01]\.\d\d\), ana_\w+$/);
  expect(lines[1]).toMatch(/^proposal prop_\w+: buy \d+(\.\d+)? @ ~\d+(\.\d+)?, pending$/);
  expect(lines[2]).toBe('  compliance approved, risk ok');
  expect(lines[3]).toBe(`approved ${proposal?.id}`);
  expect(lines[4]).toBe(`executed: order ${order?.id}`);
  expect(lines.some((line) => /^ {2}fill buy \d+(\.\d+)? @ \d+(\.\d+)? \(fee /.test(line))).toBe(true);
  expect(lines.at(-1)).toMatch(
    /^order filled: \d+(\.\d+)? @ \d+(\.\d+)?; \d+ fill\(s\) seen by (stream|polling)$/,
  );

  expect(proposal).toMatchObject({ analysisId: analysis.id, status: 'executed', orderId: order?.id });
  expect(order).toMatchObject({
    status: 'filled',
    clientOrderId: proposal?.clientOrderId,
    quantity: proposal?.quantity,
  });
  expect(fills.length).toBeGreaterThan(0);
  expect(fills.every((fill) => fill.orderId === order?.id)).toBe(true);
  // The stream opens before the order is placed, so it sees the fills (polling is the fallback).
  expect(['stream', 'polling']).toContain(watchedVia);

  // Executing again places no second order.
  const sigmax = new Sigmax(options);
  await sigmax.proposals.execute(proposal?.id ?? '');
  expect((await sigmax.orders.list({ clientOrderId: proposal?.clientOrderId ?? '' })).data).toHaveLength(1);
});

it('an analysis that proposes no trade ends the example without an order', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const h = await startTestServer({ config: { replayStart: '2020-06-01T00:00:00Z', replaySpeed: 0.001 } });
  try {
    const result = await analyzeAndTrade({ baseUrl: 'http://localhost', apiKey: h.adminKey, fetch: h.fetch });
    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(result).toMatchObject({ proposal: null, order: null, fills: [], watchedVia: null });
    expect(result.analysis.decision.action).toBe('hold');
    expect(lines.at(-1)).toMatch(/^no trade: Analysis ana_\w+ decided to hold/);
  } finally {
    log.mockRestore();
    await h.close();
  }
}, 60_000);
