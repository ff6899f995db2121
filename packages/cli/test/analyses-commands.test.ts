import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main';

// The analysis commands in-process against the reference server (replayed candles, news fixtures, no
// LLM): `fetch` is routed into the server's app, whose responses are checked against the spec.

let t: TestServer;
const sent: string[] = [];
const env = () => ({
  SIGMAX_URL: 'http://sigmax.test',
  SIGMAX_API_KEY: t.adminKey,
  SIGMAX_CONFIG_FILE: join(tmpdir(), 'sigmax-cli-analyses-no-such-dir', 'config.json'),
});

beforeAll(async () => {
  t = await startTestServer();
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    sent.push(`${request.method} ${url.pathname}${url.search}`);
    return t.fetch(new Request(`http://localhost${url.pathname}${url.search}`, request));
  });
}, 30_000);
afterAll(async () => {
  vi.unstubAllGlobals();
  await t?.close();
});

async function sigmax(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: env(),
  });
  return { code, stdout, stderr };
}

describe('sigmax analyze, analyses and debates', () => {
  let id = '';

  it('analyze prints the decision and the agents, or JSON', async () => {
    const run = await sigmax(
      'analyze',
      'BTC/USDT',
      '--timeframe',
      '4h,1d',
      '--rounds',
      '3',
      '--capital',
      '5000',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^id:\s+ana_[0-9A-Z]{26}$/m);
    expect(run.stdout).toMatch(/^decision:\s+(buy|sell|hold) \(confidence \d+%\)$/m);
    expect(run.stdout).toMatch(/^verdict:\s+bull [0-9.]+ vs bear [0-9.]+ over 3 round\(s\)$/m);
    expect(run.stdout).toMatch(/^AGENT\s+SCORE\s+SUMMARY$/m);
    expect(run.stdout).toMatch(/^technical\s+-?[0-9.]+\s+\S/m);
    const posted = sent.filter((s) => s.startsWith('POST'));
    expect(posted).toEqual(['POST /v1/analyses']);

    const json = await sigmax('analyze', 'ETH/USDT', '--json');
    const analysis = JSON.parse(json.stdout);
    expect(analysis.symbol).toBe('ETH/USDT');
    id = analysis.id;
  });

  it('analyses list, get, explain and rerun', async () => {
    const list = await sigmax('analyses', 'list', '--symbol', 'ETH/USDT');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+SYMBOL\s+ACTION\s+CONFIDENCE\s+SIZE/);
    expect(list.stdout).toContain(id);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);

    const get = await sigmax('analyses', 'get', id);
    expect(get.stdout).toMatch(new RegExp(`^id:\\s+${id}$`, 'm'));

    const explain = await sigmax('analyses', 'explain', id);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^# Why (buy|sell|hold) ETH\/USDT\?/);
    expect(explain.stdout).toContain('## Sizing');

    const rerun = await sigmax('analyses', 'rerun', id, '--json');
    const again = JSON.parse(rerun.stdout);
    expect(again.provenance.rerunOf).toBe(id);

    const debates = await sigmax('debates', '--symbol', 'ETH/USDT');
    expect(debates.code).toBe(0);
    expect(debates.stdout).toContain(again.id);
    expect(debates.stdout).toMatch(/verdict: (buy|sell|hold) \(\d+%\)/);
  });

  it('refuses bad command lines before sending anything, and reports API errors', async () => {
    const before = sent.length;
    expect((await sigmax('analyze')).code).toBe(2);
    expect((await sigmax('analyze', 'BTC/USDT', '--timeframe', '2h')).stderr).toContain(
      '--timeframe must be',
    );
    expect((await sigmax('analyze', 'BTC/USDT', '--rounds', '9')).code).toBe(2);
    expect((await sigmax('analyze', 'BTC/USDT', '--capital', '1e3')).code).toBe(2);
    expect((await sigmax('analyses', 'list', '--action', 'short')).code).toBe(2);
    expect((await sigmax('analyses', 'list', '--min-confidence', '1.5')).code).toBe(2);
    expect((await sigmax('analyses', 'frobnicate')).code).toBe(2);
    expect(sent.length).toBe(before);

    const unknown = await sigmax('analyze', 'NOPE/USDT');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^sigmax: 404 not_found: /);
    const unserved = await sigmax('analyze', 'ETH/USDT', '--timeframe', '1h');
    expect(unserved.code).toBe(1);
    expect(unserved.stderr).toContain('422 validation_failed');
  });
});
