import {
  type Analysis,
  type AnalysisCreateParams,
  NotFoundError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';

/** A minimal analysis as the server sends it. */
function analysis(id: string, changes: Partial<Analysis> = {}): Analysis {
  const verdict = {
    action: 'buy',
    confidence: 0.7,
    bullScore: 0.8,
    bearScore: 0.3,
    reasoning: 'Bulls win.',
  } as const;
  return {
    id,
    symbol: 'BTC/USDT',
    createdAt: '2025-01-01T00:00:00.000Z',
    asOf: '2024-12-31T20:00:00.000Z',
    decision: {
      action: 'buy',
      confidence: 0.7,
      size: '0.01234567',
      notional: '1234.56',
      entryPrice: '100000.01',
      stopLoss: '98000.00',
      takeProfit: '103000.00',
    },
    agents: [
      {
        agent: 'technical',
        summary: 'Trend up.',
        score: 0.5,
        evidence: [{ name: 'rsi:14 (4h)', value: 61.2 }],
        warnings: [],
      },
    ],
    debate: {
      rounds: 1,
      turns: [{ round: 1, side: 'bull', argument: 'Up.', strength: 0.8, rebuts: null, evidence: [] }],
      verdict,
    },
    missingInputs: [],
    narration: 'template',
    provenance: {
      inputHash: 'a'.repeat(64),
      engineVersion: '0.1.0',
      parameters: {},
      candles: [
        { timeframe: '4h', count: 500, from: '2024-09-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' },
      ],
      rerunOf: null,
    },
    ...changes,
  };
}

describe('analyses', () => {
  it('create() POSTs the body with decimals as strings and an Idempotency-Key', async () => {
    const { fetch, calls } = fakeFetch(json(analysis('ana_1'), 201, { location: '/v1/analyses/ana_1' }));
    const body: AnalysisCreateParams = {
      symbol: 'BTC/USDT',
      timeframes: ['1h', '4h'],
      capital: '10000.50',
      debateRounds: 3,
    };
    const { data, response } = await client(fetch).analyses.create(body).withResponse();
    expect(data.decision.size).toBe('0.01234567');
    expect(response.headers.get('location')).toBe('/v1/analyses/ana_1');
    const [call] = calls;
    expect(`${call?.request.method} ${call?.request.url}`).toBe(`POST ${BASE_URL}/v1/analyses`);
    expect(call?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body).toBe(JSON.stringify(body));
  });

  it('create() throws UnprocessableEntityError with insufficient_history', async () => {
    const { fetch } = fakeFetch(
      problem(422, 'insufficient_history', { detail: 'Not enough market history: it needs 70 4h candles.' }),
    );
    const error = await rejection(client(fetch).analyses.create({ symbol: 'BTC/USDT' }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).code).toBe('insufficient_history');
  });

  it('list() sends the filters and pages with the cursor', async () => {
    const { fetch, calls } = fakeFetch(
      json({ data: [analysis('ana_2')], nextCursor: 'c1' }),
      json({ data: [analysis('ana_1')], nextCursor: null }),
    );
    const ids: string[] = [];
    for await (const a of client(fetch).analyses.list({
      symbol: 'BTC/USDT',
      action: 'buy',
      minConfidence: 0.5,
      limit: 1,
    })) {
      ids.push(a.id);
    }
    expect(ids).toEqual(['ana_2', 'ana_1']);
    expect(calls.map((c) => c.request.url)).toEqual([
      `${BASE_URL}/v1/analyses?symbol=BTC%2FUSDT&action=buy&minConfidence=0.5&limit=1`,
      `${BASE_URL}/v1/analyses?symbol=BTC%2FUSDT&action=buy&minConfidence=0.5&limit=1&cursor=c1`,
    ]);
  });

  it('get() and rerun() address the analysis, escaping the id', async () => {
    const { fetch, calls } = fakeFetch(json(analysis('ana_1')), json(analysis('ana_2'), 201));
    await client(fetch).analyses.get('ana_1');
    await client(fetch).analyses.rerun('a/b');
    expect(calls.map((c) => `${c.request.method} ${c.request.url}`)).toEqual([
      `GET ${BASE_URL}/v1/analyses/ana_1`,
      `POST ${BASE_URL}/v1/analyses/a%2Fb/rerun`,
    ]);
    expect(calls[1]?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('explanation() asks for Markdown and resolves with the text', async () => {
    const markdown = '# Why buy BTC/USDT?\n\nBecause.\n';
    const { fetch, calls } = fakeFetch(
      new Response(markdown, {
        headers: { 'content-type': 'text/markdown; charset=utf-8', 'x-request-id': 'r' },
      }),
    );
    expect(await client(fetch).analyses.explanation('ana_1')).toBe(markdown);
    expect(calls[0]?.request.url).toBe(`${BASE_URL}/v1/analyses/ana_1/explanation`);
    expect(calls[0]?.request.headers.get('accept')).toBe('text/markdown');
  });

  it('explanation() of an unknown analysis throws NotFoundError', async () => {
    const { fetch } = fakeFetch(problem(404, 'not_found'));
    expect(await rejection(client(fetch).analyses.explanation('nope'))).toBeInstanceOf(NotFoundError);
  });
});

describe('debates', () => {
  it('list() sends the symbol and reads the page', async () => {
    const a = analysis('ana_1');
    const debate = { analysisId: a.id, symbol: a.symbol, createdAt: a.createdAt, ...a.debate };
    const { fetch, calls } = fakeFetch(json({ data: [debate], nextCursor: null }));
    const page = await client(fetch).debates.list({ symbol: 'BTC/USDT' });
    expect(page.data).toEqual([debate]);
    expect(calls[0]?.request.url).toBe(`${BASE_URL}/v1/debates?symbol=BTC%2FUSDT`);
  });
});
