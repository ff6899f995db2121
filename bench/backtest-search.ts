/**
 * Parameter-search throughput of the backtester, single-threaded and on worker threads: a grid of
 * exactly 1,000 points of the SMA-crossover template (fast 1..40 × slow 50, 60, ... 290, crossing
 * rule `carry`; every point valid) on every 4h BTC/USD candle the server ships (Coinbase, ~20,700
 * bars), all in from 10,000 USD in lots of 0.0001 BTC, objective Sharpe.
 *
 * Each run evaluates the whole grid once serially (`serialEvaluator`, this thread) and once on a
 * `ParameterPool` with one worker per core (`os.availableParallelism()`); the pool's start-up
 * (workers loading the engine and receiving the candles) is timed separately and not counted in the
 * search time. The two result lists are compared point by point (`identical`), so the speed-up is
 * measured on the same work. Speed-up = serial time / parallel time, median of the runs. Backtests are
 * CPU-bound and independent, so it approaches the core count on an idle machine; on a shared machine
 * it is lower.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source backtest-search.ts`.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  gridPoints,
  gridSearch,
  objective,
  ParameterPool,
  serialEvaluator,
  smaCrossover,
  strategySpace,
} from '@sigmax/engine';
import { log, machineInfo, type Summary, shippedCandles, summarise } from './lib';

export interface BacktestSearchOptions {
  /** Measured runs (each: the grid serially, then on the pool). @default 1 */
  runs?: number;
  /** Worker threads of the pool. @default os.availableParallelism() */
  threads?: number;
}

export interface BacktestSearchResult {
  name: 'backtest-search';
  candles: number;
  gridPoints: number;
  threads: number;
  /** Seconds for the whole grid on one thread. */
  serialSeconds: Summary;
  /** Seconds for the whole grid on the pool (start-up excluded). */
  parallelSeconds: Summary;
  /** Seconds to start the pool (workers load the engine and the candles). */
  poolStartSeconds: Summary;
  /** Serial / parallel time, per run. */
  speedup: Summary;
  /** Backtests per second, serial and parallel (medians). */
  backtestsPerSecond: { serial: number; parallel: number };
  /** Whether the parallel results equal the serial ones, point by point, in every run. */
  identical: boolean;
  best: { params: Record<string, string | number>; sharpe: number | null; totalReturn: number };
  machine: ReturnType<typeof machineInfo>;
}

const FILE = 'coinbase-btc-usd-4h.csv.gz';
const CONFIG = { lotSize: '0.0001' };

/** Runs the benchmark: `runs` rounds of the grid serially and in parallel; returns their numbers. */
export async function run(options: BacktestSearchOptions = {}): Promise<BacktestSearchResult> {
  const runs = options.runs ?? 1;
  const threads = options.threads ?? availableParallelism();
  const candles = shippedCandles(FILE);
  const space = strategySpace(smaCrossover, {
    ranges: { fast: { min: 1, max: 40 }, slow: { min: 50, max: 290, step: 10 } },
    fixed: { cross: 'carry' },
  });
  const points = gridPoints(space).length;
  if (points !== 1000) throw new Error(`the grid has ${points} points, not 1,000`);
  const sharpe = objective({ kind: 'sharpe' });
  const serialTimes: number[] = [];
  const parallelTimes: number[] = [];
  const startTimes: number[] = [];
  let identical = true;
  let best: BacktestSearchResult['best'] | undefined;
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const serial = await gridSearch(space, serialEvaluator(smaCrossover, candles, CONFIG), sharpe);
    serialTimes.push((performance.now() - started) / 1000);

    started = performance.now();
    const pool = await ParameterPool.start({
      candles,
      strategy: { template: 'sma-crossover' },
      config: CONFIG,
      threads,
    });
    startTimes.push((performance.now() - started) / 1000);
    try {
      started = performance.now();
      const parallel = await gridSearch(space, pool.evaluator(), sharpe);
      parallelTimes.push((performance.now() - started) / 1000);
      identical &&= JSON.stringify(parallel.evaluations) === JSON.stringify(serial.evaluations);
    } finally {
      await pool.close();
    }
    best = {
      params: serial.best.params,
      sharpe: serial.best.metrics.sharpe,
      totalReturn: serial.best.metrics.totalReturn,
    };
    log(
      `backtest-search run ${i + 1}/${runs}: ${points} backtests, 1 thread ${serialTimes[i]?.toFixed(1)} s, ` +
        `${threads} threads ${parallelTimes[i]?.toFixed(1)} s (pool start ${startTimes[i]?.toFixed(2)} s)`,
    );
  }
  const speedups = serialTimes.map((s, i) => s / (parallelTimes[i] as number));
  const serialSeconds = summarise(serialTimes, 2);
  const parallelSeconds = summarise(parallelTimes, 2);
  return {
    name: 'backtest-search',
    candles: candles.length,
    gridPoints: points,
    threads,
    serialSeconds,
    parallelSeconds,
    poolStartSeconds: summarise(startTimes, 2),
    speedup: summarise(speedups, 2),
    backtestsPerSecond: {
      serial: Math.round(points / serialSeconds.median),
      parallel: Math.round(points / parallelSeconds.median),
    },
    identical,
    best: best as BacktestSearchResult['best'],
    machine: machineInfo(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `backtest-search: ${result.gridPoints} backtests in ${result.serialSeconds.median} s on 1 thread, ` +
      `${result.parallelSeconds.median} s on ${result.threads}: ×${result.speedup.median} (identical: ${result.identical})`,
  );
}
