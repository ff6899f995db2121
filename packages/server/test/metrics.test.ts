import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';
import { keyWith, place, replayAt } from './support/trading';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[name as string] = (value as string).replace(/\\(.)/g, (_, ch: string) =>
        ch === 'n' ? '\n' : ch,
      );
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample of `name` whose labels include `labels` (undefined when there is none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([key, v]) => s.labels[key] === v),
  )?.value;
}

describe('Prometheus metrics', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ market: replayAt('2021-01-04T00:00:00Z').feed });
  }, 60_000);
  afterAll(() => t?.close());

  async function scrape(key?: string): Promise<Sample[]> {
    const res = await t.request('/metrics', key ? { key } : {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseMetrics(await res.text());
  }

  it('needs a key with the read scope', async () => {
    const res = await t.request('/metrics', { key: null });
    expect(res.status).toBe(401);
    const reader = await keyWith(t, ['read']);
    expect((await scrape(reader)).length).toBeGreaterThan(0);
  });

  it('times requests by method, route pattern and status, never by raw path', async () => {
    for (let i = 0; i < 3; i++) expect((await t.request('/v1/status')).status).toBe(200);
    const order = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '20000',
    });
    expect((await t.request(`/v1/orders/${order.id}`)).status).toBe(200);
    expect((await t.request('/v1/orders/ord_01J00000000000000000000000')).status).toBe(404);
    expect((await t.request('/v1/no/such/path')).status).toBe(404);
    expect((await t.request('/v1/markets/BTC-USDT/ticker')).status).toBe(200);

    const res = await t.request('/metrics');
    const text = await res.text();
    expect(text).not.toContain(order.id);
    expect(text).not.toContain('ord_01J');
    expect(text).not.toContain('BTC-USDT');
    expect(text).not.toContain('/v1/no/such/path');
    const samples = parseMetrics(text);
    const count = (labels: Record<string, string>) =>
      value(samples, 'sigmax_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/v1/status', status: '200' })).toBe(3);
    expect(count({ method: 'GET', route: '/v1/orders/:id', status: '200' })).toBe(1);
    expect(count({ method: 'GET', route: '/v1/orders/:id', status: '404' })).toBe(1);
    expect(count({ method: 'POST', route: '/v1/orders', status: '201' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: '/v1/markets/:symbol/ticker', status: '200' })).toBe(1);
    // Refused before the handler, still under the route's pattern
    expect(count({ method: 'GET', route: '/metrics', status: '401' })).toBe(1);
    const le = value(samples, 'sigmax_http_request_duration_seconds_bucket', {
      route: '/v1/status',
      le: '+Inf',
    });
    expect(le).toBe(3);
    expect(
      value(samples, 'sigmax_http_request_duration_seconds_sum', { route: '/v1/status' }),
    ).toBeGreaterThan(0);
  });

  it('counts orders by status, fills by symbol and side, and shows equity and P&L', async () => {
    const before = await scrape();
    const orders = (status: string, samples: Sample[]) =>
      value(samples, 'sigmax_orders_total', { status }) ?? 0;
    const limit = await place(t, {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '20000',
    });
    expect((await t.request(`/v1/orders/${limit.id}`, { method: 'DELETE' })).status).toBe(200);
    await place(t, { symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
    await place(t, { symbol: 'ETH/USDT', side: 'buy', type: 'market', quantity: '0.1' });
    expect((await t.request('/v1/positions/BTC-USDT/close', { method: 'POST' })).status).toBe(201);
    await t.server.services.trading.idle();

    const after = await scrape();
    expect(orders('pending_new', after) - orders('pending_new', before)).toBe(4);
    expect(orders('open', after) - orders('open', before)).toBe(1);
    expect(orders('canceled', after) - orders('canceled', before)).toBe(1);
    expect(orders('filled', after) - orders('filled', before)).toBe(3);
    expect(value(after, 'sigmax_fills_total', { symbol: 'BTC/USDT', side: 'buy' })).toBe(1);
    expect(value(after, 'sigmax_fills_total', { symbol: 'BTC/USDT', side: 'sell' })).toBe(1);
    expect(value(after, 'sigmax_fills_total', { symbol: 'ETH/USDT', side: 'buy' })).toBe(1);

    const portfolio = await (await t.request('/v1/portfolio')).json();
    const equity = value(after, 'sigmax_equity_quote');
    expect(equity).toBeGreaterThan(0);
    expect(equity).toBeCloseTo(Number(portfolio.equity), -1);
    expect(value(after, 'sigmax_pnl_quote', { kind: 'realized' })).toBeCloseTo(
      Number(portfolio.realizedPnl),
      2,
    );
    expect(value(after, 'sigmax_pnl_quote', { kind: 'unrealized' })).toBeTypeOf('number');
  });

  it('shows the safety state and counts triggers; counts finished backtests', async () => {
    expect(value(await scrape(), 'sigmax_safety_state', { state: 'ACTIVE' })).toBe(1);
    const { events } = t.server.services;
    events.publish({
      type: 'safety.triggered',
      safety: {
        type: 'safety.triggered',
        at: '2030-01-01T00:00:00.000Z',
        trigger: 'daily_loss',
        action: 'HALTED',
        value: '-600',
        threshold: '-500',
        reason: 'daily loss over the limit',
        previousState: 'ACTIVE',
        state: 'HALTED',
      },
    });
    events.publish({
      type: 'backtest.finished',
      backtest: {
        id: 'bt_1',
        kind: 'single',
        status: 'succeeded',
        progress: 1,
        strategy: { name: 'sma-crossover' },
        data: { source: 'replay' },
        createdAt: '2030-01-01T00:00:00.000Z',
        startedAt: '2030-01-01T00:00:00.000Z',
        finishedAt: '2030-01-01T00:00:02.500Z',
        error: null,
      } as never,
    });
    const samples = await scrape();
    expect(value(samples, 'sigmax_safety_triggers_total', { trigger: 'daily_loss' })).toBe(1);
    expect(value(samples, 'sigmax_safety_state', { state: 'HALTED' })).toBe(1);
    expect(value(samples, 'sigmax_safety_state', { state: 'ACTIVE' })).toBe(0);
    expect(value(samples, 'sigmax_backtests_total', { status: 'succeeded' })).toBe(1);
    expect(value(samples, 'sigmax_backtest_duration_seconds_sum', { kind: 'single' })).toBe(2.5);
  });

  it('times analyses', async () => {
    const res = await t.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital: '10000' } });
    expect(res.status).toBe(201);
    const samples = await scrape();
    expect(value(samples, 'sigmax_analysis_duration_seconds_count')).toBe(1);
    expect(value(samples, 'sigmax_analysis_duration_seconds_sum')).toBeGreaterThan(0);
  });

  it('includes process metrics, and each server has its own registry', async () => {
    const samples = await scrape();
    expect(value(samples, 'sigmax_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(samples, 'sigmax_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    const other = await startTestServer();
    try {
      const res = await other.request('/metrics');
      const fresh = parseMetrics(await res.text());
      expect(value(fresh, 'sigmax_orders_total', { status: 'filled' })).toBeUndefined();
      expect(
        value(fresh, 'sigmax_http_request_duration_seconds_count', { route: '/v1/status' }),
      ).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
