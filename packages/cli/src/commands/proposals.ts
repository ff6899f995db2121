import type { Proposal, ProposalCreateParams, ProposalStatus, Sigmax } from '@sigmax/sdk';
import { count, oneOf, required, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';

const STATUSES: ProposalStatus[] = ['pending', 'approved', 'rejected', 'executed', 'expired', 'failed'];
/** Rows printed by list commands without `--limit`. */
const DEFAULT_ROWS = 50;

export interface ProposalFlags {
  symbol?: string | undefined;
  analysis?: string | undefined;
  ttl?: string | undefined;
  status?: string | undefined;
  reason?: string | undefined;
  limit?: string | undefined;
}

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 100)}%`);

/** One proposal as `key: value` lines: the order, the verdicts and their reasons, the decision. */
export function proposalFields(p: Proposal): string {
  const failed = p.compliance.reasons.filter((r) => !r.passed).map((r) => `${r.rule}: ${r.message}`);
  return formatFields([
    ['id', p.id],
    ['symbol', p.symbol],
    ['side', p.side],
    ['quantity', p.quantity],
    ['reference price', p.referencePrice],
    ['notional', p.notional],
    ['stop-loss', p.stopLoss],
    ['take-profit', p.takeProfit],
    ['status', p.error ? `${p.status} (${p.error.code}: ${p.error.message})` : p.status],
    ['analysis', p.analysisId],
    ['confidence', pct(p.confidence)],
    [
      'compliance',
      `${p.compliance.approved ? 'approved' : 'denied'} (${p.compliance.profile}, policy ${p.compliance.policyVersion})${failed.length > 0 ? `: ${failed.join('; ')}` : ''}`,
    ],
    ['risk', p.risk.ok ? 'ok' : p.risk.violations.map((v) => `${v.code}: ${v.message}`).join('; ')],
    ['approval', p.approval ? `${p.approval.mode}: ${p.approval.reason} (${p.approval.at})` : null],
    ['order', p.orderId],
    ['client order id', p.clientOrderId],
    ['created', p.createdAt],
    ['expires', p.expiresAt],
    ['executed', p.executedAt],
    ['rationale', p.rationale],
  ]);
}

export function proposalTable(list: Proposal[]): string {
  return formatTable(
    ['ID', 'SYMBOL', 'SIDE', 'QUANTITY', 'PRICE', 'NOTIONAL', 'STATUS', 'ORDER', 'CREATED', 'EXPIRES'],
    list.map((p) => [
      p.id,
      p.symbol,
      p.side,
      p.quantity,
      p.referencePrice,
      p.notional,
      p.status,
      p.orderId,
      p.createdAt,
      p.expiresAt,
    ]),
  );
}

const CREATE_USAGE = 'sigmax proposals create --symbol <symbol> | --analysis <id> [--ttl <seconds>]';

export async function proposalsCreate(sigmax: Sigmax, out: Output, flags: ProposalFlags) {
  if ((flags.symbol === undefined) === (flags.analysis === undefined)) {
    throw new UsageError(`give exactly one of --symbol and --analysis; usage: ${CREATE_USAGE}`);
  }
  let ttlSeconds: number | undefined;
  if (flags.ttl !== undefined) {
    ttlSeconds = Number(flags.ttl);
    if (!/^[0-9]+$/.test(flags.ttl) || ttlSeconds < 10 || ttlSeconds > 86_400) {
      throw new UsageError(`--ttl must be a whole number of seconds from 10 to 86400, got '${flags.ttl}'`);
    }
  }
  const ttl = ttlSeconds === undefined ? {} : { ttlSeconds };
  const request: ProposalCreateParams = flags.symbol
    ? { symbol: required(flags.symbol, CREATE_USAGE), ...ttl }
    : { analysisId: required(flags.analysis, CREATE_USAGE), ...ttl };
  const proposal = await sigmax.proposals.create(request);
  out.print(proposal, () => proposalFields(proposal));
}

export async function proposalsList(sigmax: Sigmax, out: Output, flags: ProposalFlags) {
  const limit = count(flags.limit, '--limit', DEFAULT_ROWS, 10_000);
  const list = await take(
    sigmax.proposals.list({
      limit: Math.min(limit, 500),
      ...(flags.status ? { status: oneOf(flags.status, STATUSES, '--status') } : {}),
      ...(flags.symbol ? { symbol: flags.symbol } : {}),
    }),
    limit,
  );
  out.print(list, () => proposalTable(list));
}

export async function proposalsGet(sigmax: Sigmax, out: Output, id: string | undefined) {
  const proposal = await sigmax.proposals.get(required(id, 'sigmax proposals get <id>'));
  out.print(proposal, () => proposalFields(proposal));
}

export async function proposalsApprove(
  sigmax: Sigmax,
  out: Output,
  id: string | undefined,
  flags: ProposalFlags,
) {
  const proposalId = required(id, 'sigmax proposals approve <id> [--reason <text>]');
  const proposal = await sigmax.proposals.approve(proposalId, reasonBody(flags));
  out.print(proposal, () => proposalFields(proposal));
}

export async function proposalsReject(
  sigmax: Sigmax,
  out: Output,
  id: string | undefined,
  flags: ProposalFlags,
) {
  const proposalId = required(id, 'sigmax proposals reject <id> [--reason <text>]');
  const proposal = await sigmax.proposals.reject(proposalId, reasonBody(flags));
  out.print(proposal, () => proposalFields(proposal));
}

/** Executing again is harmless: the server places the proposal's order once. */
export async function proposalsExecute(sigmax: Sigmax, out: Output, id: string | undefined) {
  const proposal = await sigmax.proposals.execute(required(id, 'sigmax proposals execute <id>'));
  out.print(proposal, () => proposalFields(proposal));
}

function reasonBody(flags: ProposalFlags): { reason?: string } | undefined {
  return flags.reason === undefined ? undefined : { reason: flags.reason };
}
