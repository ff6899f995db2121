import {
  type Candle,
  computeIndicator,
  type IndicatorSpec,
  indicatorWarmup,
  MAX_CANDLE_LIMIT,
  type Market,
  type Timeframe,
} from '@sigmax/engine';
import type { components } from '../generated/openapi';
import { ApiError } from '../problem';
import { formatTime } from './format';

type Schemas = components['schemas'];

/**
 * How many candles to read for `limit` values of every spec: `limit` plus the longest warm-up, at most
 * what a feed gives in one call ({@link MAX_CANDLE_LIMIT}).
 */
export function indicatorCandleCount(specs: readonly IndicatorSpec[], limit: number): number {
  const warmup = Math.max(0, ...specs.map((spec) => indicatorWarmup(spec)));
  return Math.min(limit + warmup, MAX_CANDLE_LIMIT);
}

/**
 * Each spec computed over `candles` (oldest first), as the API returns them: the open times of the last
 * `limit` candles and every output aligned with them, `null` inside the warm-up (JSON has no NaN).
 *
 * @throws ApiError 422 `insufficient_history` when a spec has no value at all over `candles`, naming
 *   how many candles it needs (`required`) and how many there are (`available`).
 */
export function indicatorSeriesBody(
  market: Market,
  timeframe: Timeframe,
  candles: readonly Candle[],
  specs: readonly IndicatorSpec[],
  limit: number,
  until?: number,
): Schemas['IndicatorSeriesList'] {
  const short = specs
    .map((spec) => ({ spec, required: indicatorWarmup(spec) + 1 }))
    .filter(({ required }) => required > candles.length);
  if (short.length > 0) {
    const required = Math.max(...short.map((s) => s.required));
    const needs = short.map((s) => `${s.spec.name} needs ${s.required}`).join(', ');
    const window = until === undefined ? '' : ` before ${formatTime(until)}`;
    const have =
      required > MAX_CANDLE_LIMIT
        ? `at most ${MAX_CANDLE_LIMIT} candles are read per request`
        : `${market.symbol} has ${candles.length} ${timeframe} candles${window}`;
    throw new ApiError(
      422,
      'insufficient_history',
      `Not enough candles for a single value: ${needs}; ${have}.`,
      { required, available: candles.length },
    );
  }
  const from = Math.max(0, candles.length - limit);
  return {
    symbol: market.symbol,
    timeframe,
    time: candles.slice(from).map((candle) => formatTime(candle.time)),
    series: specs.map((spec) => {
      const series = computeIndicator(spec, candles);
      const outputs: Record<string, (number | null)[]> = {};
      for (const [name, values] of Object.entries(series.outputs)) {
        outputs[name] = Array.from(values.subarray(from), (v) => (Number.isFinite(v) ? v : null));
      }
      return {
        name: series.name,
        indicator: series.indicator,
        params: series.params,
        warmup: series.warmup,
        outputs,
      };
    }),
  };
}
