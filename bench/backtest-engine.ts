/**
 * Backtester throughput: the SMA-crossover template (SMA 10 / 30, long and short, all-in, 0.1 %
 * taker fees) over every 4h BTC-USD candle the server ships (Coinbase, ~20,700 bars), through the full
 * event-driven path: the strategy context per candle, incremental SMAs, signals turned into market
 * orders on the paper exchange, every fill and fee booked in the ledger in exact decimals, equity
 * marked at every close, metrics at the end. One core, no I/O.
 *
 * Each measured run repeats whole backtests (a fresh strategy and exchange each time) until at least
 * `minSeconds` have passed; candles per second = candles processed / time. Median of `runs`.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source backtest-engine.ts`.
 */
import { pathToFileURL } from 'node:url';
import { smaCrossover } from '@sigmax/engine';
import {
  type BacktestThroughputOptions,
  type BacktestThroughputResult,
  measureBacktestThroughput,
  printBacktestThroughput,
} from './lib';

export type BacktestEngineOptions = BacktestThroughputOptions;

export type BacktestEngineResult = BacktestThroughputResult<'backtest-engine'>;

const TARGET = 1_000_000;

/** Runs the benchmark: one warm-up run, then `runs` measured runs; returns their numbers. */
export function run(options: BacktestEngineOptions = {}): BacktestEngineResult {
  return measureBacktestThroughput(
    'backtest-engine',
    TARGET,
    () => smaCrossover.create({ fast: 10, slow: 30 }),
    options,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printBacktestThroughput(run());
}
