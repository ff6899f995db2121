import {
  ComplianceDeniedError,
  ConflictError,
  NoTradeSignalError,
  type Proposal,
  ProposalStateError,
  RiskLimitError,
  TradingPausedError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, fakeFetch, json, problem, rejection } from './support/http';
import { requests } from './support/trading';

function proposal(id: string, changes: Partial<Proposal> = {}): Proposal {
  return {
    id,
    symbol: 'BTC/USDT',
    side: 'buy',
    quantity: '0.15108570000000000001',
    referencePrice: '33000.10',
    notional: '4985.83',
    stopLoss: '31000',
    takeProfit: '37000',
    analysisId: 'ana_1',
    confidence: 0.62,
    rationale: 'the bulls had the better of it',
    status: 'approved',
    compliance: {
      approved: true,
      reasons: [{ rule: 'deny_list', passed: true, message: 'BTC/USDT is not denied' }],
      policyVersion: '1',
      policyHash: 'abc',
      profile: 'balanced',
    },
    risk: { ok: true, violations: [] },
    approval: {
      mode: 'policy',
      apiKeyId: null,
      at: '2025-01-01T00:00:00.000Z',
      reason: 'paper trading approves proposals that pass compliance and risk',
    },
    clientOrderId: `proposal-${id}`,
    orderId: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2025-01-01T00:05:00.000Z',
    executedAt: null,
    error: null,
    ...changes,
  };
}

describe('sigmax.proposals', () => {
  it('create, get, approve, reject and execute address the proposal, with bodies as given', async () => {
    const { fetch, calls } = fakeFetch(
      json(proposal('prop_1', { status: 'pending', approval: null }), 201),
      json(proposal('prop_1', { status: 'pending', approval: null })),
      json(proposal('prop_1')),
      json(proposal('prop_1', { status: 'rejected' })),
      json(proposal('prop_1', { status: 'executed', orderId: 'ord_1' })),
      json(proposal('prop_1')),
    );
    const sigmax = client(fetch);
    const created = await sigmax.proposals.create({ symbol: 'BTC/USDT', ttlSeconds: 600 });
    // Decimal strings come through untouched.
    expect(created.quantity).toBe('0.15108570000000000001');
    await sigmax.proposals.get('prop_1');
    await sigmax.proposals.approve('prop_1', { reason: 'looks right' });
    await sigmax.proposals.reject('a/b');
    const executed = await sigmax.proposals.execute('prop_1');
    expect(executed).toMatchObject({ status: 'executed', orderId: 'ord_1' });
    await sigmax.proposals.approve('prop_1');

    expect(requests(calls)).toEqual([
      `POST ${BASE_URL}/v1/proposals`,
      `GET ${BASE_URL}/v1/proposals/prop_1`,
      `POST ${BASE_URL}/v1/proposals/prop_1/approve`,
      `POST ${BASE_URL}/v1/proposals/a%2Fb/reject`,
      `POST ${BASE_URL}/v1/proposals/prop_1/execute`,
      `POST ${BASE_URL}/v1/proposals/prop_1/approve`,
    ]);
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ symbol: 'BTC/USDT', ttlSeconds: 600 });
    expect(calls[0]?.request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[2]?.body ?? '')).toEqual({ reason: 'looks right' });
    // No reason: no body at all.
    expect(calls[3]?.body).toBe('');
    expect(calls[4]?.body).toBe('');
    expect(calls[5]?.body).toBe('');
    for (const call of calls.filter((c) => c.request.method === 'POST')) {
      expect(call.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('execute() retries with the same Idempotency-Key after a 503', async () => {
    const { fetch, calls } = fakeFetch(
      problem(503, 'service_unavailable', { headers: { 'retry-after': '0' } }),
      json(proposal('prop_1', { status: 'executed', orderId: 'ord_1' })),
    );
    const executed = await client(fetch).proposals.execute('prop_1');
    expect(executed.orderId).toBe('ord_1');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.request.headers.get('idempotency-key')).toBe(
      calls[0]?.request.headers.get('idempotency-key'),
    );
  });

  it('list() sends the filters and follows the cursor', async () => {
    const { fetch, calls } = fakeFetch(
      json({ data: [proposal('prop_2'), proposal('prop_1')], nextCursor: 'c1' }),
      json({ data: [proposal('prop_0')], nextCursor: null }),
    );
    const ids: string[] = [];
    for await (const p of client(fetch).proposals.list({
      status: 'approved',
      symbol: 'BTC/USDT',
      limit: 2,
    })) {
      ids.push(p.id);
    }
    expect(ids).toEqual(['prop_2', 'prop_1', 'prop_0']);
    expect(requests(calls)).toEqual([
      `GET ${BASE_URL}/v1/proposals?status=approved&symbol=BTC%2FUSDT&limit=2`,
      `GET ${BASE_URL}/v1/proposals?status=approved&symbol=BTC%2FUSDT&limit=2&cursor=c1`,
    ]);
  });

  it('a bad id rejects the call without sending it', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    await expect(client(fetch).proposals.execute('..')).rejects.toThrow('Invalid path parameter');
    expect(calls).toHaveLength(0);
  });
});

