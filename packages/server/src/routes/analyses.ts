import { type Context, Hono } from 'hono';
import { explainAnalysis } from '../analysis';
import { findAnalysis, listAnalyses } from '../db/queries/analyses';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { ApiError } from '../problem';
import { analysisCreateSchema, analysisListQuery } from '../schemas/analyses';
import { parseJsonBody, parseQuery } from '../validation';

type Schemas = components['schemas'];

const read = guard('read');
const trade = guard('trade', 'trading');

/** A new analysis (run or rerun, started at `started`): timed, recorded in the audit log, answered 201. */
async function created(
  c: Context<AppEnv>,
  analysis: Schemas['Analysis'],
  started: number,
  details: Record<string, unknown> = {},
): Promise<Response> {
  const { metrics, audit } = c.env.services;
  metrics.observeAnalysis(performance.now() - started);
  await audit.record({
    actor: c.get('principal'),
    action: 'analysis.created',
    target: analysis.id,
    details: {
      symbol: analysis.symbol,
      action: analysis.decision.action,
      confidence: analysis.decision.confidence,
      ...details,
    },
  });
  return c.json(analysis, 201, { Location: `/v1/analyses/${analysis.id}` });
}

/** Analyses: running the multi-agent analysis, reading past ones, explaining and rerunning them. */
export const analysisRoutes = new Hono<AppEnv>()
  .post(
    '/',
    trade(idempotent(), async (c) => {
      const input = await parseJsonBody(c, analysisCreateSchema);
      const started = performance.now();
      const analysis = await c.env.services.analyses.create(input, { apiKeyId: c.get('principal').id });
      return created(c, analysis, started);
    }),
  )
  .get(
    '/',
    read(async (c) => {
      const query = parseQuery(c, analysisListQuery);
      const before = idCursor(query.cursor);
      const rows = await listAnalyses(c.env.services.database.db, {
        symbol: query.symbol,
        action: query.action,
        minConfidence: query.minConfidence,
        since: query.since,
        until: query.until,
        before,
        limit: query.limit + 1,
      });
      const body: Schemas['AnalysisList'] = page(rows, query.limit, (last) => encodeIdCursor(last.id));
      return c.json(body);
    }),
  )
  .get(
    '/:id',
    read(async (c) => {
      const stored = await findAnalysis(c.env.services.database.db, pathParam(c, 'id'));
      if (!stored) throw new ApiError(404, 'not_found', `No analysis ${pathParam(c, 'id')}.`);
      return c.json(stored.analysis);
    }),
  )
  .get(
    '/:id/explanation',
    read(async (c) => {
      const stored = await findAnalysis(c.env.services.database.db, pathParam(c, 'id'));
      if (!stored) throw new ApiError(404, 'not_found', `No analysis ${pathParam(c, 'id')}.`);
      return c.body(explainAnalysis(stored.analysis), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
      });
    }),
  )
  .post(
    '/:id/rerun',
    trade(idempotent(), async (c) => {
      const started = performance.now();
      const analysis = await c.env.services.analyses.rerun(pathParam(c, 'id'), {
        apiKeyId: c.get('principal').id,
      });
      return created(c, analysis, started, { rerunOf: pathParam(c, 'id') });
    }),
  );
