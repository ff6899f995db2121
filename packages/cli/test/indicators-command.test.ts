import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/main';

// `sigmax indicators` in-process, against a fake server: what the command line sends and what it prints.

const env = {
  SIGMAX_URL: 'http://sigmax.test',
  SIGMAX_API_KEY: 'sk_sigmax_cli_unit',
  SIGMAX_CONFIG_FILE: join(tmpdir(), 'sigmax-cli-unit-no-such-dir', 'config.json'),
};

const BODY = {
  symbol: 'BTC/USDT',
  timeframe: '4h',
  time: ['2020-01-01T00:00:00.000Z', '2020-01-01T04:00:00.000Z', '2020-01-01T08:00:00.000Z'],
  series: [
    {
      name: 'rsi:14',
      indicator: 'rsi',
      params: [14],
      warmup: 14,
      outputs: { value: [null, 48.123456789, 51.5] },
    },
    {
      name: 'macd:12:26:9',
      indicator: 'macd',
      params: [12, 26, 9],
      warmup: 33,
      outputs: {
        macd: [null, null, -3.25],
        signal: [null, null, -1.0000000004],
        histogram: [null, null, -2.25],
      },
    },
  ],
};

let urls: URL[];
let response: () => Response;

beforeEach(() => {
  urls = [];
  response = () => new Response(JSON.stringify(BODY), { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (request: Request) => {
    urls.push(new URL(request.url));
    return response();
  });
});
afterEach(() => vi.unstubAllGlobals());

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
    env,
  });
  return { code, stdout, stderr };
}

describe('sigmax indicators', () => {
  it('sends the timeframe, names, limit and until, and prints one column per output', async () => {
    const r = await sigmax(
      'indicators',
      'BTC/USDT',
      '--timeframe',
      '4h',
      '--names',
      'rsi:14,macd:12:26:9',
      '--limit',
      '3',
      '--until',
      '2020-01-01T12:00:00Z',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(urls.map((u) => `${u.pathname}${u.search}`)).toEqual([
      '/v1/markets/BTC-USDT/indicators?timeframe=4h&names=rsi%3A14%2Cmacd%3A12%3A26%3A9&until=2020-01-01T12%3A00%3A00Z&limit=3',
    ]);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual([
      'TIME',
      'RSI:14',
      'MACD:12:26:9.MACD',
      'MACD:12:26:9.SIGNAL',
      'MACD:12:26:9.HISTOGRAM',
    ]);
    // The warm-up shows as '-'; values to 8 significant digits.
    expect(lines[1]?.split(/\s+/)).toEqual(['2020-01-01T00:00:00.000Z', '-', '-', '-', '-']);
    expect(lines[2]?.split(/\s+/)).toEqual(['2020-01-01T04:00:00.000Z', '48.123457', '-', '-', '-']);
    expect(lines[3]?.split(/\s+/)).toEqual(['2020-01-01T08:00:00.000Z', '51.5', '-3.25', '-1', '-2.25']);
    expect(lines).toHaveLength(4);
  });

  it('prints the body as JSON with --json, nulls and full numbers kept', async () => {
    const r = await sigmax('indicators', 'ETH-USDT', '--timeframe', '1d', '--names', 'rsi:14', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(BODY);
    expect(urls[0]?.pathname).toBe('/v1/markets/ETH-USDT/indicators');
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({ timeframe: '1d', names: 'rsi:14' });
  });

  it.each([
    [['indicators', '--timeframe', '4h', '--names', 'rsi'], 'usage'],
    [['indicators', 'BTC/USDT', '--names', 'rsi'], 'usage'],
    [['indicators', 'BTC/USDT', '--timeframe', '4h'], 'usage'],
    [['indicators', 'BTC/USDT', '--timeframe', '2h', '--names', 'rsi'], '--timeframe'],
    [['indicators', 'BTC/USDT', '--timeframe', '4h', '--names', 'rsi', '--limit', '0'], '--limit'],
    [['indicators', 'BTC/USDT', '--timeframe', '4h', '--names', 'rsi', '--limit', '1001'], '--limit'],
  ])('%j is a usage error (exit 2) naming %s, and sends nothing', async (argv, word) => {
    const r = await sigmax(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(word);
    expect(urls).toHaveLength(0);
  });

  it('reports the server’s 422 with its code and detail (exit 1)', async () => {
    response = () =>
      new Response(
        JSON.stringify({
          type: 'urn:sigmax:problem:validation_failed',
          title: 'Validation failed',
          status: 422,
          detail: "query.names: unknown indicator 'foo'",
          code: 'validation_failed',
          requestId: 'req_cli',
          errors: [{ path: 'query.names', message: "unknown indicator 'foo'" }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json', 'x-request-id': 'req_cli' } },
      );
    const r = await sigmax('indicators', 'BTC/USDT', '--timeframe', '4h', '--names', 'foo');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("422 validation_failed: query.names: unknown indicator 'foo'");
    expect(r.stderr).toContain('req_cli');
  });
});
