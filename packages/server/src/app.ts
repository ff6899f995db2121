import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, AppServices } from './env';
import { open, serveRequest } from './middleware/endpoint';
import { onError, onNotFound } from './middleware/errors';
import { ApiError } from './problem';
import { analysisRoutes } from './routes/analyses';
import { apiKeyRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit';
import { backtestRoutes } from './routes/backtests';
import { controlRoutes, safetyRoutes } from './routes/control';
import { debateRoutes } from './routes/debates';
import { docsRoutes, openapiRoutes } from './routes/docs';
import { eventRoutes } from './routes/events';
import { fillRoutes } from './routes/fills';
import { healthRoutes } from './routes/health';
import { marketRoutes } from './routes/markets';
import { metricsRoutes } from './routes/metrics';
import { orderRoutes } from './routes/orders';
import { portfolioRoutes } from './routes/portfolio';
import { positionRoutes } from './routes/positions';
import { proposalRoutes } from './routes/proposals';
import { statusRoutes } from './routes/status';
import { strategyRoutes } from './routes/strategies';

/**
 * Builds the HTTP application around running services. Tests call `app.request()` on it, no port
 * needed. Each route is one handler built with `open(...)` or `guard(scope)(...)` (see
 * `serveRequest`): there is no app-wide middleware for GET requests, so Hono takes its fast path.
 */
export function createApp(services: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Only the methods that carry a body (the only ones the routes read a body for) pay for the limit:
  // it makes the Node adapter build a full Request. GET and HEAD do not even pass through it.
  // Backtests take candles in the body (inline or a CSV file): they have a limit of their own.
  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The body exceeds ${maxSize} bytes.`);
      },
    });
  const bodyLimitDefault = limitOf(services.config.maxBodyBytes);
  const bodyLimitUpload = limitOf(services.config.maxUploadBytes);
  app.on(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], '*', (c, next) =>
    c.req.path === '/v1/backtests' ? bodyLimitUpload(c, next) : bodyLimitDefault(c, next),
  );
  // Failures outside a route (the body limit) and unknown routes get a request id, a log line and a
  // metric like any other response.
  app.onError((error, c) => serveRequest(c, () => onError(error, c)));
  app.notFound((c) => serveRequest(c, () => onNotFound(c)));

  app.route('/v1/health', healthRoutes);
  app.route('/v1/status', statusRoutes);
  app.route('/v1/openapi.json', openapiRoutes);
  app.route('/v1/api-keys', apiKeyRoutes);
  app.route('/v1/markets', marketRoutes);
  app.route('/v1/orders', orderRoutes);
  app.route('/v1/fills', fillRoutes);
  app.route('/v1/positions', positionRoutes);
  app.route('/v1/portfolio', portfolioRoutes);
  app.route('/v1/analyses', analysisRoutes);
  app.route('/v1/debates', debateRoutes);
  app.route('/v1/strategies', strategyRoutes);
  app.route('/v1/backtests', backtestRoutes);
  app.route('/v1/proposals', proposalRoutes);
  app.route('/v1/safety', safetyRoutes);
  app.route('/v1/control', controlRoutes);
  app.route('/v1/events', eventRoutes);
  app.route('/v1/audit', auditRoutes);
  app.route('/metrics', metricsRoutes);
  app.route('/docs', docsRoutes);
  app.get(
    '/',
    open((c) => c.redirect('/docs')),
  );

  // The services reach every handler as a binding (`c.env.services`), beside Node's request and
  // response on @hono/node-server; `app.request()` goes through here too.
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => dispatch(request, { ...env, services }, executionCtx);
  return app;
}
