/**
 * Multi-agent backtest throughput: the multi-agent template (the decision of the live analysis —
 * researcher, technical analyst, bull/bear debate, judge, risk agent, optimizer — kept incrementally,
 * default parameters, long and short, all-in, 0.1 % taker fees) over every 4h BTC-USD candle the server
 * ships (Coinbase, ~20,700 bars), through the full event-driven path of the backtester: the strategy
 * context per candle, the agents' decision on every candle after the warm-up, signals turned into market
 * orders on the paper exchange, every fill and fee booked in the ledger in exact decimals, equity marked
 * at every close, metrics at the end. One core, no I/O.
 *
 * Each measured run repeats whole backtests (a fresh strategy and exchange each time) until at least
 * `minSeconds` have passed; candles per second = candles processed / time. Median of `runs`.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source backtest-agents.ts`.
 */
import { pathToFileURL } from 'node:url';
import { multiAgent } from '@sigmax/engine';
import {
  type BacktestThroughputOptions,
  type BacktestThroughputResult,
  measureBacktestThroughput,
  printBacktestThroughput,
} from './lib';

export type BacktestAgentsOptions = BacktestThroughputOptions;

export type BacktestAgentsResult = BacktestThroughputResult<'backtest-agents'>;

const TARGET = 50_000;

/** Runs the benchmark: one warm-up run, then `runs` measured runs; returns their numbers. */
export function run(options: BacktestAgentsOptions = {}): BacktestAgentsResult {
  return measureBacktestThroughput('backtest-agents', TARGET, () => multiAgent.create(), options);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printBacktestThroughput(run());
}
