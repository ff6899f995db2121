import { Decimal } from '../../decimal';
import type { Candle } from '../../market/types';
import { serialEvaluator } from '../parallel/evaluate';
import { ParameterPool } from '../parallel/pool';
import { monteCarloTrades } from '../robustness/monte-carlo';
import type { BatchEvaluator } from '../robustness/search/evaluation';
import { objective as objectiveOf } from '../robustness/search/objectives';
import { searchParameters } from '../robustness/search/search';
import { expandSpace, type SearchSpace, strategySpace } from '../robustness/search/space';
import { walkForward } from '../robustness/walk-forward';
import { runBacktest } from '../run-backtest';
import type { BacktestConfig, BacktestMetrics, BacktestResult, Strategy, StrategyContext } from '../types';
import { assertJob, heldParams, jobStrategy } from './check';
import { type JobReport, money, reportMetrics, reportRun, reportSeries, reportTrades } from './report';
import type { JobSearch, JobSettings, JobSpec } from './spec';

/** Options of {@link runJob}. */
export interface RunJobOptions {
  /** Called with the share of the work done (0..1), at most every `progressEvery` of it. */
  onProgress?: (fraction: number) => void;
  /** Worker threads of a search or walk-forward (1: on this thread). @default 1 */
  threads?: number;
  /** Node flags of those threads (see `ParameterPool`). */
  execArgv?: readonly string[];
}

/** The engine's backtest configuration of a job's settings. */
export function jobConfig(spec: Pick<JobSpec, 'symbol' | 'settings'>): BacktestConfig {
  const s: JobSettings = spec.settings;
  const config: BacktestConfig = { symbol: spec.symbol };
  if (s.initialCash !== undefined) config.initialCash = s.initialCash;
  if (s.paper !== undefined) config.paper = s.paper;
  if (s.fill !== undefined) config.fill = s.fill;
  if (s.intrabarSlippage !== undefined) config.intrabarSlippage = s.intrabarSlippage;
  if (s.sizing !== undefined) config.sizing = s.sizing;
  if (s.lotSize !== undefined) config.lotSize = s.lotSize;
  if (s.allowShort !== undefined) config.allowShort = s.allowShort;
  if (s.onOpposite !== undefined) config.onOpposite = s.onOpposite;
  if (s.atEnd !== undefined) config.atEnd = s.atEnd;
  if (s.safety !== undefined) config.safety = s.safety;
  return config;
}

/** A strategy that reports how far through the candles a run is, every `every` candles. */
function counted(strategy: Strategy, total: number, report: (fraction: number) => void): Strategy {
  const every = Math.max(1, Math.floor(total / 100));
  return {
    name: strategy.name,
    params: strategy.params,
    onCandle(ctx: StrategyContext) {
      if (ctx.index % every === 0) report(ctx.index / total);
      return strategy.onCandle(ctx);
    },
  };
}

/** An evaluator that evaluates a batch in chunks and reports each chunk done. */
function chunked(
  evaluate: BatchEvaluator<BacktestMetrics>,
  chunk: number,
  onDone: (points: number) => void,
): BatchEvaluator<BacktestMetrics> {
  return async (points) => {
    const out: BacktestMetrics[] = [];
    for (let from = 0; from < points.length; from += chunk) {
      const part = points.slice(from, from + chunk);
      out.push(...(await evaluate(part)));
      onDone(part.length);
    }
    return out;
  };
}

/** How many points a search will evaluate (an upper bound for random and genetic). */
function plannedEvaluations(search: JobSearch, space: SearchSpace): number {
  const method = search.method ?? { kind: 'grid' };
  const size = expandSpace(space).size;
  if (method.kind === 'random') return Math.min(size, method.samples ?? 100);
  if (method.kind === 'genetic') {
    return Math.min(size, (method.populationSize ?? 24) * ((method.generations ?? 15) + 1));
  }
  return size;
}

/**
 * Runs a backtest job on `candles` (see {@link JobSpec}):
 * - `run`: one backtest;
 * - `search`: a parameter search, then the best parameters run on the whole series;
 * - `walk-forward`: a walk-forward analysis; the report's run is the chained out-of-sample result;
 * - `monte-carlo`: one backtest, then its trades resampled.
 *
 * The report is plain data (decimals as strings, times in ms), ready to store or post between threads.
 *
 * @throws BacktestConfigError when {@link checkJob} finds a problem.
 */
