import {
  ComplianceDeniedError,
  NoTradeSignalError,
  NotFoundError,
  PermissionDeniedError,
  ProposalStateError,
  Sigmax,
  TradingPausedError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The proposals resource against the reference server in-process. The replayed market stands still
// (a replay speed of a millisecond of market time per wall-clock second), so an analysis decides the
// same way for the whole test: at 2021-01-04 it says buy for BTC/USDT and ETH/USDT; at 2020-06-01 it
// says hold for BTC/USDT and buy for ETH/USDT. Every response passes the server's spec validator.

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const STILL = { replaySpeed: 0.001 };

const client = (t: TestServer, apiKey = t.adminKey) =>
  new Sigmax({ baseUrl: 'http://localhost', apiKey, fetch: t.fetch, maxRetries: 0 });

describe('SDK proposals against the reference server, approved by a person (manual approval)', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  beforeAll(async () => {
    t = await startTestServer({
      config: { replayStart: '2021-01-04T00:00:00Z', proposalApproval: 'manual', ...STILL },
    });
    sigmax = client(t);
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  it('creates a pending proposal, approves it, executes it once however often it is executed', async () => {
    const proposal = await sigmax.proposals.create({ symbol: 'BTC/USDT', ttlSeconds: 600 });
    expect(proposal).toMatchObject({
      symbol: 'BTC/USDT',
      side: 'buy',
      status: 'pending',
      approval: null,
      orderId: null,
      clientOrderId: `proposal-${proposal.id}`,
    });
    expect(proposal.quantity).toMatch(DECIMAL);
    expect(proposal.compliance.approved).toBe(true);
    expect(proposal.risk).toEqual({ ok: true, violations: [] });
    expect(Date.parse(proposal.expiresAt) - Date.parse(proposal.createdAt)).toBe(600_000);
    expect(await sigmax.proposals.get(proposal.id)).toEqual(proposal);

    // A pending proposal cannot be executed yet.
    const early = await rejection(sigmax.proposals.execute(proposal.id));
    expect(early).toBeInstanceOf(ProposalStateError);
    expect((early as ProposalStateError).code).toBe('proposal_not_approved');

    const approved = await sigmax.proposals.approve(proposal.id, { reason: 'checked the chart' });
    expect(approved.status).toBe('approved');
    expect(approved.approval).toMatchObject({ mode: 'manual', reason: 'checked the chart' });
    const twice = await rejection(sigmax.proposals.approve(proposal.id));
    expect(twice).toBeInstanceOf(ProposalStateError);
    expect((twice as ProposalStateError).code).toBe('proposal_not_pending');

    const executed = await sigmax.proposals.execute(proposal.id);
    expect(executed.status).toBe('executed');
    expect(executed.orderId).toMatch(/^ord_/);
    const again = await sigmax.proposals.execute(proposal.id);
    expect(again.orderId).toBe(executed.orderId);
    const orders = await sigmax.orders.list({ clientOrderId: proposal.clientOrderId });
    expect(orders.data.map((o) => o.id)).toEqual([executed.orderId]);
    expect(orders.data[0]).toMatchObject({ status: 'filled', quantity: proposal.quantity, side: 'buy' });
    const fills = await sigmax.fills.list({ orderId: executed.orderId ?? '' });
    expect(fills.data.length).toBeGreaterThan(0);

    // Executed is final: it can no longer be rejected.
    const late = await rejection(sigmax.proposals.reject(proposal.id));
    expect(late).toBeInstanceOf(ProposalStateError);
  });

  it('proposes from a stored analysis, rejects it with a reason, and will not execute it', async () => {
    const analysis = await sigmax.analyses.create({ symbol: 'ETH/USDT' });
    expect(analysis.decision.action).toBe('buy');
    const proposal = await sigmax.proposals.create({ analysisId: analysis.id });
    expect(proposal).toMatchObject({ analysisId: analysis.id, symbol: 'ETH/USDT', status: 'pending' });
    const rejected = await sigmax.proposals.reject(proposal.id, { reason: 'not today' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.approval).toMatchObject({ mode: 'manual', reason: 'not today' });
    const error = await rejection(sigmax.proposals.execute(proposal.id));
    expect(error).toBeInstanceOf(ProposalStateError);
    expect((error as ProposalStateError).code).toBe('proposal_not_approved');
  });

  it('lists proposals newest first, filtered, page by page', async () => {
    const all = [];
    for await (const p of sigmax.proposals.list({ limit: 1 })) all.push(p);
    expect(all.map((p) => p.symbol)).toEqual(['ETH/USDT', 'BTC/USDT']);
    const first = await sigmax.proposals.list({ limit: 1 });
    expect(first.hasNextPage()).toBe(true);
    expect((await first.getNextPage()).data[0]?.id).toBe(all[1]?.id);
    const rejected = await sigmax.proposals.list({ status: 'rejected' });
    expect(rejected.data.map((p) => p.id)).toEqual([all[0]?.id]);
    const btc = await sigmax.proposals.list({ symbol: 'BTC/USDT', status: 'executed' });
    expect(btc.data.map((p) => p.id)).toEqual([all[1]?.id]);
  });

  it('an approved proposal is refused while trading is paused and when compliance now denies it', async () => {
    const proposal = await sigmax.proposals.create({ symbol: 'ETH/USDT' });
    await sigmax.proposals.approve(proposal.id);

    await sigmax.control.pause({ reason: 'proposal test' });
    const paused = await rejection(sigmax.proposals.execute(proposal.id));
    expect(paused).toBeInstanceOf(TradingPausedError);
    expect((paused as TradingPausedError).state).toBe('HALTED');
    await sigmax.control.resume();
    // Still approved: a pause does not fail the proposal.
    expect((await sigmax.proposals.get(proposal.id)).status).toBe('approved');

    const { limits } = await sigmax.safety.get();
    await sigmax.safety.updateLimits({ compliance: { ...limits.compliance, denyList: ['ETH/USDT'] } });
    try {
      const denied = await rejection(sigmax.proposals.execute(proposal.id));
      expect(denied).toBeInstanceOf(ComplianceDeniedError);
      expect((denied as ComplianceDeniedError).problem?.errors?.[0]?.path).toMatch(/^compliance\./);
    } finally {
      await sigmax.safety.updateLimits({ compliance: limits.compliance });
    }
  });

  it('maps the other errors', async () => {
    expect(await rejection(sigmax.proposals.get('prop_01JD2ZB9M4ZQ5V5T4W8K6C2N3P'))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await rejection(sigmax.proposals.create({ analysisId: 'ana_missing' }))).toBeInstanceOf(
      NotFoundError,
    );
    const invalid = await rejection(sigmax.proposals.create({ symbol: 'BTC/USDT', ttlSeconds: 1 }));
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    expect((invalid as UnprocessableEntityError).problem?.errors?.[0]?.path).toBe('body.ttlSeconds');
    const { key } = await sigmax.apiKeys.create({ name: 'reader', scopes: ['read'] });
    const reader = client(t, key);
    expect(await rejection(reader.proposals.create({ symbol: 'BTC/USDT' }))).toBeInstanceOf(
      PermissionDeniedError,
    );
    await expect(reader.proposals.list()).resolves.toMatchObject({ nextCursor: null });
  });
});

describe('SDK proposals against the reference server, approved by policy (paper trading)', () => {
  let t: TestServer;
  let sigmax: Sigmax;
  beforeAll(async () => {
    t = await startTestServer({ config: { replayStart: '2020-06-01T00:00:00Z', ...STILL } });
    sigmax = client(t);
  }, 30_000);
  afterAll(() => t?.close(), 30_000);

  it('a proposal that passes is approved at once, and executes', async () => {
    const proposal = await sigmax.proposals.create({ symbol: 'ETH/USDT' });
    expect(proposal).toMatchObject({ status: 'approved', side: 'buy', approval: { mode: 'policy' } });
    const executed = await sigmax.proposals.execute(proposal.id);
    expect(executed.status).toBe('executed');
    const order = await sigmax.orders.get(executed.orderId ?? '');
    expect(order).toMatchObject({ clientOrderId: proposal.clientOrderId, status: 'filled' });
  });

  it('an analysis that says hold proposes nothing: NoTradeSignalError with the analysis id', async () => {
    const error = await rejection(sigmax.proposals.create({ symbol: 'BTC/USDT' }));
    expect(error).toBeInstanceOf(NoTradeSignalError);
    const { analysisId, status, code } = error as NoTradeSignalError;
    expect([status, code]).toEqual([422, 'no_trade_signal']);
    expect(analysisId).toMatch(/^ana_/);
    const analysis = await sigmax.analyses.get(analysisId ?? '');
    expect(analysis.decision.action).toBe('hold');
  });
});
