import { z } from 'zod';
import type { components } from '../generated/openapi';

/** Every timeframe the API names; a market serves some of them (its `timeframes`). */
export const timeframeSchema = z.enum(['1m', '5m', '15m', '30m', '1h', '4h', '1d']) satisfies z.ZodType<
  components['schemas']['Timeframe']
>;

/** An RFC 3339 date-time with `Z` or an offset (`2024-01-01T00:00:00Z`), as milliseconds since the epoch. */
export const queryDateTime = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2024-01-01T00:00:00Z' })
  .transform((value) => Date.parse(value));

/** `GET /v1/markets/{symbol}/candles`. */
export const candleListQuery = z
  .strictObject({
    timeframe: timeframeSchema,
    since: queryDateTime.optional(),
    until: queryDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .superRefine((query, ctx) => {
    if (query.since !== undefined && query.until !== undefined && query.since >= query.until) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be later than since' });
    }
  });

/** `GET /v1/markets/{symbol}/orderbook`. */
export const orderBookQuery = z.strictObject({
  depth: z.coerce.number().int().min(1).max(100).default(20),
});
