import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { components } from './generated/openapi';

export type Problem = components['schemas']['Problem'];
export type ErrorCode = components['schemas']['ErrorCode'];
export type FieldError = components['schemas']['FieldError'];

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  invalid_json: 'Request body is not valid JSON',
  unsupported_media_type: 'Unsupported media type',
  payload_too_large: 'Request body too large',
  validation_failed: 'Validation failed',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  idempotency_key_reused: 'Idempotency-Key reused with a different request',
  last_admin_key: 'Cannot revoke the last admin key',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
  service_unavailable: 'Service unavailable',
  insufficient_funds: 'Insufficient funds',
  order_not_cancelable: 'The order cannot be canceled',
  duplicate_client_order_id: 'An order with this clientOrderId exists',
  no_position: 'No open position',
  no_market_data: 'No market data',
  exchange_unavailable: 'Exchange unavailable',
  exchange_error: 'Exchange error',
  insufficient_history: 'Not enough market history',
  backtest_not_cancelable: 'The backtest has already finished',
  backtest_not_finished: 'The backtest has no result yet',
  no_trade_signal: 'The analysis proposes no trade',
  proposal_not_pending: 'The proposal is not pending',
  proposal_not_approved: 'The proposal is not approved',
  proposal_expired: 'The proposal has expired',
  trading_paused: 'Trading is paused',
  risk_limit_exceeded: 'A risk limit would be exceeded',
  compliance_denied: 'The compliance policy denies the order',
  resume_needs_force: 'Resuming now needs force',
};

/**
 * The one way a handler reports a failure: throw an ApiError and the error handler renders it as
 * RFC 9457 problem+json with the request id.
 */
export class ApiError extends HTTPException {
  constructor(
    readonly httpStatus: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(httpStatus, { message: detail ?? titles[code] });
  }
}

/**
 * The 422 `validation_failed` error naming each bad field: `errors` as given, the detail listing them
 * as `path: message`.
 */
export function invalidFields(errors: FieldError[]): ApiError {
  return new ApiError(422, 'validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
    errors,
  });
}

export function problemBody(
  c: Context,
  status: number,
  code: ErrorCode,
  detail?: string,
  extra: object = {},
): Problem {
  return {
    type: `urn:sigmax:problem:${code}`,
    title: titles[code],
    status,
    ...(detail ? { detail } : {}),
    instance: c.req.path,
    code,
    requestId: c.get('requestId') ?? '',
    ...extra,
  };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  detail?: string,
  extra: { headers?: Record<string, string>; [k: string]: unknown } = {},
): Response {
  const { headers, ...rest } = extra;
  // The content type goes in with the other headers: setting it on the built response would make the
  // Node adapter materialise a full `Headers` object.
  return c.json(problemBody(c, status, code, detail, rest), status, {
    ...headers,
    'Content-Type': 'application/problem+json',
  });
}
