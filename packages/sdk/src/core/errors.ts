import type { components } from '../generated/openapi';
import type { ErrorCode, Order, Problem } from '../types';
import { parseRetryAfter } from './retry';

// Every class sets `name` to a literal rather than `new.target.name`: bundlers that minify class
// names would otherwise turn `error.name` into something like `e`.

/**
 * Base class of every error the SDK throws, so one `instanceof` check catches them all.
 *
 * @example
 * ```ts
 * try {
 *   await sigmax.status();
 * } catch (error) {
 *   if (error instanceof SigmaxError) console.error(error.message);
 *   else throw error;
 * }
 * ```
 */
export class SigmaxError extends Error {
  override name = 'SigmaxError';
}

/**
 * The server answered with an error status. `problem` holds the RFC 9457 body when there was one;
 * `code` is its stable machine code, and `requestId` is what to quote when asking for help.
 *
 * @example
 * ```ts
 * try {
 *   await sigmax.apiKeys.get('key_missing');
 * } catch (error) {
 *   if (error instanceof APIError) console.error(error.status, error.code, error.requestId);
 * }
 * ```
 */
export class APIError extends SigmaxError {
  override name = 'APIError';
  /** HTTP status of the response. */
  readonly status: number;
  /** The problem's machine code, e.g. `not_found`; `undefined` when the body was not a problem. */
  readonly code: ErrorCode | (string & Record<never, never>) | undefined;
  /** The server's request id, from the `X-Request-Id` header or the problem body. */
  readonly requestId: string | undefined;
  /** The RFC 9457 problem body, when the server sent one. */
  readonly problem: Problem | undefined;
  /** Response headers, e.g. `RateLimit-Remaining`. */
  readonly headers: Headers;

  constructor(status: number, body: unknown, headers: Headers) {
    const problem = asProblem(body);
    // A non-problem body (a proxy's HTML page, say) is shown truncated: it can be a whole document.
    const text = typeof body === 'string' ? body.slice(0, 200) : '';
    const reason = problem?.detail ?? problem?.title ?? (text || 'request failed');
    super(`${status} ${problem?.code ? `${problem.code}: ` : ''}${reason}`);
    this.status = status;
    this.problem = problem;
    this.code = problem?.code;
    this.headers = headers;
    this.requestId = headers.get('x-request-id') ?? (problem?.requestId || undefined);
  }
}

/** 400: the request was malformed, e.g. invalid JSON. */
export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}

/** 401: the API key is missing, unknown or revoked. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}

/** 403: the API key lacks the scope the operation needs. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}

/** 404: no such resource. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}

/** 422: a field is invalid; `problem.errors` names each one. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}

/**
 * 429: the key's rate limit is exhausted. The SDK already retried (honouring `Retry-After`) before
 * throwing this.
 *
 * @example
 * ```ts
 * try {
 *   await sigmax.status();
 * } catch (error) {
 *   if (error instanceof RateLimitError) console.log(`try again in ${error.retryAfter ?? 60} s`);
 * }
 * ```
 */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** Seconds the server asked to wait before retrying, when it said. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    const ms = parseRetryAfter(headers);
    this.retryAfter = ms === undefined ? undefined : Math.ceil(ms / 1000);
  }
}

/** 5xx: the server failed. The SDK already retried before throwing this (except on 501). */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** 409 `last_admin_key`: revoking this key would leave the server without an active admin key. */
export class LastAdminKeyError extends ConflictError {
  override name = 'LastAdminKeyError';
}

/** 422 `idempotency_key_reused`: the `Idempotency-Key` was already used for a different request. */
export class IdempotencyKeyReusedError extends UnprocessableEntityError {
  override name = 'IdempotencyKeyReusedError';
}

/** 422 `insufficient_funds`: the account cannot pay for the order. */
export class InsufficientFundsError extends UnprocessableEntityError {
  override name = 'InsufficientFundsError';
}

/**
 * 409 `duplicate_client_order_id`: an order with this `clientOrderId` already exists. `order` is that
 * order, so a caller that lost the answer to its first attempt can carry on with it.
 *
 * @example
 * ```ts
 * const order = await sigmax.orders.create(request).catch((error) => {
 *   if (error instanceof DuplicateClientOrderIdError && error.order) return error.order;
 *   throw error;
 * });
 * ```
 */
export class DuplicateClientOrderIdError extends ConflictError {
  override name = 'DuplicateClientOrderIdError';
  /** The existing order with that `clientOrderId`, when the server sent it. */
  readonly order: Order | undefined;

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    this.order = orderOf(this.problem);
  }
}

/**
 * 409 `order_not_cancelable`: the order is already filled, canceled, expired, rejected or replaced.
 * `order` is the order as it now stands, when the server sent it.
 */
export class OrderNotCancelableError extends ConflictError {
  override name = 'OrderNotCancelableError';
  /** The order in its current state, when the server sent it. */
  readonly order: Order | undefined;

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    this.order = orderOf(this.problem);
  }
}

/** 409 `backtest_not_cancelable`: the backtest job has already finished. */
export class BacktestNotCancelableError extends ConflictError {
  override name = 'BacktestNotCancelableError';
}

/**
 * 409 `trading_paused`: the safety enforcer refuses new orders now (a pause, a panic or a tripped
 * trigger). `state` is `HALTED` (no order at all) or `REDUCING` (only orders that reduce a position).
 *
 * @example
 * ```ts
 * try {
 *   await sigmax.orders.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
 * } catch (error) {
 *   if (error instanceof TradingPausedError) console.log('trading is', error.state, error.problem?.detail);
 *   else throw error;
 * }
 * ```
 */
