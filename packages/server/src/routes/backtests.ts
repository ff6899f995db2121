import { Hono } from 'hono';
import { backtestSummary } from '../backtests/format';
import { listBacktests } from '../db/queries/backtests';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { invalidFields } from '../problem';
import { backtestCreateSchema, backtestEquityQuery, backtestListQuery } from '../schemas/backtests';
import { isMultipart, parseJsonBody, parseMultipartBody, parseQuery } from '../validation';

type Schemas = components['schemas'];

const read = guard('read');
const trade = guard('trade', 'trading');

/** Backtest jobs: queueing, following, cancelling, and their reports, equity curves and charts. */
export const backtestRoutes = new Hono<AppEnv>()
  .post(
    '/',
    trade(idempotent(), async (c) => {
      let body: Awaited<ReturnType<typeof parseJsonBody<typeof backtestCreateSchema>>>;
      let csv: string | undefined;
      if (isMultipart(c)) {
        const form = await parseMultipartBody(c, backtestCreateSchema, 'request');
        body = form.body;
        csv = form.files.get('candles');
        if (body.data.source !== 'upload') {
          throw invalidFields([
            { path: 'body.data.source', message: 'must be "upload" when the candles come as a file' },
          ]);
        }
      } else {
        body = await parseJsonBody(c, backtestCreateSchema);
        if (body.data.source === 'upload') {
          throw invalidFields([
            {
              path: 'body.data.source',
              message: 'send "upload" as multipart/form-data with the CSV in a `candles` part',
            },
          ]);
        }
      }
      const backtest = await c.env.services.backtests.create(body, csv, c.get('principal').id);
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'backtest.created',
        target: backtest.id,
        details: { kind: backtest.kind, strategy: backtest.strategy.name, source: body.data.source },
      });
      return c.json(backtest, 202, { Location: `/v1/backtests/${backtest.id}` });
    }),
  )
  .get(
    '/',
    read(async (c) => {
      const query = parseQuery(c, backtestListQuery);
      const rows = await listBacktests(c.env.services.database.db, {
        status: query.status,
        kind: query.kind,
        before: idCursor(query.cursor),
        limit: query.limit + 1,
      });
      const { data, nextCursor } = page(rows, query.limit, (last) => encodeIdCursor(last.id));
      const body: Schemas['BacktestList'] = { data: data.map(backtestSummary), nextCursor };
      return c.json(body);
    }),
  )
  .get(
    '/:id',
    read(async (c) => c.json(await c.env.services.backtests.get(pathParam(c, 'id')))),
  )
  .delete(
    '/:id',
    trade(async (c) => {
      const cancelled = await c.env.services.backtests.cancel(pathParam(c, 'id'));
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'backtest.cancelled',
        target: cancelled.id,
        details: { kind: cancelled.kind, status: cancelled.status },
      });
      return c.json(cancelled);
    }),
  )
  .get(
    '/:id/equity',
    read(async (c) => {
      const query = parseQuery(c, backtestEquityQuery);
      return c.json(await c.env.services.backtests.equity(pathParam(c, 'id'), query.maxPoints));
    }),
  )
  .get(
    '/:id/chart.svg',
    read(async (c) => {
      const svg = await c.env.services.backtests.chart(pathParam(c, 'id'));
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    }),
  );
