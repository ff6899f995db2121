import { type Candle, runBacktest, smaCrossover } from '@sigmax/engine';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBacktest } from '../src/db/queries/backtests';
import { backtests } from '../src/db/schema';
import type { BusEvent } from '../src/events/bus';
import {
  createScratchDatabase,
  restartableStorage,
  startTestServer,
  type TestServer,
  testDrivers,
} from './support';
import { keyWith, replayAtEnd } from './support/trading';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
type Json = any;

const FROM = '2022-01-01T00:00:00.000Z';
const TO = '2023-01-01T00:00:00.000Z';
const sma = { name: 'sma-crossover', params: { fast: 10, slow: 30 } };
const market = { source: 'market', symbol: 'BTC/USDT', timeframe: '4h', from: FROM, to: TO };
const settings = { lotSize: '0.0001' };

async function post(t: TestServer, body: unknown, status = 202, key?: string): Promise<Json> {
  const res = await t.request('/v1/backtests', { json: body, ...(key ? { key } : {}) });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  return json;
}

/** Polls a job until it has finished. */
async function finished(t: TestServer, id: string, timeoutMs = 60_000): Promise<Json> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await t.request(`/v1/backtests/${id}`)).json();
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > end) throw new Error(`backtest ${id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const fieldsOf = (problem: Json): string[] => problem.errors.map((e: { path: string }) => e.path);

describe.each(await testDrivers())('backtests on %s', (driver) => {
  let t: TestServer;
  let candles: Candle[];
  const events: BusEvent[] = [];
  beforeAll(async () => {
    const feed = replayAtEnd();
    candles = await feed.getCandles('BTC/USDT', '4h', {
      since: Date.parse(FROM),
      until: Date.parse(TO),
      limit: 10_000,
    });
    t = await startTestServer({ driver, market: feed });
    t.server.services.events.subscribe((e) => {
      if (e.type.startsWith('backtest.')) events.push(e);
    });
  }, 60_000);
  afterAll(() => t?.close());

  it(`runs on the ${driver === 'postgres' ? 'pg-boss' : 'in-process'} queue`, () => {
    expect(t.server.services.backtests.queueKind).toBe(driver === 'postgres' ? 'pg-boss' : 'in-process');
  });

  it('runs a template on market data: 202, progress, then the report runBacktest computes', async () => {
    const created = await post(t, { strategy: sma, data: market, settings });
    expect(created.status).toBe('queued');
    expect(created.data).toMatchObject({
      source: 'market',
      symbol: 'BTC/USDT',
      timeframe: '4h',
      candles: candles.length,
    });
    const job = await finished(t, created.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.progress).toBe(1);
    const direct = runBacktest({
      candles,
      strategy: smaCrossover.create(sma.params),
      symbol: 'BTC/USDT',
      lotSize: '0.0001',
    });
    expect(job.result.run.finalEquity).toBe(direct.finalEquity.toString());
    expect(job.result.run.trades).toHaveLength(direct.trades.length);
    expect(job.result.run.trades[0].entryPrice).toBe(direct.trades[0]?.entryPrice.toString());
    expect(job.result.run.metrics.sharpe).toBe(direct.metrics.sharpe);

    const equity = await (await t.request(`/v1/backtests/${created.id}/equity`)).json();
    expect(equity.total).toBe(candles.length);
    expect(equity.points).toHaveLength(candles.length);
    const small = await (await t.request(`/v1/backtests/${created.id}/equity?maxPoints=50`)).json();
    expect(small.points.length).toBeLessThanOrEqual(50);
    const deepest = Math.min(...equity.points.map((p: Json) => p.drawdown));
    expect(Math.min(...small.points.map((p: Json) => p.drawdown))).toBe(deepest);

    const chart = await t.request(`/v1/backtests/${created.id}/chart.svg`);
    expect(chart.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await chart.text();
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('sma-crossover');

    const seen = events.filter((e) => 'backtest' in e && e.backtest.id === created.id).map((e) => e.type);
    expect(seen[0]).toBe('backtest.queued');
    expect(seen).toContain('backtest.started');
    expect(seen.at(-1)).toBe('backtest.finished');

    const list = await (await t.request('/v1/backtests?status=succeeded')).json();
    expect(list.data.map((b: Json) => b.id)).toContain(created.id);
    expect(list.data[0]).not.toHaveProperty('result');
  }, 90_000);

  it('runs a search, a walk-forward and a Monte Carlo job', async () => {
    const ranges = { fast: { min: 5, max: 20, step: 5 }, slow: { min: 20, max: 60, step: 20 } };
    const search = await post(t, {
      kind: 'search',
      strategy: sma,
      data: market,
      settings,
      search: { ranges, objective: 'sharpe', top: 3 },
    });
    const wf = await post(t, {
      kind: 'walk-forward',
      strategy: sma,
      data: market,
      settings,
      search: { ranges, objective: 'calmar' },
      walkForward: { train: 900, test: 300 },
    });
    const mc = await post(t, {
      kind: 'monte-carlo',
      strategy: sma,
      data: market,
      settings,
      monteCarlo: { method: 'shuffle', runs: 300, seed: 7 },
    });
    const s = await finished(t, search.id);
    expect(s.status, JSON.stringify(s.error)).toBe('succeeded');
    expect(s.result.search.evaluated).toBe(11); // 4 × 3 points, less fast = slow = 20
    expect(s.result.search.top).toHaveLength(3);
    expect(s.result.run.params).toEqual(s.result.search.best.params);
    const w = await finished(t, wf.id);
    expect(w.status, JSON.stringify(w.error)).toBe('succeeded');
    expect(w.result.walkForward.windows.length).toBe(Math.floor((candles.length - 900) / 300));
    expect(w.result.run.finalCash).toBeNull();
    const m = await finished(t, mc.id);
    expect(m.status, JSON.stringify(m.error)).toBe('succeeded');
    expect(m.result.monteCarlo.runs).toBe(300);
    expect(m.result.monteCarlo.finalReturn.p5).toBeLessThanOrEqual(m.result.monteCarlo.finalReturn.p95);
  }, 120_000);

  it('runs on candles sent inline and as a CSV upload, with the same result', async () => {
    const rows = candles.slice(0, 600).map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]);
    const inline = await post(t, {
      strategy: sma,
      data: { source: 'inline', symbol: 'BTC/USDT', candles: rows },
      settings,
    });
    const csv = `time,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const form = new FormData();
    form.set(
      'request',
      JSON.stringify({ strategy: sma, data: { source: 'upload', symbol: 'BTC/USDT' }, settings }),
    );
    form.set('candles', new Blob([csv], { type: 'text/csv' }), 'btc.csv');
    const res = await t.request('/v1/backtests', { method: 'POST', body: form });
    const uploaded = await res.json();
    expect(res.status, JSON.stringify(uploaded)).toBe(202);
    expect(uploaded.data).toMatchObject({ source: 'upload', timeframe: null, candles: 600 });
    const a = await finished(t, inline.id);
    const b = await finished(t, uploaded.id);
    expect(a.status).toBe('succeeded');
    expect(b.result.run).toEqual(a.result.run);
  }, 60_000);

  it('refuses bad input with 422 naming the field, and stores nothing', async () => {
    const before = (await (await t.request('/v1/backtests?limit=500')).json()).data.length;
    const bad = async (body: unknown) => fieldsOf(await post(t, body, 422));
    expect(await bad({ strategy: sma, data: { ...market, symbol: 'DOGE/EUR' }, settings })).toEqual([
      'body.data.symbol',
    ]);
    expect(
      await bad({
        strategy: sma,
        data: { ...market, from: '2031-01-01T00:00:00Z', to: undefined },
        settings,
      }),
    ).toEqual(['body.data.from']);
    expect(await bad({ strategy: { name: 'sma-crossover', params: { fast: 0 } }, data: market })).toEqual([
      'body.strategy.params.fast',
    ]);
    expect(await bad({ strategy: { name: 'no-such' }, data: market })).toEqual(['body.strategy.name']);
    expect(
      await bad({
        kind: 'search',
        strategy: sma,
        data: market,
        search: { ranges: { fast: { min: 50, max: 60 }, slow: { min: 10, max: 20 } } },
      }),
    ).toEqual(['body.search.ranges']);
    expect(await bad({ kind: 'search', strategy: sma, data: market })).toEqual(['body.search.ranges']);
    expect(
      await bad({
        kind: 'walk-forward',
        strategy: sma,
        data: market,
        search: { ranges: { fast: { min: 5, max: 10 } } },
        walkForward: { train: 5000, test: 5000 },
      }),
    ).toEqual(['body.walkForward']);
    const rows = candles.slice(0, 10).map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]);
    (rows[3] as number[])[2] = 1; // high below the open
    expect(
      await bad({ strategy: sma, data: { source: 'inline', symbol: 'BTC/USDT', candles: rows } }),
    ).toEqual(['body.data.candles[3][2]']);
    const swapped = [rows[1], rows[0], ...rows.slice(2)];
    expect(
      (await bad({ strategy: sma, data: { source: 'inline', symbol: 'BTC/USDT', candles: swapped } }))[0],
    ).toMatch(/^body\.data\.candles\[1\]/);
    expect(await bad({ strategy: sma, data: { source: 'upload', symbol: 'BTC/USDT' } })).toEqual([
      'body.data.source',
    ]);
    const after = (await (await t.request('/v1/backtests?limit=500')).json()).data.length;
    expect(after).toBe(before);
  }, 60_000);

  it('needs the trade scope to start or cancel, read to follow', async () => {
    const reader = await keyWith(t, ['read']);
    await post(t, { strategy: sma, data: market }, 403, reader);
    const res = await t.request('/v1/backtests', { key: reader });
    expect(res.status).toBe(200);
  });

  it('cancels a running job within a second; a finished one cannot be cancelled', async () => {
    const big = await post(t, {
      kind: 'search',
      strategy: sma,
      data: { ...market, from: '2017-01-01T00:00:00Z' },
      settings,
      search: { ranges: { fast: { min: 2, max: 100, step: 1 }, slow: { min: 10, max: 400, step: 1 } } },
    });
    const end = Date.now() + 30_000;
    let job: Json;
    do {
      job = await (await t.request(`/v1/backtests/${big.id}`)).json();
      await new Promise((r) => setTimeout(r, 50));
    } while (!(job.status === 'running' && job.progress > 0) && Date.now() < end);
    expect(job.status).toBe('running');
    const started = Date.now();
    const res = await t.request(`/v1/backtests/${big.id}`, { method: 'DELETE' });
    const cancelled = await res.json();
    expect(res.status).toBe(200);
    expect(cancelled.status).toBe('cancelled');
    // The worker has stopped: it no longer writes progress, and the job stays cancelled.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() - started)));
    const later = await (await t.request(`/v1/backtests/${big.id}`)).json();
    expect(later.status).toBe('cancelled');
    expect(t.server.services.backtests.runningJobs).not.toContain(big.id);
    expect(Date.now() - started).toBeLessThan(2000);
    const again = await t.request(`/v1/backtests/${big.id}`, { method: 'DELETE' });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('backtest_not_cancelable');
    const noResult = await t.request(`/v1/backtests/${big.id}/chart.svg`);
    expect(noResult.status).toBe(409);
  }, 60_000);

  it('runs the multi-agent strategy, on the same agents as live analysis', async () => {
    const created = await post(t, {
      strategy: { name: 'multi-agent', params: { minConfidence: 0.1 } },
      data: market,
      settings,
    });
    const job = await finished(t, created.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result.run.params).toMatchObject({ minConfidence: 0.1 });
    expect(job.result.run.trades.length).toBeGreaterThan(0);
    expect(job.result.run.metrics.bars).toBe(candles.length);
  }, 60_000);

  it('sizes by the risk manager: volatility target and half-Kelly', async () => {
    const vol = await post(t, {
      strategy: sma,
      data: market,
      settings: {
        ...settings,
        sizing: { kind: 'risk', method: 'volatility-target', targetVolatility: 0.3, maxFraction: 0.9 },
      },
    });
    const kelly = await post(t, {
      strategy: sma,
      data: market,
      settings: {
        ...settings,
        sizing: { kind: 'risk', method: 'half-kelly', minTrades: 3, startFraction: 0.2 },
      },
    });
    for (const id of [vol.id, kelly.id]) {
      const job = await finished(t, id);
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(job.result.run.trades.length).toBeGreaterThan(0);
    }
    const problem = await post(
      t,
      { strategy: sma, data: market, settings: { sizing: { kind: 'risk', method: 'volatility-target' } } },
      422,
    );
    expect(fieldsOf(problem)).toEqual(['body.settings.sizing.targetVolatility']);
  }, 60_000);

  it('runs the safety enforcer on the simulated clock when asked', async () => {
    const guarded = await post(t, {
      strategy: { name: 'sma-crossover', params: { fast: 5, slow: 20 } },
      data: market,
      settings: { ...settings, safety: { config: { triggers: { consecutiveLosses: { threshold: 2 } } } } },
    });
    const job = await finished(t, guarded.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result.run.safety).toMatchObject({ pauses: 1, resumes: 0, finalState: 'REDUCING' });
    expect(job.result.run.safety.blockedEntries).toBeGreaterThan(0);
    const bad = await post(
      t,
      { strategy: sma, data: market, settings: { safety: { resumeAfterMinutes: 0 } } },
      422,
    );
    expect(fieldsOf(bad)).toEqual(['body.settings.safety.resumeAfterMinutes']);
  }, 60_000);

  it('answers 404 for an unknown job', async () => {
    expect((await t.request('/v1/backtests/bt_nope')).status).toBe(404);
    expect((await t.request('/v1/backtests/bt_nope', { method: 'DELETE' })).status).toBe(404);
  });

  it('lists the strategies with their parameters', async () => {
    const body = await (await t.request('/v1/strategies')).json();
    const names = body.data.map((s: Json) => s.name);
    expect(names).toContain('sma-crossover');
    const smaDef = body.data.find((s: Json) => s.name === 'sma-crossover');
    expect(smaDef.params.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['fast', 'slow']));
  });
});