describe('the proposal and trading errors, by code', () => {
  it.each([
    [409, 'proposal_not_pending', ProposalStateError, ConflictError],
    [409, 'proposal_not_approved', ProposalStateError, ConflictError],
    [409, 'proposal_expired', ProposalStateError, ConflictError],
    [409, 'trading_paused', TradingPausedError, ConflictError],
    [422, 'risk_limit_exceeded', RiskLimitError, UnprocessableEntityError],
    [422, 'compliance_denied', ComplianceDeniedError, UnprocessableEntityError],
    [422, 'no_trade_signal', NoTradeSignalError, UnprocessableEntityError],
  ])('%i %s → %o', async (status, code, ErrorClass, StatusClass) => {
    const { fetch } = fakeFetch(problem(status, code, { detail: `detail of ${code}` }));
    const error = await rejection(client(fetch).proposals.execute('prop_1'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(StatusClass);
    expect((error as ProposalStateError).name).toBe(ErrorClass.name);
    expect((error as ProposalStateError).code).toBe(code);
    expect((error as ProposalStateError).message).toBe(`${status} ${code}: detail of ${code}`);
  });

  it('exposes the state, the violations and the analysis id the server sends', async () => {
    const { fetch } = fakeFetch(
      problem(409, 'trading_paused', { extra: { state: 'REDUCING' } }),
      problem(422, 'risk_limit_exceeded', {
        extra: {
          errors: [{ path: 'risk.max_notional', message: 'notional 5000 above 1000' }],
          violations: [
            { code: 'max_notional', message: 'notional 5000 above 1000', limit: '1000', actual: '5000' },
          ],
        },
      }),
      problem(422, 'no_trade_signal', { extra: { analysisId: 'ana_1' } }),
      problem(409, 'trading_paused'),
      problem(422, 'risk_limit_exceeded'),
      problem(422, 'no_trade_signal'),
    );
    const sigmax = client(fetch);
    const paused = (await rejection(sigmax.proposals.execute('prop_1'))) as TradingPausedError;
    expect(paused.state).toBe('REDUCING');
    const risk = (await rejection(sigmax.proposals.execute('prop_1'))) as RiskLimitError;
    expect(risk.violations).toEqual([
      { code: 'max_notional', message: 'notional 5000 above 1000', limit: '1000', actual: '5000' },
    ]);
    expect(risk.problem?.errors?.[0]?.path).toBe('risk.max_notional');
    const noSignal = (await rejection(sigmax.proposals.create({ symbol: 'BTC/USDT' }))) as NoTradeSignalError;
    expect(noSignal.analysisId).toBe('ana_1');

    // Without the extras, the fields are empty rather than wrong.
    expect(
      ((await rejection(sigmax.proposals.execute('prop_1'))) as TradingPausedError).state,
    ).toBeUndefined();
    expect(((await rejection(sigmax.proposals.execute('prop_1'))) as RiskLimitError).violations).toEqual([]);
    expect(
      ((await rejection(sigmax.proposals.create({ analysisId: 'ana_1' }))) as NoTradeSignalError).analysisId,
    ).toBeUndefined();
  });
});
