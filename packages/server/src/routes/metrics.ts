import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { guard } from '../middleware/auth';

const read = guard('read');

/** Prometheus metrics (the `read` scope: give the scraper a read key as its bearer credentials). */
export const metricsRoutes = new Hono<AppEnv>().get(
  '/',
  read(async (c) => {
    const { metrics } = c.env.services;
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType });
  }),
);
