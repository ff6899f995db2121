import {
  AnalysisInputError,
  InsufficientFundsError,
  InsufficientHistoryError,
  MarketDataError,
  OrderNotFoundError,
  OrderStateError,
  OrderValidationError,
  VenueError,
} from '@sigmax/engine';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { marketErrorStatus } from '../adapters/market/factory';
import type { AppEnv } from '../env';
import { ApiError, type ErrorCode, problemResponse } from '../problem';

const codeByStatus: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Codes of a failed call to the exchange or the market-data source. */
const API_FAILURES: ReadonlySet<string> = new Set(['exchange_unavailable', 'exchange_error', 'rate_limited']);

/** The single error handler: every failure leaves as problem+json, and never with a stack trace. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) {
    const { headers, ...extra } = error.extra;
    return problemResponse(c, error.httpStatus, error.code, error.detail, {
      ...extra,
      ...(headers ? { headers } : {}),
    });
  }
  const domain = domainError(error);
  if (domain) {
    // Failures of the exchange or the market-data source count toward the safety enforcer's API error burst.
    if (API_FAILURES.has(domain.code)) c.env.services?.safety?.recordApiError();
    return onError(domain, c);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return problemResponse(c, status, codeByStatus[status] ?? 'bad_request', error.message || undefined);
  }
  c.env.services?.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return problemResponse(c, 500, 'internal_error', 'The server could not complete the request.');
}

export function onNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
}

/**
 * The engine's and adapters' typed failures, as API errors: handlers let them through and they get
 * the same status and code wherever they come from.
 */
function domainError(error: Error): ApiError | undefined {
  if (error instanceof InsufficientFundsError) {
    return new ApiError(422, 'insufficient_funds', error.message, {
      asset: error.asset,
      required: error.required.toString(),
      available: error.available.toString(),
    });
  }
  if (error instanceof OrderValidationError) {
    const path = `body.${error.field}`;
    return new ApiError(422, 'validation_failed', `${path}: ${error.message}`, {
      errors: [{ path, message: error.message }],
    });
  }
  if (error instanceof InsufficientHistoryError) {
    const needs = Object.entries(error.needed).map(
      ([timeframe, needed]) =>
        `${needed} ${timeframe} candles (${error.available[timeframe as keyof typeof error.available] ?? 0} available)`,
    );
    return new ApiError(
      422,
      'insufficient_history',
      `Not enough market history for the analysis: it needs ${needs.join(', ')}.`,
      { needed: error.needed, available: error.available },
    );
  }
  if (error instanceof AnalysisInputError) {
    const path = `body.${error.field.split('.')[0]}`;
    return new ApiError(422, 'validation_failed', `${path}: ${error.message}`, {
      errors: [{ path, message: error.message }],
    });
  }
  if (error instanceof OrderNotFoundError)
    return new ApiError(404, 'not_found', `No order ${error.orderId}.`);
  if (error instanceof OrderStateError && error.code === 'order_not_cancelable') {
    return new ApiError(409, 'order_not_cancelable', error.message);
  }
  if (error instanceof MarketDataError) {
    const status = marketErrorStatus(error.code);
    switch (error.code) {
      case 'bad_symbol':
        return new ApiError(404, 'not_found', error.message);
      case 'no_data':
        return new ApiError(status, 'no_market_data', error.message);
      case 'unsupported_timeframe':
      case 'invalid_query':
        return new ApiError(422, 'validation_failed', error.message);
      case 'rate_limited':
        return new ApiError(429, 'rate_limited', error.message, { headers: { 'Retry-After': '1' } });
      case 'exchange_unavailable':
        return new ApiError(503, 'exchange_unavailable', error.message, { headers: { 'Retry-After': '5' } });
      case 'exchange_error':
        return new ApiError(502, 'exchange_error', error.message);
    }
  }
  if (error instanceof VenueError) {
    switch (error.code) {
      case 'exchange_unavailable':
        return new ApiError(503, 'exchange_unavailable', error.message, { headers: { 'Retry-After': '5' } });
      case 'rate_limited':
        return new ApiError(429, 'rate_limited', error.message, { headers: { 'Retry-After': '1' } });
      case 'exchange_error':
        return new ApiError(502, 'exchange_error', error.message);
      case 'order_not_found':
        return new ApiError(404, 'not_found', error.message);
      case 'insufficient_funds':
        return new ApiError(422, 'insufficient_funds', error.message);
    }
  }
  return undefined;
}
