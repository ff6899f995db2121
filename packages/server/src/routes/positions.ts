import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { parseSymbolParam } from '../markets/symbols';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';

const trade = guard('trade', 'trading');

const read = guard('read');

/** Open positions, and closing one at market. */
export const positionRoutes = new Hono<AppEnv>()
  .get(
    '/',
    read(async (c) => {
      const body: components['schemas']['PositionList'] = {
        data: await c.env.services.trading.positions(),
      };
      return c.json(body);
    }),
  )
  .post(
    '/:symbol/close',
    trade(idempotent(), async (c) => {
      const symbol = parseSymbolParam(pathParam(c, 'symbol'));
      const order = await c.env.services.trading.closePosition(symbol, { apiKeyId: c.get('principal').id });
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'position.closed',
        target: symbol,
        details: { orderId: order.id, quantity: order.quantity, status: order.status },
      });
      return c.json(order, 201, { Location: `/v1/orders/${order.id}` });
    }),
  );
