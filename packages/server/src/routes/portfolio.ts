import { Hono } from 'hono';
import { listEquityPoints } from '../db/queries/equity';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { encodeSeqCursor, page, seqCursor } from '../pagination';
import { equityHistoryQuery } from '../schemas/portfolio';
import { equityPointBody } from '../trading/bodies';
import { parseQuery } from '../validation';

const read = guard('read');

/** The portfolio now, and its equity over time. */
export const portfolioRoutes = new Hono<AppEnv>()
  .get(
    '/',
    read(async (c) => c.json(await c.env.services.trading.portfolio())),
  )
  .get(
    '/history',
    read(async (c) => {
      const query = parseQuery(c, equityHistoryQuery);
      const after = seqCursor('equity', query.cursor);
      const { database, trading } = c.env.services;
      const rows = await listEquityPoints(database.db, trading.accountId, {
        since: query.since,
        until: query.until,
        after,
        limit: query.limit + 1,
      });
      const { data, nextCursor } = page(rows, query.limit, (last) => encodeSeqCursor('equity', last.seq));
      const body: components['schemas']['EquityHistory'] = {
        quoteAsset: trading.quote,
        data: data.map(equityPointBody),
        nextCursor,
      };
      return c.json(body);
    }),
  );
