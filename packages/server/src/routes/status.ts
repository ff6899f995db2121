import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';

const read = guard('read');

export const statusRoutes = new Hono<AppEnv>().get(
  '/',
  read((c) => {
    const { version, startedAt, clock, database, config } = c.env.services;
    const principal = c.get('principal');
    const time = clock.now();
    const body: components['schemas']['Status'] = {
      version,
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((time.getTime() - startedAt.getTime()) / 1000)),
      time: time.toISOString(),
      tradingMode: config.tradingMode,
      marketData: { source: config.marketSource },
      database: { driver: database.driver },
      apiKey: { id: principal.id, name: principal.name, scopes: principal.scopes },
    };
    return c.json(body);
  }),
);
