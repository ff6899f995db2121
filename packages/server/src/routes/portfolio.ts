import { Hono } from 'hono';
import { listEquityPoints } from '../db/queries/equity';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { equityHistoryQuery } from '../schemas/portfolio';
import { equityPointBody } from '../trading/bodies';
import { decodeSeqCursor, encodeSeqCursor } from '../trading/cursors';
import { parseQuery } from '../validation';

/** The portfolio now, and its equity over time. */
export const portfolioRoutes = new Hono<AppEnv>()
  .use(guard('read'))
  .get('/', async (c) => c.json(await c.get('services').trading.portfolio()))
  .get('/history', async (c) => {
    const query = parseQuery(c, equityHistoryQuery);
    const after = query.cursor === undefined ? undefined : decodeSeqCursor('equity', query.cursor);
    const { database, trading } = c.get('services');
    const rows = await listEquityPoints(database.db, trading.accountId, {
      since: query.since,
      until: query.until,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const body: components['schemas']['EquityHistory'] = {
      quoteAsset: trading.quote,
      data: page.map(equityPointBody),
      nextCursor: rows.length > query.limit && last ? encodeSeqCursor('equity', last.seq) : null,
    };
    return c.json(body);
  });
