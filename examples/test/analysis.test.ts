import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { analysisExample } from '../analysis';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 30_000);
afterAll(() => t?.close(), 30_000);

it('the analysis example runs against the reference server', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch };
  const { analysis, explanation, rerun } = await analysisExample({ ...options, capital: '10000' });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines[0]).toMatch(/^BTC\/USDT as of \S+: (buy|sell|hold) \(confidence [01]\.\d\d\)$/);
  expect(lines.some((line) => /^ {2}round 1 (bull|bear): /.test(line))).toBe(true);
  expect(lines.some((line) => line.startsWith('  verdict: '))).toBe(true);
  expect(lines).toContain(`# Why ${analysis.decision.action} BTC/USDT?`);
  expect(lines.at(-1)).toBe(`rerun ${rerun.id}: same decision`);
  expect(explanation).toContain('## What the agents found');
  expect(rerun.provenance.rerunOf).toBe(analysis.id);
});
