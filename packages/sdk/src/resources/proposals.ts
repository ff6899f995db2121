import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import { path } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { components, operations } from '../generated/openapi';

type Schemas = components['schemas'];

/** `pending`, `approved`, then `executed`; or `rejected`, `expired` or `failed`. */
export type ProposalStatus = Schemas['ProposalStatus'];
/**
 * A trade proposal: a market order sized from an analysis's decision, with the compliance and risk
 * verdicts and their reasons, how it was approved, and once executed its `orderId`.
 */
export type Proposal = Schemas['Proposal'];
/** The compliance policy's verdict on a proposal, rule by rule. */
export type ComplianceVerdict = Schemas['ComplianceVerdict'];
/** The risk limits' verdict on a proposal: `ok`, or the limits it would break. */
export type RiskVerdict = Schemas['RiskVerdict'];
/** One risk limit a proposal or an order would break. */
export type RiskViolation = Schemas['RiskViolation'];
/** Who or what approved or rejected a proposal, when and why. */
export type ProposalApproval = Schemas['ProposalApproval'];
/** One page of `GET /v1/proposals` as the server sends it. */
export type ProposalList = Schemas['ProposalList'];
/** Query of `GET /v1/proposals`. */
export type ProposalListParams = NonNullable<operations['proposals.list']['parameters']['query']>;
/**
 * Body of `POST /v1/proposals`: exactly one of `analysisId` (propose from that analysis) and `symbol`
 * (analyse the market now, then propose), and how long the proposal can be executed (`ttlSeconds`,
 * 10 to 86 400, default 300).
 */
export type ProposalCreateParams =
  | { analysisId: string; symbol?: never; ttlSeconds?: number }
  | { symbol: string; analysisId?: never; ttlSeconds?: number };
/** Body of `proposals.approve` and `proposals.reject`: an optional reason, kept in `approval.reason`. */
export type ProposalDecisionParams = Schemas['ProposalDecision'];

/**
 * Trade proposals: an analysis's decision turned into a market order sized by the risk rules, checked
 * by the compliance policy and the risk limits, approved by the approval policy (on paper trading a
 * proposal that passes is approved at once) or by a person, then executed. Creating, deciding and
 * executing need the `trade` scope; reading needs `read`.
 *
 * @example
 * ```ts
 * let proposal = await sigmax.proposals.create({ symbol: 'BTC/USDT' });
 * if (proposal.status === 'pending') proposal = await sigmax.proposals.approve(proposal.id);
 * if (proposal.status === 'approved') proposal = await sigmax.proposals.execute(proposal.id);
 * console.log(proposal.status, proposal.orderId);
 * ```
 */
export class Proposals {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Proposes a trade from an analysis (`analysisId`) or from a fresh analysis of a market (`symbol`).
   * Resolves with the proposal: `approved` or `pending` as the approval policy decides, or `rejected`
   * with the reasons when it fails compliance or risk. An analysis that proposes no trade (hold, or
   * sell with nothing to sell) throws `NoTradeSignalError`. Retries reuse one `Idempotency-Key`.
   *
   * @example
   * ```ts
   * const proposal = await sigmax.proposals.create({ analysisId: analysis.id, ttlSeconds: 600 });
   * console.log(proposal.side, proposal.quantity, proposal.status, proposal.compliance.approved);
   * ```
   */
  create(body: ProposalCreateParams, options?: RequestOptions): APIPromise<Proposal> {
    return this.#http.post('/v1/proposals', body, options);
  }

  /**
   * Lists proposals, newest first. `await` it for one page, or `for await` it for every one.
   *
   * @example
   * ```ts
   * for await (const p of sigmax.proposals.list({ status: 'pending' })) console.log(p.id, p.symbol, p.side);
   * ```
   */
  list(params: ProposalListParams = {}, options?: RequestOptions): PagePromise<Proposal> {
    return this.#http.getPage('/v1/proposals', params, options);
  }

  /**
   * Gets one proposal; one past its `expiresAt` shows as `expired`.
   *
   * @example
   * ```ts
   * const proposal = await sigmax.proposals.get('prop_01JD2ZB9M4ZQ5V5T4W8K6C2N3P');
   * ```
   */
  get(id: string, options?: RequestOptions): APIPromise<Proposal> {
    return this.#http.get(() => path`/v1/proposals/${id}`, options);
  }

  /**
   * Approves a pending proposal, with an optional reason. A proposal that is not pending throws
   * `ProposalStateError` (code `proposal_not_pending`, or `proposal_expired`).
   *
   * @example
   * ```ts
   * const approved = await sigmax.proposals.approve(proposal.id, { reason: 'checked the chart' });
   * ```
   */
  approve(id: string, body?: ProposalDecisionParams, options?: RequestOptions): APIPromise<Proposal> {
    return this.#http.post(() => path`/v1/proposals/${id}/approve`, body, options);
  }

  /**
   * Rejects a pending or approved proposal, with an optional reason. An executed, expired or rejected
   * one throws `ProposalStateError`.
   *
   * @example
   * ```ts
   * await sigmax.proposals.reject(proposal.id, { reason: 'too close to the news' });
   * ```
   */
  reject(id: string, body?: ProposalDecisionParams, options?: RequestOptions): APIPromise<Proposal> {
    return this.#http.post(() => path`/v1/proposals/${id}/reject`, body, options);
  }

  /**
   * Executes an approved proposal: checks it again (compliance at the current price, the risk limits,
   * the safety state), places its market order and resolves with the proposal `executed` and its
   * `orderId`. Executing twice places one order: the second call resolves with the proposal as it is.
   * Throws `ProposalStateError` when it is not approved (or has expired), `TradingPausedError` while
   * trading is paused, `RiskLimitError` or `ComplianceDeniedError` with the reasons.
   *
   * @example
   * ```ts
   * const executed = await sigmax.proposals.execute(proposal.id);
   * const order = await sigmax.orders.get(executed.orderId!);
   * ```
   */
  execute(id: string, options?: RequestOptions): APIPromise<Proposal> {
    return this.#http.post(() => path`/v1/proposals/${id}/execute`, undefined, options);
  }
}
