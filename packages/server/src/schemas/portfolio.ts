import { z } from 'zod';
import { pageQuery } from './common';
import { queryTime } from './trading';

export const equityHistoryQuery = z.strictObject({
  ...pageQuery,
  since: queryTime.optional(),
  until: queryTime.optional(),
});
