import type { Candle } from '../../market/types';
import type { BatchEvaluator } from '../robustness/search/evaluation';
import type { ParamSet } from '../robustness/search/space';
import { runBacktest } from '../run-backtest';
import type { BacktestConfig, BacktestMetrics, StrategyDefinition } from '../types';

/**
 * Which candles an evaluation runs on: indices `[start, end)` of the series. Candles before
 * `tradeFrom` (an index, default `start`) only warm the strategy up: it trades, and the metrics are
 * measured, from `tradeFrom` on.
 */
export interface EvaluationRange {
  start: number;
  end: number;
  tradeFrom?: number;
}

/**
 * Backtests one parameter set of `definition` on `range` of `candles` (a fresh strategy instance)
 * and returns its metrics. What the serial evaluator and every worker thread run.
 *
 * @throws RangeError for a range outside the candles; BacktestConfigError for parameters out of
 * their declared ranges or refused by the strategy's check.
 */
export function evaluateParams(
  definition: StrategyDefinition,
  candles: readonly Candle[],
  config: BacktestConfig,
  params: Readonly<ParamSet>,
  range: EvaluationRange = { start: 0, end: candles.length },
): BacktestMetrics {
  const tradeFrom = range.tradeFrom ?? range.start;
  if (
    !(Number.isInteger(range.start) && Number.isInteger(range.end) && Number.isInteger(tradeFrom)) ||
    range.start < 0 ||
    range.end > candles.length ||
    !(range.start <= tradeFrom && tradeFrom < range.end)
  ) {
    throw new RangeError(
      `bad evaluation range [${range.start}, ${range.end}) from ${tradeFrom} over ${candles.length} candles`,
    );
  }
  const slice =
    range.start === 0 && range.end === candles.length ? candles : candles.slice(range.start, range.end);
  return runBacktest({
    ...config,
    ...(tradeFrom > range.start ? { tradeFrom: (candles[tradeFrom] as Candle).time } : {}),
    candles: slice,
    strategy: definition.create(params),
  }).metrics;
}

/**
 * The single-threaded {@link BatchEvaluator}: backtests each point in turn on `range` of `candles`.
 * The default of every search; {@link ParameterPool.evaluator} is the multi-threaded one.
 */
export function serialEvaluator(
  definition: StrategyDefinition,
  candles: readonly Candle[],
  config: BacktestConfig = {},
  range?: EvaluationRange,
): BatchEvaluator<BacktestMetrics> {
  return (points) => points.map((params) => evaluateParams(definition, candles, config, params, range));
}
