import { type IndicatorSpec, IndicatorSpecError, parseIndicatorSpec } from '@sigmax/engine';
import { z } from 'zod';
import { queryDateTime, timeframeSchema } from './markets';

/** Most distinct indicators one request may name. */
export const MAX_INDICATORS = 10;

/** Longest `names` accepted: ten long specs with room to spare. */
const MAX_NAMES_LENGTH = 500;

/**
 * `names`: comma-separated specs such as `rsi:14,macd:12:26:9,bbands:20:2`, each parsed by the engine's
 * registry (defaults filled in, names case-insensitive). Entries that normalise to the same spec
 * (`rsi`, `RSI:14`) are computed once, in the order first named. Every bad entry gets its own issue,
 * quoting it.
 */
const indicatorNames = z
  .string()
  .max(MAX_NAMES_LENGTH, `must be at most ${MAX_NAMES_LENGTH} characters`)
  .transform((text, ctx): IndicatorSpec[] => {
    const specs = new Map<string, IndicatorSpec>();
    let bad = false;
    let empty = false;
    for (const entry of text.split(',')) {
      if (entry.trim() === '') {
        if (empty) continue;
        empty = true;
        ctx.addIssue({
          code: 'custom',
          message:
            'must be a comma-separated list of indicators such as rsi:14,macd:12:26:9 (an entry is empty)',
        });
        bad = true;
        continue;
      }
      try {
        const spec = parseIndicatorSpec(entry);
        if (!specs.has(spec.name)) specs.set(spec.name, spec);
      } catch (error) {
        if (!(error instanceof IndicatorSpecError)) throw error;
        ctx.addIssue({ code: 'custom', message: `'${entry.trim()}': ${error.message}` });
        bad = true;
      }
    }
    if (bad) return z.NEVER;
    if (specs.size > MAX_INDICATORS) {
      ctx.addIssue({
        code: 'custom',
        message: `names ${specs.size} different indicators; at most ${MAX_INDICATORS} per request`,
      });
      return z.NEVER;
    }
    return [...specs.values()];
  });

/** `GET /v1/markets/{symbol}/indicators`. */
export const indicatorQuery = z.strictObject({
  timeframe: timeframeSchema,
  names: indicatorNames,
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  until: queryDateTime.optional(),
});
