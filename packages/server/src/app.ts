import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, AppServices } from './env';
import { accessLog } from './middleware/access-log';
import { onError, onNotFound } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { ApiError } from './problem';
import { analysisRoutes } from './routes/analyses';
import { apiKeyRoutes } from './routes/api-keys';
import { debateRoutes } from './routes/debates';
import { docsRoutes, openapiRoutes } from './routes/docs';
import { fillRoutes } from './routes/fills';
import { healthRoutes } from './routes/health';
import { marketRoutes } from './routes/markets';
import { orderRoutes } from './routes/orders';
import { portfolioRoutes } from './routes/portfolio';
import { positionRoutes } from './routes/positions';
import { statusRoutes } from './routes/status';

/** Builds the HTTP application around running services. Tests call `app.request()` on it, no port needed. */
export function createApp(services: AppServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use(requestId);
  app.use(accessLog);
  const limitBody = bodyLimit({
    maxSize: services.config.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The body exceeds ${services.config.maxBodyBytes} bytes.`);
    },
  });
  // Only requests that can carry a body pay for the limit: it makes the Node adapter build a full Request.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  app.onError(onError);
  app.notFound(onNotFound);

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
  app.route('/docs', docsRoutes);
  app.get('/', (c) => c.redirect('/docs'));
  return app;
}
