import {
  APIUserAbortError,
  type Backtest,
  BacktestWaitTimeoutError,
  ConflictError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { requests } from './support/trading';

/** A job as the server sends it, `queued` unless changed. */
function backtest(id: string, changes: Partial<Backtest> = {}): Backtest {
  return {
    id,
    kind: 'run',
    status: 'queued',
    progress: 0,
    strategy: { name: 'sma-crossover', params: { fast: 10, slow: 30 } },
    data: {
      source: 'market',
      symbol: 'BTC/USDT',
      timeframe: '4h',
      from: '2019-01-01T00:00:00.000Z',
      to: '2019-12-31T20:00:00.000Z',
      candles: 2190,
    },
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    request: { settings: {} },
    result: null,
    ...changes,
  };
}

const running = (id: string, progress: number) =>
  backtest(id, { status: 'running', progress, startedAt: '2025-01-01T00:00:01.000Z' });

describe('backtests', () => {
  it('create() POSTs the JSON body with an Idempotency-Key; get, list, cancel, equity and chart address the job', async () => {
    const { fetch, calls } = fakeFetch(
      json(backtest('bt_1'), 202, { location: '/v1/backtests/bt_1' }),
      json(backtest('bt_1')),
      json({ data: [backtest('bt_2')], nextCursor: 'c1' }),
      json({ data: [backtest('bt_1')], nextCursor: null }),
      json(backtest('bt_1', { status: 'cancelled' })),
      json({ id: 'bt_1', total: 3, points: [] }),
      new Response('<svg xmlns="http://www.w3.org/2000/svg"/>', {
        headers: { 'content-type': 'image/svg+xml; charset=utf-8' },
      }),
    );
    const sigmax = client(fetch);
    const body = {
      strategy: { name: 'sma-crossover', params: { fast: 10, slow: 30 } },
      data: { source: 'market', symbol: 'BTC/USDT', timeframe: '4h' },
      settings: { initialCash: '10000.50', takerFeeBps: 10 },
    } as const;
    const { data, response } = await sigmax.backtests.create(body).withResponse();
    expect(data.status).toBe('queued');
    expect(response.headers.get('location')).toBe('/v1/backtests/bt_1');
    expect(calls[0]?.body).toBe(JSON.stringify(body));
    expect(calls[0]?.request.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    await sigmax.backtests.get('bt_1');
    const ids: string[] = [];
    for await (const job of sigmax.backtests.list({ status: 'succeeded', kind: 'run', limit: 1 }))
      ids.push(job.id);
    expect(ids).toEqual(['bt_2', 'bt_1']);
    expect((await sigmax.backtests.cancel('a/b')).status).toBe('cancelled');
    expect((await sigmax.backtests.equity('bt_1', { maxPoints: 100 })).total).toBe(3);
    expect(await sigmax.backtests.chart('bt_1')).toMatch(/^<svg /);
    expect(requests(calls)).toEqual([
      `POST ${BASE_URL}/v1/backtests`,
      `GET ${BASE_URL}/v1/backtests/bt_1`,
      `GET ${BASE_URL}/v1/backtests?status=succeeded&kind=run&limit=1`,
      `GET ${BASE_URL}/v1/backtests?status=succeeded&kind=run&limit=1&cursor=c1`,
      `DELETE ${BASE_URL}/v1/backtests/a%2Fb`,
      `GET ${BASE_URL}/v1/backtests/bt_1/equity?maxPoints=100`,
      `GET ${BASE_URL}/v1/backtests/bt_1/chart.svg`,
    ]);
    expect(calls[6]?.request.headers.get('accept')).toBe('image/svg+xml');
  });

  it('createFromCsv() sends multipart/form-data, the same bytes and key on a retry', async () => {
    const { fetch, calls } = fakeFetch(
      problem(503, 'unavailable', { headers: { 'retry-after': '0' } }),
      json(backtest('bt_1'), 202),
    );
    const csv = 'time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n';
    const file = new File([csv], 'my "btc".csv', { type: 'text/csv' });
    const job = await client(fetch).backtests.createFromCsv(
      { strategy: { name: 'sma-crossover' }, data: { symbol: 'BTC/USDT' }, settings: { lotSize: '0.001' } },
      file,
    );
    expect(job.id).toBe('bt_1');
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(second?.body).toBe(first?.body);
    expect(second?.request.headers.get('idempotency-key')).toBe(
      first?.request.headers.get('idempotency-key'),
    );
    expect(first?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_test');
    expect(first?.request.method).toBe('POST');
    expect(first?.request.url).toBe(`${BASE_URL}/v1/backtests`);
    expect(first?.request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=\S+$/);

    // The body parses as the form the server reads.
    const form = await new Request('http://form.test/', {
      method: 'POST',
      headers: { 'content-type': first?.request.headers.get('content-type') ?? '' },
      body: first?.body ?? '',
    }).formData();
    expect(JSON.parse(String(form.get('request')))).toEqual({
      strategy: { name: 'sma-crossover' },
      data: { symbol: 'BTC/USDT', source: 'upload' },
      settings: { lotSize: '0.001' },
    });
    const candles = form.get('candles') as File;
    expect(candles.name).toBe('my__btc_.csv');
    expect(await candles.text()).toBe(csv);
  });

  it('createFromCsv() takes the CSV as a string and maps a 422 with the row at fault', async () => {
    const { fetch, calls } = fakeFetch(
      problem(422, 'validation_failed', {
        detail: 'candles[1][2]: high below the open',
        extra: { errors: [{ path: 'candles[1][2]', message: 'high below the open' }] },
      }),
    );
    const error = await rejection(
      client(fetch).backtests.createFromCsv(
        { strategy: { name: 'sma-crossover' }, data: { source: 'upload', symbol: 'BTC/USDT' } },
        'time,open,high,low,close\n1,1,2,1,1\n2,3,1,1,1\n',
      ),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).problem?.errors?.[0]?.path).toBe('candles[1][2]');
    expect(calls[0]?.body).toContain('filename="candles.csv"');
    expect(calls[0]?.body).toMatch(/\n2,3,1,1,1\n\r\n--sigmax-\w+--\r\n$/);
  });

  it('cancel() of a finished job throws ConflictError with its code', async () => {
    const { fetch } = fakeFetch(problem(409, 'backtest_not_cancelable'));
    const error = await rejection(client(fetch).backtests.cancel('bt_1'));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('backtest_not_cancelable');
  });
});

describe('backtests.wait()', () => {
  it('polls until the job has finished, reporting each new status and progress once', async () => {
    const done = backtest('bt_1', {
      status: 'succeeded',
      progress: 1,
      finishedAt: '2025-01-01T00:00:03.000Z',
    });
    const { fetch, calls } = fakeFetch(
      json(backtest('bt_1')),
      json(running('bt_1', 0)),
      json(running('bt_1', 0)),
      json(running('bt_1', 0.5)),
      json(running('bt_1', 0.5)),
      json(done),
    );
    const seen: string[] = [];
    const final = await client(fetch).backtests.wait('bt_1', {
      intervalMs: 1,
      onProgress: (job) => seen.push(`${job.status} ${job.progress}`),
    });
    expect(final).toEqual(done);
    expect(seen).toEqual(['queued 0', 'running 0', 'running 0.5', 'succeeded 1']);
    expect(calls).toHaveLength(6);
    expect(new Set(requests(calls))).toEqual(new Set([`GET ${BASE_URL}/v1/backtests/bt_1`]));
  });

  it('resolves with a failed or cancelled job rather than throwing', async () => {
    const failed = backtest('bt_1', { status: 'failed', error: { code: 'interrupted', message: 'gone' } });
    const { fetch } = fakeFetch(json(failed));
    expect((await client(fetch).backtests.wait('bt_1')).error?.code).toBe('interrupted');
    const { fetch: fetch2 } = fakeFetch(json(backtest('bt_2', { status: 'cancelled' })));
    expect((await client(fetch2).backtests.wait('bt_2')).status).toBe('cancelled');
  });

  it('gives up after timeoutMs with the last state seen; the job is not cancelled', async () => {
    const { fetch, calls } = fakeFetch(json(running('bt_1', 0.25)));
    const started = Date.now();
    const error = await rejection(client(fetch).backtests.wait('bt_1', { intervalMs: 20, timeoutMs: 100 }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(BacktestWaitTimeoutError);
    expect((error as BacktestWaitTimeoutError).backtest.progress).toBe(0.25);
    expect((error as Error).message).toMatch(/^Backtest bt_1 did not finish within 100 ms \(running, 25%\)/);
    expect(calls.every((c) => c.request.method === 'GET')).toBe(true);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(json(running('bt_1', 0.1)));
    const waiting = client(fetch).backtests.wait('bt_1', {
      intervalMs: 10_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(await rejection(waiting)).toBeInstanceOf(APIUserAbortError);
  });

  it('refuses a bad interval', async () => {
    const { fetch, calls } = fakeFetch(json(backtest('bt_1')));
    expect(String(await rejection(client(fetch).backtests.wait('bt_1', { intervalMs: -1 })))).toMatch(
      /intervalMs and timeoutMs must be non-negative/,
    );
    expect(calls).toHaveLength(0);
  });
});
