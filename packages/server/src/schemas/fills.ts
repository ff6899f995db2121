import { z } from 'zod';
import { pageQuery } from './common';
import { querySymbol, queryTime } from './trading';

export const fillListQuery = z.strictObject({
  ...pageQuery,
  symbol: querySymbol.optional(),
  orderId: z.string().min(1).max(100).optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
});
