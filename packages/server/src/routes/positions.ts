import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { parseSymbolParam } from '../markets/symbols';
import { guard } from '../middleware/auth';
import { idempotent } from '../middleware/idempotency';

/** Open positions, and closing one at market. */
export const positionRoutes = new Hono<AppEnv>()
  .get('/', guard('read'), async (c) => {
    const body: components['schemas']['PositionList'] = {
      data: await c.get('services').trading.positions(),
    };
    return c.json(body);
  })
  .post('/:symbol/close', guard('trade', 'trading'), idempotent(), async (c) => {
    const symbol = parseSymbolParam(c.req.param('symbol'));
    const order = await c.get('services').trading.closePosition(symbol, { apiKeyId: c.get('principal').id });
    await c.get('services').audit.record({
      actor: c.get('principal'),
      action: 'position.closed',
      target: symbol,
      details: { orderId: order.id, quantity: order.quantity, status: order.status },
    });
    return c.json(order, 201, { Location: `/v1/orders/${order.id}` });
  });
