import { TIMEFRAMES } from '@sigmax/engine';
import { z } from 'zod';
import type { components } from '../generated/openapi';
import { symbolFromParam } from '../markets/symbols';
import { pageQuery } from './common';
import { safetyConfigSchema } from './control';
import { decimalString } from './trading';

type Schemas = components['schemas'];

const symbol = z
  .string()
  .max(41)
  .transform((value, ctx) => {
    const unified = symbolFromParam(value);
    if (!unified) {
      ctx.addIssue({ code: 'custom', message: 'must name a market as BASE/QUOTE (BTC/USDT)' });
      return z.NEVER;
    }
    return unified;
  });
const paramValue = z.union([z.number().finite(), z.string().max(100)]);
const params = z.record(z.string().max(100), paramValue);
const time = z.iso.datetime({ offset: true });
const bps = z.number().min(0).max(1000);
const seed = z.union([z.number().int(), z.string().min(1).max(100)]);

export const backtestKindSchema = z.enum([
  'run',
  'search',
  'walk-forward',
  'monte-carlo',
]) satisfies z.ZodType<Schemas['BacktestKind']>;
export const backtestStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]) satisfies z.ZodType<Schemas['BacktestStatus']>;

const dataSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('market'),
    symbol,
    timeframe: z.enum(TIMEFRAMES).optional(),
    from: time.optional(),
    to: time.optional(),
  }),
  z.strictObject({
    source: z.literal('inline'),
    symbol,
    // Each row is checked by the candle parser, which names the row and the column of every problem.
    candles: z.array(z.unknown()).min(2),
  }),
  z.strictObject({ source: z.literal('upload'), symbol }),
]);

const sizingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all-in') }),
  z.strictObject({ kind: z.literal('units'), units: decimalString }),
  z.strictObject({ kind: z.literal('fraction'), fraction: z.number().gt(0).max(1) }),
  z
    .strictObject({
      kind: z.literal('risk'),
      method: z.enum(['volatility-target', 'half-kelly']),
      targetVolatility: z.number().gt(0).optional(),
      lookback: z.number().int().min(2).optional(),
      maxFraction: z.number().gt(0).max(1).optional(),
      minTrades: z.number().int().min(1).optional(),
      startFraction: z.number().min(0).max(1).optional(),
    })
    .refine((s) => s.method !== 'volatility-target' || s.targetVolatility !== undefined, {
      path: ['targetVolatility'],
      message: 'volatility-target sizing needs targetVolatility',
    }),
]);

export const backtestSettingsSchema = z.strictObject({
  initialCash: decimalString.optional(),
  makerFeeBps: bps.optional(),
  takerFeeBps: bps.optional(),
  slippageBps: bps.optional(),
  fill: z.enum(['next-open', 'close', 'intrabar']).optional(),
  intrabarSlippage: z.number().min(0).max(1).optional(),
  sizing: sizingSchema.optional(),
  lotSize: decimalString.optional(),
  allowShort: z.boolean().optional(),
  onOpposite: z.enum(['reverse', 'close']).optional(),
  atEnd: z.enum(['close', 'mark', 'close-at-last-open']).optional(),
  safety: z
    .strictObject({ config: safetyConfigSchema.optional(), resumeAfterMinutes: z.number().gt(0).optional() })
    .optional(),
}) satisfies z.ZodType<Schemas['BacktestSettings']>;

const rangeSchema = z.strictObject({
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  step: z.number().finite().gt(0).optional(),
  choices: z.array(paramValue).min(1).optional(),
}) satisfies z.ZodType<Schemas['ParamRange']>;

const searchSchema = z.strictObject({
  ranges: z.record(z.string().max(100), rangeSchema).optional(),
  objective: z.enum(['sharpe', 'calmar', 'totalReturn', 'returnWithDrawdownCap']).optional(),
  maxDrawdown: z.number().gt(0).max(1).optional(),
  method: z.enum(['grid', 'random', 'genetic']).optional(),
  samples: z.number().int().min(1).max(100_000).optional(),
  populationSize: z.number().int().min(2).max(1000).optional(),
  generations: z.number().int().min(1).max(1000).optional(),
  seed: seed.optional(),
  top: z.number().int().min(1).max(1000).optional(),
}) satisfies z.ZodType<Schemas['SearchSettings']>;

const walkForwardSchema = z.strictObject({
  train: z.number().int().min(1),
  test: z.number().int().min(1),
  mode: z.enum(['rolling', 'anchored']).optional(),
  warmup: z.number().int().min(0).optional(),
}) satisfies z.ZodType<Schemas['WalkForwardSettings']>;

const monteCarloSchema = z.strictObject({
  method: z.enum(['bootstrap', 'shuffle']).optional(),
  runs: z.number().int().min(1).max(100_000).optional(),
  seed: seed.optional(),
  ruinThreshold: z.number().gt(0).max(1).optional(),
}) satisfies z.ZodType<Schemas['MonteCarloSettings']>;

export const backtestCreateSchema = z
  .strictObject({
    kind: backtestKindSchema.default('run'),
    strategy: z.strictObject({ name: z.string().min(1).max(100), params: params.optional() }),
    data: dataSchema,
    settings: backtestSettingsSchema.default({}),
    search: searchSchema.optional(),
    walkForward: walkForwardSchema.optional(),
    monteCarlo: monteCarloSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.search?.objective === 'returnWithDrawdownCap' && body.search.maxDrawdown === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['search', 'maxDrawdown'],
        message: 'the returnWithDrawdownCap objective needs maxDrawdown',
      });
    }
    if (body.kind === 'walk-forward' && !body.walkForward) {
      ctx.addIssue({
        code: 'custom',
        path: ['walkForward'],
        message: 'a walk-forward job needs train and test sizes',
      });
    }
    const { from, to } = body.data.source === 'market' ? body.data : {};
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      ctx.addIssue({ code: 'custom', path: ['data', 'to'], message: 'must be after data.from' });
    }
  });

export type BacktestCreate = z.output<typeof backtestCreateSchema>;

export const backtestListQuery = z.strictObject({
  ...pageQuery,
  status: backtestStatusSchema.optional(),
  kind: backtestKindSchema.optional(),
});

export const backtestEquityQuery = z.strictObject({
  maxPoints: z.coerce.number().int().min(2).max(100_000).optional(),
});
