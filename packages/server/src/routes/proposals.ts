import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { proposalCreateSchema, proposalDecisionSchema, proposalListQuery } from '../schemas/control';
import { parseJsonBody, parseOptionalJsonBody, parseQuery } from '../validation';

type Schemas = components['schemas'];

const read = guard('read');
const trade = guard('trade', 'trading');

/** Trade proposals: created from an analysis, decided by policy or a person, executed as an order. */
export const proposalRoutes = new Hono<AppEnv>()
  .post(
    '/',
    trade(idempotent(), async (c) => {
      const input = await parseJsonBody(c, proposalCreateSchema);
      const principal = c.get('principal');
      const proposal = await c.env.services.proposals.create(input, { apiKeyId: principal.id });
      await c.env.services.audit.record({
        actor: principal,
        action: 'request.proposals.create',
        target: proposal.id,
        details: { analysisId: proposal.analysisId, symbol: proposal.symbol, status: proposal.status },
      });
      return c.json(proposal, 201, { Location: `/v1/proposals/${proposal.id}` });
    }),
  )
  .get(
    '/',
    read(async (c) => {
      const query = parseQuery(c, proposalListQuery);
      const rows = await c.env.services.proposals.list({
        status: query.status,
        symbol: query.symbol,
        before: idCursor(query.cursor),
        limit: query.limit + 1,
      });
      const body: Schemas['ProposalList'] = page(rows, query.limit, (last) => encodeIdCursor(last.id));
      return c.json(body);
    }),
  )
  .get(
    '/:id',
    read(async (c) => c.json(await c.env.services.proposals.get(pathParam(c, 'id')))),
  )
  .post(
    '/:id/approve',
    trade(async (c) => {
      const { reason } = await parseOptionalJsonBody(c, proposalDecisionSchema);
      const principal = c.get('principal');
      const proposal = await c.env.services.proposals.approve(
        pathParam(c, 'id'),
        { apiKeyId: principal.id },
        reason,
      );
      await c.env.services.audit.record({
        actor: principal,
        action: 'request.proposals.approve',
        target: proposal.id,
        details: { reason: reason ?? null },
      });
      return c.json(proposal);
    }),
  )
  .post(
    '/:id/reject',
    trade(async (c) => {
      const { reason } = await parseOptionalJsonBody(c, proposalDecisionSchema);
      const principal = c.get('principal');
      const proposal = await c.env.services.proposals.reject(
        pathParam(c, 'id'),
        { apiKeyId: principal.id },
        reason,
      );
      await c.env.services.audit.record({
        actor: principal,
        action: 'request.proposals.reject',
        target: proposal.id,
        details: { reason: reason ?? null },
      });
      return c.json(proposal);
    }),
  )
  .post(
    '/:id/execute',
    trade(async (c) => {
      const principal = c.get('principal');
      const proposal = await c.env.services.proposals.execute(pathParam(c, 'id'), { apiKeyId: principal.id });
      await c.env.services.audit.record({
        actor: principal,
        action: 'request.proposals.execute',
        target: proposal.id,
        details: { orderId: proposal.orderId, status: proposal.status },
      });
      return c.json(proposal);
    }),
  );
