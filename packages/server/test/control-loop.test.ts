import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresReachable, startTestServer, type TestServer } from './support';
import { replayAt } from './support/trading';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
type Json = any;

const BUY_AT = '2021-01-04T00:00:00Z';
const FOUR_HOURS = 4 * 3_600_000;

async function post(t: TestServer, path: string, body: unknown, status = 200): Promise<Json> {
  const res = await t.request(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  return json;
}

const onPostgres = await postgresReachable();

describe('the autonomous loop', () => {
  it('analyses, proposes and executes on each candle close, and stops', async () => {
    const replay = replayAt(BUY_AT);
    const t = await startTestServer({ market: replay.feed });
    try {
      expect((await (await t.request('/v1/control/loop')).json()).running).toBe(false);
      const started = await post(t, '/v1/control/start', { symbols: ['BTC/USDT'], timeframe: '4h' });
      expect(started).toMatchObject({
        running: true,
        leader: true,
        symbols: ['BTC/USDT'],
        timeframe: '4h',
        cycles: 0,
      });
      replay.wall.advance(FOUR_HOURS);
      replay.feed.poll();
      const end = Date.now() + 20_000;
      let loop: Json;
      do {
        await new Promise((r) => setTimeout(r, 50));
        loop = await (await t.request('/v1/control/loop')).json();
      } while (loop.cycles < 1 && Date.now() < end);
      const proposals = await (await t.request('/v1/proposals')).json();
      expect(loop.cycles).toBe(1);
      expect(loop.lastError).toBeNull();
      expect(proposals.data).toHaveLength(1);
      expect(proposals.data[0]).toMatchObject({ symbol: 'BTC/USDT', status: 'executed' });
      const stopped = await post(t, '/v1/control/stop', undefined);
      expect(stopped.running).toBe(false);
      replay.wall.advance(FOUR_HOURS);
      replay.feed.poll();
      await new Promise((r) => setTimeout(r, 300));
      expect((await (await t.request('/v1/control/loop')).json()).cycles).toBe(1);
      expect(await post(t, '/v1/control/start', { symbols: ['NOPE/USDT'] }, 422)).toMatchObject({
        errors: [{ path: 'body.symbols[0]' }],
      });
    } finally {
      await t.close();
    }
  }, 60_000);

  describe.runIf(onPostgres)('on PostgreSQL', () => {
    let url: string;
    let drop: () => Promise<void>;
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      ({ url, drop } = await createScratchDatabase());
      a = await startTestServer({ market: replayAt(BUY_AT).feed, config: { databaseUrl: url } });
      b = await startTestServer({ market: replayAt(BUY_AT).feed, config: { databaseUrl: url } });
    }, 60_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await drop?.();
    });

    it('one server leads (an advisory lock); the other takes over when it stops', async () => {
      const started = await post(a, '/v1/control/start', { symbols: ['BTC/USDT'] });
      expect(started.leader).toBe(true);
      // The other server learns the switch at its next check (every 5 s) and cannot take the lock.
      await new Promise((r) => setTimeout(r, 5500));
      const other = await (await b.request('/v1/control/loop')).json();
      expect(other).toMatchObject({ running: true, leader: false });
      await a.close();
      const end = Date.now() + 12_000;
      let loop: Json;
      do {
        await new Promise((r) => setTimeout(r, 250));
        loop = await (await b.request('/v1/control/loop')).json();
      } while (!loop.leader && Date.now() < end);
      expect(loop.leader).toBe(true);
    }, 60_000);
  });
});
