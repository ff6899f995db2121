import { Decimal } from '../../decimal';
import type { Candle } from '../../market/types';
import { computeMetrics } from '../metrics';
import { type EvaluationRange, serialEvaluator } from '../parallel/evaluate';
import type { ParameterPool } from '../parallel/pool';
import { runBacktest } from '../run-backtest';
import type { BacktestConfig, BacktestMetrics, StrategyDefinition, Trade } from '../types';
import type { BatchEvaluator, ScoredPoint } from './search/evaluation';
import { type Objective, type ObjectiveSpec, objective as objectiveOf } from './search/objectives';
import { type SearchMethod, searchParameters } from './search/search';
import type { ParamSet, SearchSpace } from './search/space';

/**
 * How train windows move:
 * - `'rolling'`: a fixed-length train window that slides forward by one test window each time;
 * - `'anchored'`: every train window starts at the first candle and grows by one test window.
 */
export type WalkForwardMode = 'rolling' | 'anchored';

/** Window sizes of a walk-forward analysis, in candles. */
export interface WalkForwardWindowOptions {
  /** Candles of a train window (the first one, in `'anchored'` mode). */
  train: number;
  /** Candles of a test window. */
  test: number;
  /** @default 'rolling' */
  mode?: WalkForwardMode;
  /**
   * Candles before each test window that warm the strategy up for it (its indicators), without
   * trading. They come from before the test window, so they are never test data. Clamped to the
   * candles available. @default train
   */
  warmup?: number;
}

/** One train/test split, as candle indices: train `[trainStart, trainEnd)`, test `[testStart, testEnd)`. */
export interface WalkForwardWindow {
  index: number;
  trainStart: number;
  trainEnd: number;
  /** First candle the out-of-sample run reads (warm-up); `≤ testStart`. */
  warmupStart: number;
  testStart: number;
  testEnd: number;
}

/**
 * The windows of a walk-forward over `candleCount` candles: test windows of `test` candles, back to
 * back from the end of the first train window, never overlapping; each train window ends where its
 * test window begins. Only whole test windows are made (a shorter tail is left out).
 *
 * @throws RangeError when a size is not a positive whole number or there is no room for one window.
 */
