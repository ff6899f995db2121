import { z } from 'zod';
import { parseTypes } from '../events/filter';
import { symbolFromParam } from '../markets/symbols';
import { pageQuery } from './common';

/** `types`: comma-separated event types (`fill`) or prefixes (`order.*`). */
const typesParam = z
  .string()
  .max(2_000)
  .transform((value, ctx) => {
    const parsed = parseTypes(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be comma-separated event types (fill) or prefixes ending in .* (order.*)',
      });
      return z.NEVER;
    }
    return parsed;
  });

/** `symbols`: comma-separated markets, `BTC/USDT` or `BTC-USDT`. */
const symbolsParam = z
  .string()
  .max(2_000)
  .transform((value, ctx) => {
    const symbols: string[] = [];
    for (const item of value.split(',')) {
      const symbol = symbolFromParam(item.trim());
      if (!symbol) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be comma-separated markets as BASE/QUOTE (BTC/USDT) or BASE-QUOTE',
        });
        return z.NEVER;
      }
      symbols.push(symbol);
    }
    return symbols;
  });

/** An event id: its sequence number, in digits. */
export const eventId = z
  .string()
  .regex(/^[0-9]{1,15}$/, 'must be an event id (digits)')
  .transform(Number);

export const eventStreamQuery = z.strictObject({
  types: typesParam.optional(),
  symbols: symbolsParam.optional(),
  lastEventId: eventId.optional(),
  heartbeatSeconds: z.coerce.number().int().min(1).max(300).default(15),
});

export const eventHistoryQuery = z.strictObject({
  after: eventId.optional(),
  types: typesParam.optional(),
  symbols: symbolsParam.optional(),
  limit: pageQuery.limit,
});
