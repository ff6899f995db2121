import { z } from 'zod';
import { symbolFromParam } from '../markets/symbols';

/** A decimal string on the wire (`"0.5"`, `"65000"`): never a JSON number. */
export const decimalString = z
  .string()
  .max(40)
  .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string such as "0.5"');

/** A date-time in a query string (ISO 8601). */
export const queryTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date-time')
  .transform((value) => new Date(value));

/** A market in a query string: `BTC/USDT` or `BTC-USDT`. */
export const querySymbol = z.string().transform((value, ctx) => {
  const symbol = symbolFromParam(value);
  if (!symbol) {
    ctx.addIssue({ code: 'custom', message: 'must name a market as BASE/QUOTE (BTC/USDT) or BASE-QUOTE' });
    return z.NEVER;
  }
  return symbol;
});
