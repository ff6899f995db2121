import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposals as proposalsTable } from '../src/db/schema';
import type { BusEvent } from '../src/events/bus';
import { startTestServer, type TestServer } from './support';
import { replayAt } from './support/trading';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
type Json = any;

/** On the shipped replay at this time the analysis of BTC/USDT says buy; at HOLD_AT it says hold. */
const BUY_AT = '2021-01-04T00:00:00Z';
const HOLD_AT = '2020-01-01T00:00:00Z';

async function post(t: TestServer, path: string, body: unknown, status: number): Promise<Json> {
  const res = await t.request(path, { method: 'POST', ...(body === undefined ? {} : { json: body }) });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  return json;
}

describe('proposals', () => {
  let t: TestServer;
  const events: BusEvent[] = [];
  beforeAll(async () => {
    t = await startTestServer({ market: replayAt(BUY_AT).feed });
    t.server.services.events.subscribe((e) => events.push(e));
  }, 60_000);
  afterAll(() => t?.close());

  it('turns an analysis into a market order sized by the risk rules, checked and auto-approved on paper', async () => {
    const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
    expect(proposal).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', status: 'approved' });
    expect(proposal.approval).toMatchObject({ mode: 'policy', apiKeyId: null });
    expect(proposal.compliance.approved).toBe(true);
    expect(proposal.compliance.reasons.map((r: Json) => r.rule).sort()).toEqual([
      'allow_list',
      'deny_list',
      'max_position_percent',
    ]);
    expect(proposal.risk).toEqual({ ok: true, violations: [] });
    const portfolio = await (await t.request('/v1/portfolio')).json();
    // 5 % of equity by default, never more than the balanced profile's 10 %.
    expect(Number(proposal.notional)).toBeLessThanOrEqual(Number(portfolio.equity) * 0.05 + 1e-6);
    expect(proposal.clientOrderId).toBe(`proposal-${proposal.id}`);
    const analysis = await (await t.request(`/v1/analyses/${proposal.analysisId}`)).json();
    expect(analysis.decision.action).toBe('buy');
  }, 60_000);

  it('executes once: a second execution, even concurrent, places no second order', async () => {
    const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
    const [a, b] = await Promise.all([
      t.request(`/v1/proposals/${proposal.id}/execute`, { method: 'POST' }),
      t.request(`/v1/proposals/${proposal.id}/execute`, { method: 'POST' }),
    ]);
    const first = await a.json();
    const second = await b.json();
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(first.status).toBe('executed');
    expect(second.orderId).toBe(first.orderId);
    const again = await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 200);
    expect(again.orderId).toBe(first.orderId);
    const orders = await (await t.request(`/v1/orders?clientOrderId=${proposal.clientOrderId}`)).json();
    expect(orders.data).toHaveLength(1);
    expect(orders.data[0]).toMatchObject({ id: first.orderId, side: 'buy', quantity: proposal.quantity });
    const types = events.filter((e) => 'proposal' in e && e.proposal.id === proposal.id).map((e) => e.type);
    expect(types).toEqual(['proposal.created', 'proposal.approved', 'proposal.executed']);
  }, 60_000);

  it('proposes from an existing analysis id', async () => {
    const analysis = await post(t, '/v1/analyses', { symbol: 'BTC/USDT' }, 201);
    const proposal = await post(t, '/v1/proposals', { analysisId: analysis.id }, 201);
    expect(proposal.analysisId).toBe(analysis.id);
    expect(
      (await t.request('/v1/proposals', { method: 'POST', json: { analysisId: 'an_nope' } })).status,
    ).toBe(404);
    const both = await post(t, '/v1/proposals', { analysisId: analysis.id, symbol: 'BTC/USDT' }, 422);
    expect(both.errors[0].path).toBe('body.analysisId');
  }, 60_000);

  it('records a compliance denial with its reason and cannot be executed', async () => {
    await t.request('/v1/safety/limits', { method: 'PUT', json: { compliance: { denyList: ['BTC'] } } });
    try {
      const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
      expect(proposal.status).toBe('rejected');
      expect(proposal.compliance.approved).toBe(false);
      expect(proposal.approval.mode).toBe('policy');
      expect(proposal.approval.reason).toMatch(/denied/);
      const refused = await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 409);
      expect(refused.code).toBe('proposal_not_approved');
    } finally {
      await t.request('/v1/safety/limits', { method: 'PUT', json: { compliance: {} } });
    }
  }, 60_000);

  it('a pause stops execution; the proposal stays approved', async () => {
    const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
    await post(t, '/v1/control/pause', { reason: 'test' }, 200);
    try {
      const refused = await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 409);
      expect(refused.code).toBe('trading_paused');
      expect((await (await t.request(`/v1/proposals/${proposal.id}`)).json()).status).toBe('approved');
    } finally {
      await post(t, '/v1/control/resume', {}, 200);
    }
  }, 60_000);

  it('expires: an expired proposal can be neither approved nor executed', async () => {
    const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT', ttlSeconds: 60 }, 201);
    const expired = { ...proposal, expiresAt: new Date(Date.now() - 1000).toISOString() };
    await t.server.services.database.db
      .update(proposalsTable)
      .set({ expiresAt: new Date(expired.expiresAt), body: expired })
      .where(eq(proposalsTable.id, proposal.id));
    const refused = await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 409);
    expect(refused.code).toBe('proposal_expired');
    expect((await (await t.request(`/v1/proposals/${proposal.id}`)).json()).status).toBe('expired');
    const list = await (await t.request('/v1/proposals?status=expired')).json();
    expect(list.data.map((p: Json) => p.id)).toContain(proposal.id);
  }, 60_000);
});

describe('proposals with manual approval', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ market: replayAt(BUY_AT).feed, config: { proposalApproval: 'manual' } });
  }, 60_000);
  afterAll(() => t?.close());

  it('waits for a person: approve, then execute; a rejected one stays rejected', async () => {
    const proposal = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
    expect(proposal.status).toBe('pending');
    expect(proposal.approval).toBeNull();
    expect((await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 409)).code).toBe(
      'proposal_not_approved',
    );
    const approved = await post(t, `/v1/proposals/${proposal.id}/approve`, { reason: 'looks right' }, 200);
    expect(approved.status).toBe('approved');
    expect(approved.approval).toMatchObject({ mode: 'manual', reason: 'looks right' });
    expect(approved.approval.apiKeyId).toMatch(/^key_/);
    expect((await post(t, `/v1/proposals/${proposal.id}/approve`, undefined, 409)).code).toBe(
      'proposal_not_pending',
    );
    const executed = await post(t, `/v1/proposals/${proposal.id}/execute`, undefined, 200);
    expect(executed.status).toBe('executed');

    const other = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 201);
    const rejected = await post(t, `/v1/proposals/${other.id}/reject`, { reason: 'no' }, 200);
    expect(rejected.status).toBe('rejected');
    expect((await post(t, `/v1/proposals/${other.id}/approve`, undefined, 409)).code).toBe(
      'proposal_not_pending',
    );
  }, 60_000);
});

describe('a hold proposes nothing', () => {
  it('answers 422 no_trade_signal', async () => {
    const t = await startTestServer({ market: replayAt(HOLD_AT).feed });
    try {
      const problem = await post(t, '/v1/proposals', { symbol: 'BTC/USDT' }, 422);
      expect(problem.code).toBe('no_trade_signal');
      expect((await (await t.request('/v1/proposals')).json()).data).toEqual([]);
    } finally {
      await t.close();
    }
  }, 60_000);
});
