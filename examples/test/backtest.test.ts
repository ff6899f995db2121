import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { backtestExample } from '../backtest';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(() => t?.close(), 30_000);

it('the backtest example runs against the reference server', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch };
  const chartPath = join(mkdtempSync(join(tmpdir(), 'sigmax-example-')), 'chart.svg');
  const { run, search } = await backtestExample({ ...options, chartPath });
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();

  expect(lines.some((line) => /^sma-crossover: fast=\d+ slow=\d+/.test(line))).toBe(true);
  const progress = lines.filter((line) => /^ {2}(queued|running|succeeded) \d+%$/.test(line));
  expect(progress.at(-1)).toBe('  succeeded 100%');
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^BTC\/USDT \d+ candles: return -?\d+\.\d%, sharpe -?\d+\.\d\d, max drawdown \d+\.\d%, \d+ trades$/,
    ),
  );
  expect(lines).toContainEqual(expect.stringMatching(/^search: 11 points, best fast=\d+ slow=\d+/));
  expect(lines.at(-1)).toBe(`chart saved to ${chartPath}`);
  expect(run.status).toBe('succeeded');
  expect(search.result?.run.params).toEqual(search.result?.search?.best.params);
  expect(readFileSync(chartPath, 'utf8')).toContain('</svg>');
}, 120_000);
