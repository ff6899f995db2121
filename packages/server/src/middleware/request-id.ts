import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { requestHeader, setResponseHeader } from './headers';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

// A random per-process prefix and a counter: unique across replicas and restarts, and far cheaper
// per request than drawing random bytes.
const prefix = `req_${randomBytes(6).toString('base64url')}`;
let counter = 0;

/**
 * Gives the request an id (the caller's `X-Request-Id` when it is sane) and echoes it on the
 * response. Called by `serveRequest` before the route runs, so the header joins the
 * response as it is built (error responses too).
 */
export function assignRequestId(c: Context<AppEnv>): void {
  const incoming = requestHeader(c, 'x-request-id');
  const id = incoming && VALID.test(incoming) ? incoming : `${prefix}${(++counter).toString(36)}`;
  c.set('requestId', id);
  setResponseHeader(c, 'X-Request-Id', id);
}
