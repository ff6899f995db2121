import { TIMEFRAMES } from '@sigmax/engine';
import { z } from 'zod';
import type { components } from '../generated/openapi';
import { pageQuery } from './common';
import { decimalString, querySymbol, queryTime } from './trading';

type Schemas = components['schemas'];

export const decisionActionSchema = z.enum(['buy', 'sell', 'hold']) satisfies z.ZodType<
  Schemas['DecisionAction']
>;

/** Quote capital to size for: a positive decimal string. */
const capital = decimalString.refine((value) => /[1-9]/.test(value), 'must be more than 0');

export const analysisCreateSchema = z.strictObject({
  symbol: z.string().min(1).max(41),
  timeframes: z
    .array(z.enum(TIMEFRAMES))
    .min(1)
    .max(4)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a timeframe')
    .optional(),
  debateRounds: z.number().int().min(1).max(5).default(2),
  capital: capital.optional(),
}) satisfies z.ZodType<Schemas['AnalysisCreate']>;

export const analysisListQuery = z.strictObject({
  ...pageQuery,
  symbol: querySymbol.optional(),
  action: decisionActionSchema.optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
});

export const debateListQuery = z.strictObject({
  ...pageQuery,
  symbol: querySymbol.optional(),
});
