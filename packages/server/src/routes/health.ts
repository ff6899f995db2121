import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { open } from '../middleware/endpoint';

/** Public liveness and readiness: 503 when the database does not answer. */
export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  open(async (c) => {
    const { database, version, clock } = c.env.services;
    const up = await database.ping().then(
      () => true,
      () => false,
    );
    const body: components['schemas']['Health'] = {
      status: up ? 'ok' : 'degraded',
      version,
      time: clock.now().toISOString(),
      database: up ? 'up' : 'down',
    };
    return c.json(body, up ? 200 : 503);
  }),
);