export class TradingPausedError extends ConflictError {
  override name = 'TradingPausedError';
  /** The safety state that refused the order, when the server said. */
  readonly state: 'REDUCING' | 'HALTED' | undefined;

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    const state = this.problem?.state;
    this.state = state === 'REDUCING' || state === 'HALTED' ? state : undefined;
  }
}

/**
 * 409 `proposal_not_pending`, `proposal_not_approved` or `proposal_expired`: the proposal is not in a
 * state that allows this (approving an approved one, executing a rejected one, anything on an
 * expired one). `code` says which; `proposals.get(id)` shows its status.
 */
export class ProposalStateError extends ConflictError {
  override name = 'ProposalStateError';
}

/**
 * 409 `resume_needs_force`: within the guard window after a panic or a tripped trigger, resuming
 * needs `force: true`, and `force` needs a key with the `admin` scope.
 */
export class ResumeNeedsForceError extends ConflictError {
  override name = 'ResumeNeedsForceError';
}

/**
 * 422 `risk_limit_exceeded`: the order would break a risk limit. `violations` lists each limit with
 * its value and the order's figure; `problem.errors` has one entry per violation (`risk.<code>`).
 */
export class RiskLimitError extends UnprocessableEntityError {
  override name = 'RiskLimitError';
  /** The limits the order would break, when the server sent them. */
  readonly violations: components['schemas']['RiskViolation'][];

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    const violations = this.problem?.violations;
    this.violations = Array.isArray(violations)
      ? (violations as components['schemas']['RiskViolation'][])
      : [];
  }
}

/**
 * 422 `compliance_denied`: the compliance policy denies the order (a deny list, the profile's
 * position cap, ...); `problem.errors` names each rule that failed (`compliance.<rule>`).
 */
export class ComplianceDeniedError extends UnprocessableEntityError {
  override name = 'ComplianceDeniedError';
}

/**
 * 422 `no_trade_signal`: the analysis proposes no trade (it says hold, says sell with nothing to
 * sell, or the position is already at its cap). `analysisId` is the analysis, to read its
 * explanation.
 */
export class NoTradeSignalError extends UnprocessableEntityError {
  override name = 'NoTradeSignalError';
  /** The analysis that proposed nothing, when the server said. */
  readonly analysisId: string | undefined;

  constructor(status: number, body: unknown, headers: Headers) {
    super(status, body, headers);
    const id = this.problem?.analysisId;
    this.analysisId = typeof id === 'string' ? id : undefined;
  }
}

/**
 * No response arrived: DNS failure, refused or reset connection, offline. Retried before thrown;
 * the underlying error is the `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await sigmax.health();
 * } catch (error) {
 *   if (error instanceof APIConnectionError) console.error('server unreachable:', error.cause);
 * }
 * ```
 */
export class APIConnectionError extends SigmaxError {
  override name = 'APIConnectionError';

  constructor(options: { message?: string; cause?: unknown } = {}) {
    super(options.message ?? 'Connection error.', { cause: options.cause });
  }
}

/** No response within the `timeout` (per attempt). Retried before thrown. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';

  constructor() {
    super({ message: 'Request timed out.' });
  }
}

/** The caller's `AbortSignal` fired. Never retried. */
export class APIUserAbortError extends SigmaxError {
  override name = 'APIUserAbortError';

  constructor(cause?: unknown) {
    super('Request was aborted.', { cause });
  }
}

type APIErrorClass = new (status: number, body: unknown, headers: Headers) => APIError;

// A domain code is more specific than its status, so it wins. Add a line here for each new code
// that callers are likely to handle on its own.
const errorsByCode: Record<string, APIErrorClass> = {
  last_admin_key: LastAdminKeyError,
  idempotency_key_reused: IdempotencyKeyReusedError,
  insufficient_funds: InsufficientFundsError,
  duplicate_client_order_id: DuplicateClientOrderIdError,
  order_not_cancelable: OrderNotCancelableError,
  backtest_not_cancelable: BacktestNotCancelableError,
  trading_paused: TradingPausedError,
  proposal_not_pending: ProposalStateError,
  proposal_not_approved: ProposalStateError,
  proposal_expired: ProposalStateError,
  resume_needs_force: ResumeNeedsForceError,
  risk_limit_exceeded: RiskLimitError,
  compliance_denied: ComplianceDeniedError,
  no_trade_signal: NoTradeSignalError,
};

const errorsByStatus: Record<number, APIErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The most specific `APIError` subclass for a response: by problem code, then by status. */
export function makeAPIError(status: number, body: unknown, headers: Headers): APIError {
  const code = asProblem(body)?.code;
  const ErrorClass =
    (code !== undefined && Object.hasOwn(errorsByCode, code) ? errorsByCode[code] : undefined) ??
    errorsByStatus[status] ??
    (status >= 500 ? InternalServerError : APIError);
  return new ErrorClass(status, body, headers);
}

function asProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { code, title } = body as Record<string, unknown>;
  // A proxy or load balancer may answer with some other JSON; only a body that looks like a
  // problem is exposed as one.
  return typeof code === 'string' || typeof title === 'string' ? (body as Problem) : undefined;
}

/** The `order` member of an order conflict problem, when it looks like an order. */
function orderOf(problem: Problem | undefined): Order | undefined {
  const order = problem?.order;
  return typeof order === 'object' && order !== null && typeof (order as Order).id === 'string'
    ? (order as Order)
    : undefined;
}
