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
import { type Candle, multiAgent, runBacktest } from '@sigmax/engine';
import { log, machineInfo, type Summary, shippedCandles, summarise } from './lib';

export interface BacktestAgentsOptions {
  /** Measured runs (one unmeasured warm-up run comes first). @default 5 */
  runs?: number;
  /** Least duration of one measured run, seconds. @default 1 */
  minSeconds?: number;
}

export interface BacktestAgentsResult {
  name: 'backtest-agents';
  candlesPerBacktest: number;
  /** Candles per second over the runs (median, min, max, each run). */
  candlesPerSecond: Summary;
  /** The target this benchmark checks, and whether the median met it. */
  target: number;
  met: boolean;
  /** What one backtest did, to show the work is real. */
  perBacktest: { fills: number; trades: number; finalEquity: string; sharpe: number | null };
  machine: ReturnType<typeof machineInfo>;
}

const TARGET = 50_000;

function backtest(candles: readonly Candle[]) {
  return runBacktest({
    candles,
    strategy: multiAgent.create(),
    symbol: 'BTC/USD',
    initialCash: '10000',
    paper: { takerFeeRate: '0.001', makerFeeRate: '0.001' },
    sizing: { kind: 'all-in' },
    lotSize: '0.00001',
    allowShort: true,
  });
}

function runOnce(candles: readonly Candle[], minSeconds: number): number {
  const started = performance.now();
  let processed = 0;
  let elapsed = 0;
  do {
    backtest(candles);
    processed += candles.length;
    elapsed = (performance.now() - started) / 1000;
  } while (elapsed < minSeconds);
  return processed / elapsed;
}

/** Runs the benchmark: one warm-up run, then `runs` measured runs; returns their numbers. */
export function run(options: BacktestAgentsOptions = {}): BacktestAgentsResult {
  const runs = options.runs ?? 5;
  const minSeconds = options.minSeconds ?? 1;
  const candles = shippedCandles('coinbase-btc-usd-4h.csv.gz');
  const sample = backtest(candles);
  runOnce(candles, minSeconds / 2);
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const rate = runOnce(candles, minSeconds);
    rates.push(rate);
    log(`backtest-agents run ${i + 1}/${runs}: ${Math.round(rate).toLocaleString('en-US')} candles/s`);
  }
  const candlesPerSecond = summarise(rates, 0);
  return {
    name: 'backtest-agents',
    candlesPerBacktest: candles.length,
    candlesPerSecond,
    target: TARGET,
    met: candlesPerSecond.median >= TARGET,
    perBacktest: {
      fills: sample.fills.length,
      trades: sample.metrics.trades,
      finalEquity: sample.finalEquity.toFixed(2),
      sharpe: sample.metrics.sharpe,
    },
    machine: machineInfo(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `backtest-agents: ${result.candlesPerSecond.median.toLocaleString('en-US')} candles/s (median of ${result.candlesPerSecond.runs.length}; target ≥ ${TARGET.toLocaleString('en-US')}: ${result.met ? 'met' : 'not met'})`,
  );
}
