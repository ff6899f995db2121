import {
  type Backtest,
  type BacktestCreateParams,
  ConflictError,
  NotFoundError,
  Sigmax,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The strategies and backtests resources against the reference server in-process (the replay of the
// shipped candles, which end with 2019). Every response passes the server's spec validator.

const sma = { name: 'sma-crossover', params: { fast: 10, slow: 30 } };
const market = {
  source: 'market',
  symbol: 'BTC/USDT',
  timeframe: '4h',
  from: '2019-01-01T00:00:00Z',
  to: '2020-01-01T00:00:00Z',
} as const;
const settings = { lotSize: '0.0001' };

describe('SDK backtests against the reference server', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  beforeAll(async () => {
    t = await startTestServer();
    sigmax = new Sigmax({ baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch, maxRetries: 0 });
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the strategies with their parameters', async () => {
    const { data } = await sigmax.strategies.list();
    const smaDef = data.find((s) => s.name === 'sma-crossover');
    expect(smaDef?.params.map((p) => p.name)).toEqual(expect.arrayContaining(['fast', 'slow']));
    expect(smaDef?.params.every((p) => ['int', 'float', 'choice'].includes(p.type))).toBe(true);
  });

  it('creates a run, waits with progress, and reads the report, the list, the equity and the chart', async () => {
    const created = await sigmax.backtests.create({ strategy: sma, data: market, settings });
    expect(created.status).toBe('queued');
    expect(created.data).toMatchObject({ source: 'market', symbol: 'BTC/USDT', timeframe: '4h' });

    const seen: Backtest[] = [];
    const done = await sigmax.backtests.wait(created.id, { intervalMs: 25, onProgress: (b) => seen.push(b) });
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.result?.run.metrics.trades).toBe(done.result?.run.trades.length);
    expect(seen.at(-1)).toEqual(done);
    const progress = seen.map((b) => b.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const keys = seen.map((b) => `${b.status} ${b.progress}`);
    expect(new Set(keys).size).toBe(keys.length);

    expect(await sigmax.backtests.get(created.id)).toEqual(done);
    const listed: string[] = [];
    for await (const job of sigmax.backtests.list({ status: 'succeeded', kind: 'run', limit: 1 })) {
      listed.push(job.id);
      expect(job).not.toHaveProperty('result');
    }
    expect(listed).toContain(created.id);

    const equity = await sigmax.backtests.equity(created.id, { maxPoints: 50 });
    expect(equity.total).toBe(created.data.candles);
    expect(equity.points.length).toBeLessThanOrEqual(50);
    const svg = await sigmax.backtests.chart(created.id);
    expect(svg).toMatch(/^(<\?xml|<svg)/);
    expect(svg).toContain('sma-crossover');
  });

  it('runs on a CSV upload, as a string or a Blob, with the same result as inline candles', async () => {
    const rows: Array<[number, number, number, number, number, number]> = [];
    let price = 100;
    for (let i = 0; i < 400; i++) {
      const next = price * (1 + 0.02 * Math.sin(i / 9) + 0.004 * Math.cos(i / 3));
      rows.push([
        Date.UTC(2024, 0, 1) + i * 3_600_000,
        price,
        Math.max(price, next) * 1.001,
        Math.min(price, next) * 0.999,
        next,
        10 + (i % 7),
      ]);
      price = next;
    }
    const body = { strategy: { name: 'sma-crossover', params: { fast: 5, slow: 20 } }, settings };
    const csv = `time,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const fromString = await sigmax.backtests.createFromCsv({ ...body, data: { symbol: 'BTC/USDT' } }, csv);
    expect(fromString.data).toMatchObject({ source: 'upload', timeframe: null, candles: 400 });
    const fromBlob = await sigmax.backtests.createFromCsv(
      { ...body, data: { source: 'upload', symbol: 'BTC/USDT' } },
      new Blob([csv], { type: 'text/csv' }),
    );
    const inline = await sigmax.backtests.create({
      ...body,
      data: { source: 'inline', symbol: 'BTC/USDT', candles: rows },
    });
    const [a, b, c] = await Promise.all(
      [fromString, fromBlob, inline].map((job) => sigmax.backtests.wait(job.id, { intervalMs: 25 })),
    );
    expect(a?.status, JSON.stringify(a?.error)).toBe('succeeded');
    expect(b?.result?.run).toEqual(a?.result?.run);
    expect(c?.result?.run).toEqual(a?.result?.run);
  });

  it('maps a 422 to UnprocessableEntityError naming the field, for JSON and for CSV', async () => {
    const bad = await rejection(
      sigmax.backtests.create({ strategy: { name: 'sma-crossover', params: { fast: 0 } }, data: market }),
    );
    expect(bad).toBeInstanceOf(UnprocessableEntityError);
    expect((bad as UnprocessableEntityError).code).toBe('validation_failed');
    expect((bad as UnprocessableEntityError).problem?.errors?.map((e) => e.path)).toEqual([
      'body.strategy.params.fast',
    ]);

    const upload = { source: 'upload', symbol: 'BTC/USDT' } as const;
    const asJson = await rejection(sigmax.backtests.create({ strategy: sma, data: upload }));
    expect((asJson as UnprocessableEntityError).problem?.errors?.map((e) => e.path)).toEqual([
      'body.data.source',
    ]);

    const badCsv = 'time,open,high,low,close\n2024-01-01,10,12,9,11\n2024-01-02,11,10.5,10,12\n';
    const csvError = await rejection(sigmax.backtests.createFromCsv({ strategy: sma, data: upload }, badCsv));
    expect(csvError).toBeInstanceOf(UnprocessableEntityError);
    expect((csvError as UnprocessableEntityError).problem?.errors?.[0]?.path).toMatch(/^candles/);
  });

  it('cancels a running job; waiting then resolves cancelled, and a second cancel is a conflict', async () => {
    const big: BacktestCreateParams = {
      kind: 'search',
      strategy: sma,
      data: { ...market, from: '2017-01-01T00:00:00Z' },
      settings,
      search: { ranges: { fast: { min: 2, max: 100, step: 1 }, slow: { min: 10, max: 400, step: 1 } } },
    };
    const job = await sigmax.backtests.create(big);
    const controller = new AbortController();
    // Wait for the job to be running, then stop waiting.
    await sigmax.backtests
      .wait(job.id, {
        intervalMs: 25,
        signal: controller.signal,
        onProgress: (b) => {
          if (b.status === 'running' && b.progress > 0) controller.abort();
        },
      })
      .catch(() => undefined);
    expect((await sigmax.backtests.get(job.id)).status).toBe('running');

    const cancelled = await sigmax.backtests.cancel(job.id);
    expect(cancelled.status).toBe('cancelled');
    const final = await sigmax.backtests.wait(job.id, { timeoutMs: 5_000 });
    expect(final.status).toBe('cancelled');
    expect(final.result).toBeNull();

    const again = await rejection(sigmax.backtests.cancel(job.id));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).code).toBe('backtest_not_cancelable');
    expect(await rejection(sigmax.backtests.chart(job.id))).toBeInstanceOf(ConflictError);
    expect(await rejection(sigmax.backtests.equity(job.id))).toBeInstanceOf(ConflictError);
    expect(await rejection(sigmax.backtests.get('bt_nope'))).toBeInstanceOf(NotFoundError);
  });
});
