import { Hono } from 'hono';
import { listDebates } from '../db/queries/analyses';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { debateListQuery } from '../schemas/analyses';
import { parseQuery } from '../validation';

const read = guard('read');

type Schemas = components['schemas'];

/** The bull/bear debates of past analyses, newest first. */
export const debateRoutes = new Hono<AppEnv>().get(
  '/',
  read(async (c) => {
    const query = parseQuery(c, debateListQuery);
    const before = idCursor(query.cursor);
    const rows = await listDebates(c.env.services.database.db, {
      symbol: query.symbol,
      before,
      limit: query.limit + 1,
    });
    const body: Schemas['DebateList'] = page(rows, query.limit, (last) => encodeIdCursor(last.analysisId));
    return c.json(body);
  }),
);
