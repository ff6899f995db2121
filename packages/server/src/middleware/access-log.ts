import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/**
 * One structured log line per request (at `debug`; failures at `error`). Headers are not logged, so
 * neither are credentials. The line is only built when it will be written.
 */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const start = performance.now();
  await next();
  const status = c.res.status;
  const { logger } = c.get('services');
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
});
