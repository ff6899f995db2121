import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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

/** The single error handler: every failure leaves as problem+json, and never with a stack trace. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) {
    const { headers, ...extra } = error.extra;
    return problemResponse(c, error.httpStatus, error.code, error.detail, {
      ...extra,
      ...(headers ? { headers } : {}),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return problemResponse(c, status, codeByStatus[status] ?? 'bad_request', error.message || undefined);
  }
  c.get('services')?.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return problemResponse(c, 500, 'internal_error', 'The server could not complete the request.');
}

export function onNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
}
