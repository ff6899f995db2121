import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { encodeSeqCursor, page, seqCursor } from '../pagination';
import { pageQuery } from '../schemas/common';
import { parseQuery } from '../validation';

const admin = guard('admin');

const auditListQuery = z.strictObject({
  ...pageQuery,
  action: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+(\.\*)?$/, 'an action such as order.created, or a prefix such as order.*')
    .optional(),
});

/** The audit log (admin only): its entries, newest first, and the check of its hash chain. */
export const auditRoutes = new Hono<AppEnv>()
  .get(
    '/',
    admin(async (c) => {
      const query = parseQuery(c, auditListQuery);
      const before = seqCursor('audit', query.cursor);
      const rows = await c.env.services.audit.list({ action: query.action, before, limit: query.limit + 1 });
      const body: components['schemas']['AuditList'] = page(rows, query.limit, (last) =>
        encodeSeqCursor('audit', last.seq),
      );
      return c.json(body);
    }),
  )
  .get(
    '/verify',
    admin(async (c) => {
      const body: components['schemas']['AuditVerification'] = await c.env.services.audit.verify();
      return c.json(body);
    }),
  );
