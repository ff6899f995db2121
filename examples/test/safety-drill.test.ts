import { ResumeNeedsForceError, Sigmax, TradingPausedError } from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { safetyDrill } from '../safety-drill';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { replayStart: '2021-01-04T00:00:00Z', replaySpeed: 0.001 } });
}, 30_000);
afterAll(() => t?.close(), 30_000);

it('the safety drill runs against the reference server with a trade key and an admin key', async () => {
  const admin = new Sigmax({ baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch });
  const { key } = await admin.apiKeys.create({ name: 'drill', scopes: ['trade'] });
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const result = await safetyDrill({
    baseUrl: 'http://localhost',
    apiKey: key,
    adminApiKey: t.adminKey,
    fetch: t.fetch,
  });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines).toEqual([
    expect.stringMatching(/^paused: HALTED until \S+Z$/),
    'order refused: trading_paused (HALTED)',
    'resumed: ACTIVE',
    expect.stringMatching(/^position opened, limit buy ord_\w+ resting$/),
    'panic: canceled 1 order(s), closed 1 position(s), 0 error(s); HALTED',
    'left: 0 open order(s), 0 position(s)',
    'plain resume refused: resume_needs_force',
    'forced resume: ACTIVE',
  ]);
  expect(result.refused).toBeInstanceOf(TradingPausedError);
  expect(result.resumeRefused).toBeInstanceOf(ResumeNeedsForceError);
  expect(result.panic.closingOrders.map((o) => [o.symbol, o.side, o.status])).toEqual([
    ['BTC/USDT', 'sell', 'filled'],
  ]);
  expect(result.final.state).toBe('ACTIVE');
  expect((await admin.safety.get()).state).toBe('ACTIVE');
});
