import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import type { SafetyService } from '../safety/safety-service';
import type { TradingService } from '../trading';

type Schemas = components['schemas'];

/**
 * The panic switch: HALTED first (so nothing new is placed, by a person or the loop), then every open
 * order canceled, then every position closed at market. Each step is attempted even when an earlier
 * one failed; what failed is reported. Trading stays HALTED until a forced resume.
 */
export async function panic(
  deps: { trading: TradingService; safety: SafetyService; events: EventBus },
  reason: string,
  by: { apiKeyId?: string },
): Promise<Schemas['PanicReport']> {
  const { trading, safety, events } = deps;
  await safety.halt(`panic: ${reason}`);
  const errors: string[] = [];
  let canceledOrders: string[] = [];
  try {
    canceledOrders = (await trading.cancelAll()).map((order) => order.id);
  } catch (error) {
    errors.push(`canceling the open orders: ${(error as Error).message}`);
  }
  const closingOrders: Schemas['Order'][] = [];
  let positions: Schemas['Position'][] = [];
  try {
    positions = await trading.positions();
  } catch (error) {
    errors.push(`reading the positions: ${(error as Error).message}`);
  }
  for (const position of positions) {
    if (!(Number(position.quantity) > 0)) continue;
    try {
      closingOrders.push(await trading.closePosition(position.symbol, by));
    } catch (error) {
      errors.push(`closing ${position.symbol}: ${(error as Error).message}`);
    }
  }
  events.publish({
    type: 'control.panic',
    report: { canceledOrders, closingOrders, errors, state: safety.state },
  });
  return { canceledOrders, closingOrders, errors, safety: safety.status() };
}
