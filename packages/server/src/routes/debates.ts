import { Hono } from 'hono';
import { listDebates } from '../db/queries/analyses';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { decodeCursor, encodeCursor } from '../ids';
import { guard } from '../middleware/auth';
import { debateListQuery } from '../schemas/analyses';
import { badCursor } from '../trading/cursors';
import { parseQuery } from '../validation';

type Schemas = components['schemas'];

/** The bull/bear debates of past analyses, newest first. */
export const debateRoutes = new Hono<AppEnv>().get('/', guard('read'), async (c) => {
  const query = parseQuery(c, debateListQuery);
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (before === null) throw badCursor();
  const rows = await listDebates(c.get('services').database.db, {
    symbol: query.symbol,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const body: Schemas['DebateList'] = {
    data: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.analysisId) : null,
  };
  return c.json(body);
});
