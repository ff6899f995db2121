import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * One structured log line per request (at `debug`; failures at `error`), written by `serveRequest`
 * once the response is ready; `start` is `performance.now()` when the request came in.
 * Headers are not logged, so neither are credentials. The line is only built when it will be written.
 */
export function logRequest(c: Context<AppEnv>, start: number, status: number): void {
  const { logger } = c.env.services;
  if (status < 500 && !logger.isLevelEnabled('debug')) return;
  const line = {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status,
    ms: Math.round((performance.now() - start) * 100) / 100,
    keyId: c.get('principal')?.id,
  };
  if (status >= 500) logger.error(line, 'request failed');
  else logger.debug(line, 'request');
}