describe.each(await testDrivers())('backtests across a restart on %s', (driver) => {
  let storage: Record<string, unknown>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config: storage, cleanup } = await restartableStorage(driver, 'backtests'));
  });
  afterAll(() => cleanup?.());

  it('picks up a job a dead worker left running, and fails one interrupted too often', async () => {
    const feed = replayAtEnd();
    const candles = await feed.getCandles('BTC/USDT', '4h', {
      since: Date.parse(FROM),
      until: Date.parse(TO),
      limit: 10_000,
    });
    const first = await startTestServer({ market: feed, config: storage });
    const db = first.server.services.database.db;
    const spec = { kind: 'run', strategy: sma, symbol: 'BTC/USDT', settings } as const;
    const data = {
      source: 'market',
      symbol: 'BTC/USDT',
      timeframe: '4h',
      from: new Date(candles[0]?.time ?? 0).toISOString(),
      to: new Date(candles.at(-1)?.time ?? 0).toISOString(),
      candles: candles.length,
    } as const;
    const common = {
      kind: 'run',
      strategy: sma,
      data,
      spec,
      request: { settings },
      apiKeyId: null,
      createdAt: new Date(),
    } as const;
    await insertBacktest(db, { ...common, id: 'bt_orphan' });
    await insertBacktest(db, { ...common, id: 'bt_doomed' });
    // What a worker that died mid-run leaves behind: running, silent for a minute.
    const stale = new Date(Date.now() - 60_000);
    const dead = { status: 'running', workerId: 'wrk_dead', heartbeatAt: stale };
    await db
      .update(backtests)
      .set({ ...dead, attempts: 1 })
      .where(eq(backtests.id, 'bt_orphan'));
    await db
      .update(backtests)
      .set({ ...dead, attempts: 3 })
      .where(eq(backtests.id, 'bt_doomed'));
    await first.close();

    const second = await startTestServer({ market: replayAtEnd(), config: storage });
    try {
      const orphan = await finished(second, 'bt_orphan');
      expect(orphan.status, JSON.stringify(orphan.error)).toBe('succeeded');
      expect(orphan.result.run.trades.length).toBeGreaterThan(0);
      const doomed = await finished(second, 'bt_doomed');
      expect(doomed.status).toBe('failed');
      expect(doomed.error.code).toBe('interrupted');
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe.runIf((await testDrivers()).includes('postgres'))(
  'backtests shared by two servers on PostgreSQL',
  () => {
    it('both servers take jobs from the one pg-boss queue', async () => {
      const scratch = await createScratchDatabase();
      const a = await startTestServer({ market: replayAtEnd(), config: { databaseUrl: scratch.url } });
      const b = await startTestServer({ market: replayAtEnd(), config: { databaseUrl: scratch.url } });
      try {
        const ranges = { fast: { min: 5, max: 30, step: 5 }, slow: { min: 40, max: 100, step: 20 } };
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) {
          const job = await post(a, {
            kind: 'search',
            strategy: sma,
            data: market,
            settings,
            search: { ranges },
          });
          ids.push(job.id);
        }
        for (const id of ids) expect((await finished(a, id, 120_000)).status).toBe('succeeded');
        const rows = await a.server.services.database.db
          .select({ workerId: backtests.workerId })
          .from(backtests);
        const workers = new Set(rows.map((r) => r.workerId));
        expect(workers).toEqual(
          new Set([a.server.services.backtests.workerId, b.server.services.backtests.workerId]),
        );
      } finally {
        await a.close();
        await b.close();
        await scratch.drop();
      }
    }, 180_000);
  },
);
