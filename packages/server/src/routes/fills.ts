import { Hono } from 'hono';
import { listFills } from '../db/queries/fills';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { fillListQuery } from '../schemas/fills';
import { fillBody } from '../trading/bodies';
import { decodeSeqCursor, encodeSeqCursor } from '../trading/cursors';
import { parseQuery } from '../validation';

/** Fills (executions), newest first. */
export const fillRoutes = new Hono<AppEnv>().use(guard('read')).get('/', async (c) => {
  const query = parseQuery(c, fillListQuery);
  const before = query.cursor === undefined ? undefined : decodeSeqCursor('fills', query.cursor);
  const { database, trading } = c.get('services');
  const rows = await listFills(database.db, trading.accountId, {
    symbol: query.symbol,
    orderId: query.orderId,
    since: query.since,
    until: query.until,
    before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const body: components['schemas']['FillList'] = {
    data: page.map((row) => fillBody(row, row.clientOrderId)),
    nextCursor: rows.length > query.limit && last ? encodeSeqCursor('fills', last.seq) : null,
  };
  return c.json(body);
});
