import { analysisInputHash } from '@sigmax/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreInput } from '../src/analysis/stored-input';
import { findAnalysisInput } from '../src/db/queries/analyses';
import type { BusEvent } from '../src/events/bus';
import { startTestServer, type TestServer, testDrivers } from './support';
import { keyWith, replayAt } from './support/trading';

// The replay of the shipped Coinbase candles, frozen at the start of 2020: BTC/USDT serves 1h, 4h and 1d
// (the 1h history ends in October 2019), ETH/USDT 4h and 1d. The news comes from the shipped fixtures.
const START = '2020-01-01T00:00:00Z';

describe.each(await testDrivers())('analyses on %s', (driver) => {
  let t: TestServer;
  const events: BusEvent[] = [];
  beforeAll(async () => {
    t = await startTestServer({ driver, market: replayAt(START).feed });
    t.server.services.events.subscribe((event) => events.push(event), ['analysis.completed']);
  }, 30_000);
  afterAll(() => t?.close());

  async function analyse(
    body: Record<string, unknown>,
    status = 201,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
  ): Promise<any> {
    const res = await t.request('/v1/analyses', { json: body, ...(headers ? { headers } : {}) });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(status);
    return json;
  }

  let first: { id: string; provenance: { inputHash: string }; decision: { action: string } } | undefined;

  it(`runs an analysis of real candles and stores it (${driver})`, async () => {
    const res = await t.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital: '10000' } });
    const a = await res.json();
    expect(res.status, JSON.stringify(a)).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/analyses/${a.id}`);
    first = a;
    expect(a.id).toMatch(/^ana_[0-9A-Z]{26}$/);
    expect(a.symbol).toBe('BTC/USDT');
    expect(['buy', 'sell', 'hold']).toContain(a.decision.action);
    expect(a.decision.confidence).toBeGreaterThanOrEqual(0);
    expect(a.decision.confidence).toBeLessThanOrEqual(1);
    expect(a.decision.size).toMatch(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/);
    // The latest 4h candle closed at the replay's start.
    expect(Date.parse(a.asOf)).toBeLessThanOrEqual(Date.parse(START));
    expect(a.provenance.candles.map((c: { timeframe: string }) => c.timeframe)).toEqual(['4h', '1d']);
    for (const c of a.provenance.candles) expect(c.count).toBe(500);
    expect(a.provenance.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.provenance.rerunOf).toBeNull();
    expect(a.provenance.parameters).toMatchObject({ debateRounds: 2 });
    expect(a.agents.map((f: { agent: string }) => f.agent)).toEqual(
      expect.arrayContaining([
        'researcher',
        'technical',
        'bull',
        'bear',
        'judge',
        'risk',
        'privacy',
        'optimizer',
      ]),
    );
    expect(a.debate.turns.length).toBeGreaterThan(0);
    expect(a.debate.verdict.action).toBe(a.decision.action);
    // No LLM is configured: templated narration, and that is not a missing input. The fixtures cover
    // late December 2019, so there is news.
    expect(a.narration).toBe('template');
    expect(a.missingInputs).not.toContain('llm');
    expect(a.missingInputs).not.toContain('news');

    const stored = await findAnalysisInput(t.server.services.database.db, a.provenance.inputHash);
    // Stored once, content-addressed: the stored text gives back an input with the same hash.
    expect(analysisInputHash(restoreInput(stored ?? '{}'))).toBe(a.provenance.inputHash);
    const input = JSON.parse(stored ?? '{}');
    expect(input.capital).toBe('10000');
    expect(input.candles['4h']).toHaveLength(500);
    expect(input.news.length).toBeGreaterThan(0);
    expect(
      input.news.every((n: { source: string }) => n.source === 'fixture:btc' || n.source === 'fixture:eth'),
    ).toBe(true);
  });

  it('serves it back by id, in lists and as an explanation', async () => {
    if (!first) throw new Error('no analysis');
    const got = await (await t.request(`/v1/analyses/${first.id}`)).json();
    expect(got).toEqual(first);
    const list = await (await t.request('/v1/analyses?symbol=BTC/USDT')).json();
    expect(list.data.map((a: { id: string }) => a.id)).toContain(first.id);

    const res = await t.request(`/v1/analyses/${first.id}/explanation`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await res.text();
    expect(text).toContain(`# Why ${first.decision.action} BTC/USDT?`);
    expect(text).toContain('## What the agents found');
    expect(text).toContain('## The debate');
    expect(text).toContain('## Sizing');
    expect(text).toContain(first.provenance.inputHash);
  });

  it('reruns from the stored input: same decision and input hash, rerunOf set', async () => {
    if (!first) throw new Error('no analysis');
    const res = await t.request(`/v1/analyses/${first.id}/rerun`, { method: 'POST' });
    const again = await res.json();
    expect(res.status, JSON.stringify(again)).toBe(201);
    expect(again.id).not.toBe(first.id);
    expect(again.provenance.rerunOf).toBe(first.id);
    expect(again.provenance.inputHash).toBe(first.provenance.inputHash);
    expect(again.decision).toEqual(first.decision);
    expect(again.debate).toEqual((first as unknown as { debate: unknown }).debate);
    // A rerun of the rerun still gives the same.
    const res3 = await t.request(`/v1/analyses/${again.id}/rerun`, { method: 'POST' });
    const rerun2 = await res3.json();
    expect(rerun2.provenance.inputHash).toBe(first.provenance.inputHash);
    expect(rerun2.provenance.rerunOf).toBe(again.id);
  });

  it('gives the same input hash to the same request on the frozen market', async () => {
    if (!first) throw new Error('no analysis');
    const same = await analyse({ symbol: 'BTC/USDT', capital: '10000' });
    expect(same.provenance.inputHash).toBe(first.provenance.inputHash);
    const other = await analyse({ symbol: 'BTC/USDT', capital: '20000' });
    expect(other.provenance.inputHash).not.toBe(first.provenance.inputHash);
  });

  it('limits the default timeframes to those the market serves, sizes from the equity by default', async () => {
    const eth = await analyse({ symbol: 'ETH/USDT', debateRounds: 3 });
    expect(eth.provenance.candles.map((c: { timeframe: string }) => c.timeframe)).toEqual(['4h', '1d']);
    expect(eth.debate.rounds).toBe(3);
    const stored = await findAnalysisInput(t.server.services.database.db, eth.provenance.inputHash);
    // The paper account starts with 100 000 USDT and nothing else.
    expect(JSON.parse(stored ?? '{}').capital).toBe('100000');
    const only4h = await analyse({ symbol: 'BTC/USDT', timeframes: ['4h'], capital: '5000' });
    expect(only4h.provenance.candles.map((c: { timeframe: string }) => c.timeframe)).toEqual(['4h']);
  });

  it('leaves out a default timeframe whose data has run out, and says so; keeps one asked for by name', async () => {
    // BTC's 1h history ends in October 2019, two and a half months before the replay's time.
    const btc = await analyse({ symbol: 'BTC/USDT' });
    expect(btc.provenance.candles.map((c: { timeframe: string }) => c.timeframe)).toEqual(['4h', '1d']);
    expect(btc.missingInputs).toContain('candles:1h');
    const risk = btc.agents.find((a: { agent: string }) => a.agent === 'risk');
    expect(risk.warnings.some((w: string) => w.includes('stale'))).toBe(false);
    const asked = await analyse({ symbol: 'BTC/USDT', timeframes: ['1h', '4h'] });
    expect(asked.provenance.candles.map((c: { timeframe: string }) => c.timeframe)).toEqual(['1h', '4h']);
    expect(asked.missingInputs).not.toContain('candles:1h');
    const askedRisk = asked.agents.find((a: { agent: string }) => a.agent === 'risk');
    expect(askedRisk.warnings.some((w: string) => w.includes('stale'))).toBe(true);
  });

  it('publishes analysis.completed', () => {
    const ids = events.map((e) => (e.type === 'analysis.completed' ? e.analysis.id : ''));
    expect(ids).toContain(first?.id);
    expect(events.every((e) => e.type === 'analysis.completed')).toBe(true);
  });

  it('filters and pages the list, newest first', async () => {
    const all = await (await t.request('/v1/analyses?limit=500')).json();
    const ids = all.data.map((a: { id: string }) => a.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(all.data.length).toBeGreaterThanOrEqual(7);

    const eth = await (await t.request('/v1/analyses?symbol=ETH-USDT')).json();
    expect(eth.data.length).toBe(1);
    expect(eth.data[0].symbol).toBe('ETH/USDT');

    const action = all.data[0].decision.action;
    const byAction = await (await t.request(`/v1/analyses?action=${action}`)).json();
    expect(byAction.data.length).toBe(
      all.data.filter((a: { decision: { action: string } }) => a.decision.action === action).length,
    );

    const confident = await (await t.request('/v1/analyses?minConfidence=1')).json();
    expect(
      confident.data.every((a: { decision: { confidence: number } }) => a.decision.confidence >= 1),
    ).toBe(true);

    const future = await (await t.request('/v1/analyses?since=2999-01-01T00:00:00Z')).json();
    expect(future.data).toEqual([]);
    const past = await (await t.request('/v1/analyses?until=2000-01-01T00:00:00Z')).json();
    expect(past.data).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await (
        await t.request(`/v1/analyses?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('lists the debates of past analyses', async () => {
    const res = await t.request('/v1/debates?symbol=BTC/USDT&limit=2');
    const page = await res.json();
    expect(res.status).toBe(200);
    expect(page.data).toHaveLength(2);
    const latest = await (await t.request(`/v1/analyses/${page.data[0].analysisId}`)).json();
    expect(page.data[0]).toEqual({
      analysisId: latest.id,
      symbol: 'BTC/USDT',
      createdAt: latest.createdAt,
      ...latest.debate,
    });
    const next = await (
      await t.request(`/v1/debates?symbol=BTC/USDT&limit=2&cursor=${page.nextCursor}`)
    ).json();
    expect(next.data[0].analysisId < page.data[1].analysisId).toBe(true);
    const eth = await (await t.request('/v1/debates?symbol=ETH/USDT')).json();
    expect(eth.data.map((d: { symbol: string }) => d.symbol)).toEqual(['ETH/USDT']);
  });

  it('replays a POST with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `analysis-${driver}` };
    const a = await analyse({ symbol: 'ETH/USDT', capital: '1000' }, 201, headers);
    const res = await t.request('/v1/analyses', { json: { symbol: 'ETH/USDT', capital: '1000' }, headers });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect((await res.json()).id).toBe(a.id);
    await analyse({ symbol: 'ETH/USDT', capital: '2000' }, 422, headers);
  });

  it('refuses bad input with a problem, and stores nothing', async () => {
    const before = (await (await t.request('/v1/analyses?limit=500')).json()).data.length;
    const unknown = await analyse({ symbol: 'DOGE/USDT' }, 404);
    expect(unknown.code).toBe('not_found');
    const unserved = await analyse({ symbol: 'ETH/USDT', timeframes: ['1h'] }, 422);
    expect(unserved.code).toBe('validation_failed');
    expect(unserved.errors[0].path).toBe('body.timeframes');
    expect(unserved.detail).toContain('4h, 1d');
    expect((await analyse({ symbol: 'BTC/USDT', timeframes: ['30m'] }, 422)).code).toBe('validation_failed');
    expect((await analyse({ symbol: 'BTC/USDT', timeframes: ['4h', '4h'] }, 422)).errors[0].path).toBe(
      'body.timeframes',
    );
    expect((await analyse({ symbol: 'BTC/USDT', timeframes: [] }, 422)).errors[0].path).toBe(
      'body.timeframes',
    );
    expect((await analyse({ symbol: 'BTC/USDT', capital: 1000 }, 422)).errors[0].path).toBe('body.capital');
    expect((await analyse({ symbol: 'BTC/USDT', capital: '0' }, 422)).errors[0].path).toBe('body.capital');
    expect((await analyse({ symbol: 'BTC/USDT', capital: '-5' }, 422)).errors[0].path).toBe('body.capital');
    expect((await analyse({ symbol: 'BTC/USDT', debateRounds: 6 }, 422)).errors[0].path).toBe(
      'body.debateRounds',
    );
    expect((await analyse({ symbol: 'BTC/USDT', debateRounds: 1.5 }, 422)).errors[0].path).toBe(
      'body.debateRounds',
    );
    expect((await analyse({ symbol: 'BTC/USDT', extra: 1 }, 422)).errors[0].path).toBe('body.extra');
    expect((await analyse({}, 422)).errors[0].path).toBe('body.symbol');
    const notJson = await t.request('/v1/analyses', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);

    expect((await t.request('/v1/analyses/ana_01JD2ZB9M4ZQ5V5T4W8K6C2N3P')).status).toBe(404);
    expect((await t.request('/v1/analyses/nope/explanation')).status).toBe(404);
    expect((await t.request('/v1/analyses/nope/rerun', { method: 'POST' })).status).toBe(404);
    expect((await t.request('/v1/analyses?action=short')).status).toBe(422);
    expect((await t.request('/v1/analyses?minConfidence=2')).status).toBe(422);
    expect((await t.request('/v1/analyses?since=yesterday')).status).toBe(422);
    expect((await t.request('/v1/analyses?cursor=bm9wZQ')).status).toBe(422);
    expect((await t.request('/v1/debates?cursor=bm9wZQ')).status).toBe(422);
    expect((await t.request('/v1/debates?symbol=BTC')).status).toBe(422);

    const after = (await (await t.request('/v1/analyses?limit=500')).json()).data.length;
    expect(after).toBe(before);
  });

  it('needs the trade scope to analyse and the read scope to look', async () => {
    const reader = await keyWith(t, ['read']);
    const refused = await t.request('/v1/analyses', { json: { symbol: 'BTC/USDT' }, key: reader });
    expect(refused.status).toBe(403);
    expect((await t.request('/v1/analyses', { key: reader })).status).toBe(200);
    expect((await t.request('/v1/debates', { key: reader })).status).toBe(200);
    expect((await t.request('/v1/analyses', { key: null })).status).toBe(401);
  });
});

describe('analyses with too little history', () => {
  let t: TestServer;
  beforeAll(async () => {
    // Two weeks into the data: a few dozen 4h candles and a dozen 1d ones.
    t = await startTestServer({
      market: replayAt('2016-06-01T00:00:00Z').feed,
      config: { newsSource: 'none' },
    });
  }, 30_000);
  afterAll(() => t?.close());

  it('answers 422 insufficient_history naming the candles needed per timeframe', async () => {
    const res = await t.request('/v1/analyses', { json: { symbol: 'ETH/USDT', capital: '1000' } });
    const problem = await res.json();
    expect(res.status, JSON.stringify(problem)).toBe(422);
    expect(problem.code).toBe('insufficient_history');
    expect(problem.detail).toMatch(/needs \d+ (4h|1d) candles \(\d+ available\)/);
    expect(Object.keys(problem.needed).length).toBeGreaterThan(0);
    const list = await (await t.request('/v1/analyses')).json();
    expect(list.data).toEqual([]);
  });
});