export async function runJob(
  spec: JobSpec,
  candles: readonly Candle[],
  options: RunJobOptions = {},
): Promise<JobReport> {
  assertJob(spec, candles.length);
  const definition = jobStrategy(spec.strategy.name);
  if (!definition) throw new Error('unreachable: checked by assertJob');
  const config = jobConfig(spec);
  const report = options.onProgress ?? (() => {});
  const params = spec.strategy.params ?? {};
  const single = (weight: number, offset: number): BacktestResult =>
    runBacktest({
      ...config,
      candles,
      strategy: counted(definition.create(params), candles.length, (f) => report(offset + f * weight)),
    });

  if (spec.kind === 'run') {
    const result = single(1, 0);
    report(1);
    return { run: reportRun(result), series: reportSeries(candles, result.equity, result.drawdown) };
  }
  if (spec.kind === 'monte-carlo') {
    const result = single(0.5, 0);
    const mc: NonNullable<JobSpec['monteCarlo']> = spec.monteCarlo ?? {};
    const monteCarlo = monteCarloTrades(
      result.trades.filter((t) => !t.open),
      {
        method: mc.method ?? 'bootstrap',
        initialEquity: result.initialCash.toNumber(),
        ...(mc.runs !== undefined ? { runs: mc.runs } : {}),
        ...(mc.seed !== undefined ? { seed: mc.seed } : {}),
        ...(mc.ruinThreshold !== undefined ? { ruinThreshold: mc.ruinThreshold } : {}),
      },
    );
    report(1);
    return {
      run: reportRun(result),
      monteCarlo,
      series: reportSeries(candles, result.equity, result.drawdown),
    };
  }

  const search = spec.search as JobSearch;
  const fixed = heldParams(definition, params, search.ranges);
  const space = strategySpace(definition, { ranges: search.ranges, fixed });
  const score = objectiveOf(search.objective);
  const threads = options.threads ?? 1;
  const pool =
    threads > 1
      ? await ParameterPool.start({
          candles,
          strategy: { template: definition.name },
          config,
          threads,
          ...(options.execArgv ? { execArgv: options.execArgv } : {}),
        })
      : undefined;
  try {
    if (spec.kind === 'search') {
      const planned = plannedEvaluations(search, space);
      let done = 0;
      const evaluator = chunked(
        pool ? pool.evaluator() : serialEvaluator(definition, candles, config),
        Math.max(32, threads * 16),
        (n) => {
          done += n;
          report(Math.min(0.9, (0.9 * done) / planned));
        },
      );
      const found = await searchParameters(space, evaluator, score, search.method);
      const result = runBacktest({ ...config, candles, strategy: definition.create(found.best.params) });
      const top = [...found.evaluations]
        .sort((a, b) => b.score - a.score)
        .slice(0, search.top ?? 20)
        .map((p) => ({ params: p.params, score: finite(p.score), metrics: reportMetrics(p.metrics) }));
      report(1);
      return {
        run: reportRun(result),
        search: {
          method: found.method,
          objective: search.objective.kind,
          evaluated: found.evaluations.length,
          best: {
            params: found.best.params,
            score: finite(found.best.score),
            metrics: reportMetrics(found.best.metrics),
          },
          top,
        },
        series: reportSeries(candles, result.equity, result.drawdown),
      };
    }

    const wf = await walkForward(candles, {
      ...(spec.walkForward as NonNullable<JobSpec['walkForward']>),
      strategy: definition,
      space,
      objective: score,
      ...(search.method ? { method: search.method } : {}),
      config,
      ...(pool ? { pool } : {}),
      onProgress: (done, total) => report(done / total),
    });
    const last = wf.windows.at(-1);
    const finalEquity = wf.equity.length > 0 ? (wf.equity[wf.equity.length - 1] as number) : 0;
    const drawdown = new Float64Array(wf.equity.length);
    let peak = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < wf.equity.length; i++) {
      const e = wf.equity[i] as number;
      if (e > peak) peak = e;
      drawdown[i] = peak > 0 ? e / peak - 1 : 0;
    }
    const fees = wf.trades.reduce((sum, t) => sum.add(t.fees), Decimal.ZERO);
    report(1);
    return {
      run: {
        params: last ? last.params : {},
        metrics: reportMetrics(wf.metrics),
        trades: reportTrades(wf.trades),
        finalCash: null,
        finalPosition: null,
        finalEquity: money(finalEquity),
        feesPaid: fees.toString(),
        outOfMoney: false,
      },
      walkForward: {
        windows: wf.windows.map((w) => ({
          index: w.index,
          trainFrom: w.trainFrom,
          trainTo: w.trainTo,
          testFrom: w.testFrom,
          testTo: w.testTo,
          params: w.params,
          score: finite(w.score),
          evaluated: w.evaluated,
          inSample: reportMetrics(w.inSample),
          outOfSample: reportMetrics(w.outOfSample),
        })),
      },
      series: reportSeriesOf(wf.times, wf.equity, drawdown),
    };
  } finally {
    await pool?.close();
  }
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function reportSeriesOf(times: Float64Array, equity: Float64Array, drawdown: Float64Array) {
  return {
    times: Array.from(times),
    equity: Array.from(equity, money),
    drawdown: Array.from(drawdown),
  };
}
