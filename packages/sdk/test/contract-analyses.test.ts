import { NotFoundError, Sigmax, UnprocessableEntityError } from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The analyses and debates resources against the reference server in-process (the replay of the
// shipped candles, the news fixtures, no LLM). Every response passes the server's spec validator.
describe('SDK analyses against the reference server', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  beforeAll(async () => {
    t = await startTestServer();
    sigmax = new Sigmax({ baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch, maxRetries: 0 });
  }, 30_000);
  afterAll(() => t?.close());

  it('creates, gets, lists, explains and reruns an analysis', async () => {
    const analysis = await sigmax.analyses.create({
      symbol: 'BTC/USDT',
      timeframes: ['4h', '1d'],
      capital: '25000',
    });
    expect(analysis.provenance.candles.map((c) => c.timeframe)).toEqual(['4h', '1d']);
    expect(analysis.decision.size).toMatch(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/);
    expect(await sigmax.analyses.get(analysis.id)).toEqual(analysis);

    const page = await sigmax.analyses.list({ symbol: 'BTC/USDT', action: analysis.decision.action });
    expect(page.data.map((a) => a.id)).toEqual([analysis.id]);

    const markdown = await sigmax.analyses.explanation(analysis.id);
    expect(markdown).toMatch(new RegExp(`^# Why ${analysis.decision.action} BTC/USDT\\?`));

    const again = await sigmax.analyses.rerun(analysis.id);
    expect(again.provenance.rerunOf).toBe(analysis.id);
    expect(again.provenance.inputHash).toBe(analysis.provenance.inputHash);
    expect(again.decision).toEqual(analysis.decision);

    const debates = [];
    for await (const debate of sigmax.debates.list({ symbol: 'BTC/USDT', limit: 1 })) debates.push(debate);
    expect(debates.map((d) => d.analysisId)).toEqual([again.id, analysis.id]);
    expect(debates[1]?.verdict).toEqual(analysis.debate.verdict);
  });

  it('maps the errors', async () => {
    expect(await rejection(sigmax.analyses.get('ana_01JD2ZB9M4ZQ5V5T4W8K6C2N3P'))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await rejection(sigmax.analyses.explanation('nope'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(sigmax.analyses.create({ symbol: 'NOPE/USDT' }))).toBeInstanceOf(NotFoundError);
    const unserved = await rejection(sigmax.analyses.create({ symbol: 'ETH/USDT', timeframes: ['1h'] }));
    expect(unserved).toBeInstanceOf(UnprocessableEntityError);
    expect((unserved as UnprocessableEntityError).code).toBe('validation_failed');
  });
});