export function walkForwardWindows(
  candleCount: number,
  options: WalkForwardWindowOptions,
): WalkForwardWindow[] {
  const { train, test } = options;
  const mode = options.mode ?? 'rolling';
  const warmup = options.warmup ?? train;
  for (const [name, value] of [
    ['train', train],
    ['test', test],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  }
  if (!Number.isInteger(warmup) || warmup < 0) {
    throw new RangeError(`warmup must be a whole number >= 0, got ${warmup}`);
  }
  if (mode !== 'rolling' && mode !== 'anchored') throw new RangeError(`unknown mode ${String(mode)}`);
  if (train + test > candleCount) {
    throw new RangeError(
      `${candleCount} candles are too few for a train window of ${train} and a test window of ${test}`,
    );
  }
  const windows: WalkForwardWindow[] = [];
  for (let testStart = train; testStart + test <= candleCount; testStart += test) {
    windows.push({
      index: windows.length,
      trainStart: mode === 'rolling' ? testStart - train : 0,
      trainEnd: testStart,
      warmupStart: Math.max(0, testStart - warmup),
      testStart,
      testEnd: testStart + test,
    });
  }
  return windows;
}

/** Options of {@link walkForward}. */
export interface WalkForwardOptions extends WalkForwardWindowOptions {
  strategy: StrategyDefinition;
  /** The parameters to optimise on each train window (see `strategySpace`). */
  space: SearchSpace;
  /** What the search maximises on each train window. */
  objective: ObjectiveSpec | Objective;
  /** @default { kind: 'grid' } */
  method?: SearchMethod;
  /** The backtest configuration of every run (train and test). */
  config?: BacktestConfig;
  /**
   * Evaluates the train searches on worker threads. It must have been started on the same candles
   * and strategy. @default serial, on this thread
   */
  pool?: ParameterPool;
  /** Called after each window with the windows done and their total. */
  onProgress?: (done: number, total: number) => void;
}

/** One window of a walk-forward: the parameters chosen in sample and how they did out of sample. */
export interface WalkForwardWindowResult extends WalkForwardWindow {
  /** Open times of the first and last candle of the train and test windows (ms UTC). */
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  /** The best parameters on the train window. */
  params: ParamSet;
  /** Their objective score on the train window. */
  score: number;
  /** Parameter sets the search evaluated on the train window. */
  evaluated: number;
  inSample: BacktestMetrics;
  outOfSample: BacktestMetrics;
}

/** What {@link walkForward} returns. */
export interface WalkForwardResult {
  windows: WalkForwardWindowResult[];
  /**
   * The out-of-sample equity chained: each test window's equity curve, rescaled to start where the
   * previous one ended, one value per test candle.
   */
  equity: Float64Array;
  /** Open time of each candle of {@link equity}. */
  times: Float64Array;
  /** The chained out-of-sample trades, their P&L, fees and quantities rescaled like the equity. */
  trades: Trade[];
  /** Metrics of the chained out-of-sample equity and trades. */
  metrics: BacktestMetrics;
}

/**
 * Walk-forward analysis: on each train window, search the parameters that maximise `objective`; run
 * them on the following test window (warmed up on the candles just before it, trading only inside
 * it); chain the out-of-sample equity curves and measure them. Parameter choice reads train candles
 * only, so the out-of-sample figures carry no look-ahead.
 *
 * @throws RangeError for window sizes that do not fit the candles; SearchSpaceError for an empty space.
 * @example
 * const wf = await walkForward(candles, {
 *   strategy: smaCrossover, space: strategySpace(smaCrossover, { ranges }),
 *   objective: { kind: 'sharpe' }, train: 1000, test: 250,
 * });
 */
export async function walkForward(
  candles: readonly Candle[],
  options: WalkForwardOptions,
): Promise<WalkForwardResult> {
  const windows = walkForwardWindows(candles.length, options);
  const score = typeof options.objective === 'function' ? options.objective : objectiveOf(options.objective);
  const config = options.config ?? {};
  const { pool, strategy } = options;
  const evaluatorFor = (range: EvaluationRange): BatchEvaluator<BacktestMetrics> =>
    pool ? pool.evaluator(range) : serialEvaluator(strategy, candles, config, range);

  const results: WalkForwardWindowResult[] = [];
  const equity = new Float64Array(windows.length * options.test);
  const times = new Float64Array(windows.length * options.test);
  const trades: Trade[] = [];
  let startEquity = Number.NaN;
  let chained = Number.NaN;
  let barsInMarket = 0;
  let feesPaid = 0;
  let periodsPerYear = Number.NaN;
  let at = 0;
  for (const window of windows) {
    const search = await searchParameters(
      options.space,
      evaluatorFor({ start: window.trainStart, end: window.trainEnd }),
      score,
      options.method,
    );
    const best = search.best as ScoredPoint<BacktestMetrics>;
    const run = runBacktest({
      ...config,
      ...(window.warmupStart < window.testStart
        ? { tradeFrom: (candles[window.testStart] as Candle).time }
        : {}),
      candles: candles.slice(window.warmupStart, window.testEnd),
      strategy: strategy.create(best.params),
    });
    const initial = run.initialCash.toNumber();
    if (Number.isNaN(chained)) {
      startEquity = initial;
      chained = initial;
      periodsPerYear = run.metrics.periodsPerYear;
    }
    // Nothing trades during the warm-up, so each test window starts from the initial cash.
    const factor = chained / initial;
    const offset = window.testStart - window.warmupStart;
    for (let i = offset; i < run.equity.length; i++, at++) {
      equity[at] = (run.equity[i] as number) * factor;
      times[at] = (candles[window.warmupStart + i] as Candle).time;
    }
    chained = equity[at - 1] as number;
    const scale = Decimal.fromNumber(factor);
    for (const trade of run.trades) {
      trades.push({
        ...trade,
        quantity: trade.quantity.mul(scale),
        fees: trade.fees.mul(scale),
        pnl: trade.pnl.mul(scale),
        entryIndex: trade.entryIndex + window.warmupStart,
        exitIndex: trade.exitIndex + window.warmupStart,
      });
    }
    barsInMarket += Math.round(run.metrics.exposure * run.metrics.bars);
    feesPaid += run.metrics.feesPaid * factor;
    results.push({
      ...window,
      trainFrom: (candles[window.trainStart] as Candle).time,
      trainTo: (candles[window.trainEnd - 1] as Candle).time,
      testFrom: (candles[window.testStart] as Candle).time,
      testTo: (candles[window.testEnd - 1] as Candle).time,
      params: best.params,
      score: best.score,
      evaluated: search.evaluations.length,
      inSample: best.metrics,
      outOfSample: run.metrics,
    });
    options.onProgress?.(results.length, windows.length);
  }
  const metrics = computeMetrics({
    startEquity,
    equity,
    times,
    trades,
    barsInMarket,
    feesPaid,
    periodsPerYear,
  });
  return { windows: results, equity, times, trades, metrics };
}
