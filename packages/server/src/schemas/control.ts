import { TIMEFRAMES } from '@sigmax/engine';
import { z } from 'zod';
import type { components } from '../generated/openapi';
import { pageQuery } from './common';
import { decimalString as decimal, querySymbol } from './trading';

type Schemas = components['schemas'];

const symbol = z.string().max(41).pipe(querySymbol);

export const proposalCreateSchema = z
  .strictObject({
    analysisId: z.string().min(1).max(100).optional(),
    symbol: symbol.optional(),
    ttlSeconds: z.number().int().min(10).max(86_400).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.analysisId === undefined) === (body.symbol === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['analysisId'],
        message: 'give exactly one of analysisId and symbol',
      });
    }
  });

export const proposalDecisionSchema = z.strictObject({
  reason: z.string().max(500).optional(),
}) satisfies z.ZodType<Schemas['ProposalDecision']>;

export const proposalListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['pending', 'approved', 'rejected', 'executed', 'expired', 'failed']).optional(),
  symbol: querySymbol.optional(),
});

export const pauseSchema = z.strictObject({
  reason: z.string().min(1).max(500),
  durationSeconds: z.number().int().min(1).max(31_536_000).optional(),
}) satisfies z.ZodType<Schemas['PauseRequest']>;

export const resumeSchema = z.strictObject({
  force: z.boolean().optional(),
  reason: z.string().max(500).optional(),
}) satisfies z.ZodType<Schemas['ResumeRequest']>;

export const panicSchema = z.strictObject({
  reason: z.string().max(500).optional(),
}) satisfies z.ZodType<Schemas['PanicRequest']>;

export const loopStartSchema = z.strictObject({
  symbols: z
    .array(symbol)
    .min(1)
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a symbol')
    .optional(),
  timeframe: z.enum(TIMEFRAMES).optional(),
});

const signedDecimal = z
  .string()
  .max(41)
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string');
const symbolLimits = z.strictObject({ maxPosition: decimal.optional(), maxNotional: decimal.optional() });
const trigger = z.strictObject({
  enabled: z.boolean().optional(),
  action: z.enum(['REDUCING', 'HALTED']).optional(),
  threshold: z.number().int().min(1).optional(),
  limit: decimal.optional(),
  maxBps: decimal.optional(),
  floor: z.number().min(-1).max(1).optional(),
});
const minutes = z.number().int().min(1);
const profile = z.strictObject({ maxPositionPercent: decimal.optional() });

/** The safety enforcer's configuration (triggers, protections, guard window). */
export const safetyConfigSchema = z.strictObject({
  triggers: z
    .strictObject({
      consecutiveLosses: trigger.optional(),
      dailyLoss: trigger.optional(),
      apiErrors: trigger.optional(),
      slippage: trigger.optional(),
      sentiment: trigger.optional(),
      privacyBreach: trigger.optional(),
    })
    .optional(),
  protections: z
    .strictObject({
      maxDrawdown: z
        .strictObject({
          enabled: z.boolean().optional(),
          limit: decimal.optional(),
          lookbackMinutes: minutes.optional(),
          lockMinutes: minutes.optional(),
        })
        .optional(),
      cooldown: z.strictObject({ enabled: z.boolean().optional(), minutes: minutes.optional() }).optional(),
      stopLossGuard: z
        .strictObject({
          enabled: z.boolean().optional(),
          count: minutes.optional(),
          windowMinutes: minutes.optional(),
          lockMinutes: minutes.optional(),
        })
        .optional(),
      lowProfit: z
        .strictObject({
          enabled: z.boolean().optional(),
          minProfit: signedDecimal.optional(),
          minTrades: minutes.optional(),
          lookbackMinutes: minutes.optional(),
          lockMinutes: minutes.optional(),
        })
        .optional(),
    })
    .optional(),
  guardMinutes: z.number().int().min(0).optional(),
});

export const safetyLimitsUpdateSchema = z
  .strictObject({
    risk: z
      .strictObject({
        symbols: z.record(z.string().max(41), symbolLimits).optional(),
        defaultSymbol: symbolLimits.optional(),
        maxGrossExposure: decimal.optional(),
        maxLeverage: decimal.optional(),
        dailyLossLimit: decimal.optional(),
        dailyLossFraction: decimal.optional(),
        priceBandBps: decimal.optional(),
        maxOrdersPerMinute: z.number().int().min(1).optional(),
        positionFraction: decimal.optional(),
      })
      .optional(),
    safety: safetyConfigSchema.optional(),
    compliance: z
      .strictObject({
        version: z.string().max(100).optional(),
        profile: z.enum(['conservative', 'balanced', 'aggressive']).optional(),
        allowList: z.array(z.string().max(41)).max(1000).optional(),
        denyList: z.array(z.string().max(41)).max(1000).optional(),
        profiles: z
          .strictObject({
            conservative: profile.optional(),
            balanced: profile.optional(),
            aggressive: profile.optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .refine(
    (body) => Object.keys(body).length > 0,
    'give at least one of risk, safety, compliance',
  ) satisfies z.ZodType<Schemas['SafetyLimitsUpdate']>;
