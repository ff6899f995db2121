import { Hono } from 'hono';
import { panic } from '../control/panic';
import type { AppEnv } from '../env';
import { guard, hasScope } from '../middleware/auth';
import { ApiError } from '../problem';
import {
  loopStartSchema,
  panicSchema,
  pauseSchema,
  resumeSchema,
  safetyLimitsUpdateSchema,
} from '../schemas/control';
import { parseJsonBody, parseOptionalJsonBody } from '../validation';

const read = guard('read');
const trade = guard('trade', 'trading');
const admin = guard('admin');

/** The safety status and limits. */
export const safetyRoutes = new Hono<AppEnv>()
  .get(
    '/',
    read((c) => c.json(c.env.services.safety.status())),
  )
  .put(
    '/limits',
    admin(async (c) => {
      const update = await parseJsonBody(c, safetyLimitsUpdateSchema);
      const status = await c.env.services.safety.updateLimits(update);
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'request.safety.updateLimits',
        target: null,
        details: { limits: status.limits },
      });
      return c.json(status);
    }),
  );

/** Pause, resume, panic, and the autonomous loop. */
export const controlRoutes = new Hono<AppEnv>()
  .post(
    '/pause',
    trade(async (c) => {
      const { reason, durationSeconds } = await parseJsonBody(c, pauseSchema);
      const status = await c.env.services.safety.pause(reason, durationSeconds);
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'request.control.pause',
        target: null,
        details: { reason, durationSeconds: durationSeconds ?? null },
      });
      return c.json(status);
    }),
  )
  .post(
    '/resume',
    trade(async (c) => {
      const { force = false, reason } = await parseOptionalJsonBody(c, resumeSchema);
      const principal = c.get('principal');
      if (force && !hasScope(principal, 'admin')) {
        throw new ApiError(403, 'forbidden', 'Resuming with force needs an API key with the admin scope.');
      }
      const status = await c.env.services.safety.resume(force, reason);
      await c.env.services.audit.record({
        actor: principal,
        action: 'request.control.resume',
        target: null,
        details: { force, reason: reason ?? null },
      });
      return c.json(status);
    }),
  )
  .post(
    '/panic',
    trade(async (c) => {
      const { reason = 'panic switch' } = await parseOptionalJsonBody(c, panicSchema);
      const principal = c.get('principal');
      const services = c.env.services;
      await services.audit.record({
        actor: principal,
        action: 'request.control.panic',
        target: null,
        details: { reason },
      });
      const report = await panic(services, reason, { apiKeyId: principal.id });
      return c.json(report);
    }),
  )
  .get(
    '/loop',
    read((c) => c.json(c.env.services.loop.status())),
  )
  .post(
    '/start',
    trade(async (c) => {
      const { symbols, timeframe } = await parseOptionalJsonBody(c, loopStartSchema);
      const status = await c.env.services.loop.switchOn(symbols, timeframe);
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'request.control.start',
        target: null,
        details: { symbols: status.symbols, timeframe: status.timeframe },
      });
      return c.json(status);
    }),
  )
  .post(
    '/stop',
    trade(async (c) => {
      const status = await c.env.services.loop.switchOff();
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'request.control.stop',
        target: null,
      });
      return c.json(status);
    }),
  );
