import { Hono } from 'hono';
import { listFills } from '../db/queries/fills';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { encodeSeqCursor, page, seqCursor } from '../pagination';
import { fillListQuery } from '../schemas/fills';
import { fillBody } from '../trading/bodies';
import { parseQuery } from '../validation';

const read = guard('read');

/** Fills (executions), newest first. */
export const fillRoutes = new Hono<AppEnv>().get(
  '/',
  read(async (c) => {
    const query = parseQuery(c, fillListQuery);
    const before = seqCursor('fills', query.cursor);
    const { database, trading } = c.env.services;
    const rows = await listFills(database.db, trading.accountId, {
      symbol: query.symbol,
      orderId: query.orderId,
      since: query.since,
      until: query.until,
      before,
      limit: query.limit + 1,
    });
    const { data, nextCursor } = page(rows, query.limit, (last) => encodeSeqCursor('fills', last.seq));
    const body: components['schemas']['FillList'] = {
      data: data.map((row) => fillBody(row, row.clientOrderId)),
      nextCursor,
    };
    return c.json(body);
  }),
);
