import { Hono } from 'hono';
import { findOrder, listOrders, listTransitions, toOrderRecord } from '../db/queries/orders';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { ApiError } from '../problem';
import { cancelAllQuery, orderCreateSchema, orderListQuery, orderReplaceSchema } from '../schemas/orders';
import { orderBody, transitionBody } from '../trading/bodies';
import { parseJsonBody, parseQuery } from '../validation';

type Schemas = components['schemas'];

const read = guard('read');
const trade = guard('trade', 'trading');

/** Orders: placing, listing, canceling and replacing; the work is done by `services.trading`. */
export const orderRoutes = new Hono<AppEnv>()
  .post(
    '/',
    trade(idempotent(), async (c) => {
      const input = await parseJsonBody(c, orderCreateSchema);
      const order = await c.env.services.trading.placeOrder(input, { apiKeyId: c.get('principal').id });
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'order.created',
        target: order.id,
        details: {
          symbol: order.symbol,
          side: order.side,
          type: order.type,
          quantity: order.quantity,
          price: order.price,
          clientOrderId: order.clientOrderId,
          status: order.status,
        },
      });
      return c.json(order, 201, { Location: `/v1/orders/${order.id}` });
    }),
  )
  .get(
    '/',
    read(async (c) => {
      const query = parseQuery(c, orderListQuery);
      const before = idCursor(query.cursor);
      const { database, trading } = c.env.services;
      const rows = await listOrders(database.db, trading.accountId, {
        symbol: query.symbol,
        statuses: query.status,
        side: query.side,
        clientOrderId: query.clientOrderId,
        since: query.since,
        until: query.until,
        before,
        limit: query.limit + 1,
      });
      const { data, nextCursor } = page(rows, query.limit, (last) => encodeIdCursor(last.id));
      const body: Schemas['OrderList'] = {
        data: data.map((row) => orderBody(toOrderRecord(row))),
        nextCursor,
      };
      return c.json(body);
    }),
  )
  .delete(
    '/',
    trade(async (c) => {
      const query = parseQuery(c, cancelAllQuery);
      const body: Schemas['CancelAllResult'] = {
        data: await c.env.services.trading.cancelAll(query.symbol),
      };
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'order.canceled_all',
        target: null,
        details: { symbol: query.symbol ?? null, canceled: body.data.map((order) => order.id) },
      });
      return c.json(body);
    }),
  )
  .get(
    '/:id',
    read(async (c) => {
      const { database, trading } = c.env.services;
      const row = await findOrder(database.db, trading.accountId, pathParam(c, 'id'));
      if (!row) throw new ApiError(404, 'not_found', `No order ${pathParam(c, 'id')}.`);
      return c.json(orderBody(toOrderRecord(row)));
    }),
  )
  .delete(
    '/:id',
    trade(async (c) => {
      const canceled = await c.env.services.trading.cancelOrder(pathParam(c, 'id'));
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'order.canceled',
        target: canceled.id,
        details: { symbol: canceled.symbol, side: canceled.side, status: canceled.status },
      });
      return c.json(canceled);
    }),
  )
  .post(
    '/:id/replace',
    trade(idempotent(), async (c) => {
      const input = await parseJsonBody(c, orderReplaceSchema);
      const order = await c.env.services.trading.replaceOrder(pathParam(c, 'id'), input, {
        apiKeyId: c.get('principal').id,
      });
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'order.replaced',
        target: pathParam(c, 'id'),
        details: {
          replacedBy: order.id,
          symbol: order.symbol,
          quantity: order.quantity,
          price: order.price,
          clientOrderId: order.clientOrderId,
        },
      });
      return c.json(order, 201, { Location: `/v1/orders/${order.id}` });
    }),
  )
  .get(
    '/:id/transitions',
    read(async (c) => {
      const { database, trading } = c.env.services;
      const id = pathParam(c, 'id');
      const row = await findOrder(database.db, trading.accountId, id);
      if (!row) throw new ApiError(404, 'not_found', `No order ${id}.`);
      const body: Schemas['OrderTransitionList'] = {
        orderId: id,
        data: (await listTransitions(database.db, id)).map(transitionBody),
      };
      return c.json(body);
    }),
  );
