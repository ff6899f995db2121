/**
 * Engine-only analysis latency: `analyze()` on one symbol with 500 closed candles on each of three
 * timeframes — real Coinbase BTC-USD 1h and 4h bars from the shipped replay data, and daily bars
 * aggregated from the 4h series with the engine's `resampleCandles` — ending 2019-06-26 00:00 UTC,
 * with eight headlines for the sentiment model, two debate rounds and no LLM. Each call does
 * everything an analysis does: input checks, every indicator on every timeframe, the debate, the
 * judge, risk, sizing, redaction of every text and the SHA-256 of the canonical input.
 *
 * After 200 unmeasured warm-up calls, each of `runs` calls is timed on its own; the result gives the
 * p50, p99 and max latency in milliseconds (target: p99 < 2 ms).
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source analysis-engine.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  type AnalysisInput,
  analyze,
  type Candle,
  defaultAnalysisParameters,
  type NewsItem,
  resampleCandles,
  TIMEFRAME_MS,
  type Timeframe,
} from '@sigmax/engine';
import { log, machineInfo, shippedCandles } from './lib';

export interface AnalysisEngineOptions {
  /** Measured calls. @default 2_000 */
  runs?: number;
}

export interface AnalysisEngineResult {
  name: 'analysis-engine';
  candlesPerTimeframe: number;
  timeframes: Timeframe[];
  debateRounds: number;
  runs: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  targetP99Ms: number;
  met: boolean;
  /** What the analysis decided, to show the work is real. */
  decision: { action: string; confidence: number; size: string };
  machine: ReturnType<typeof machineInfo>;
}

const CANDLES = 500;
const UNTIL = Date.parse('2019-06-26T00:00:00Z');
const TARGET_P99_MS = 2;

const closed = (candles: Candle[], timeframe: Timeframe) =>
  candles.filter((c) => c.time + TIMEFRAME_MS[timeframe] <= UNTIL).slice(-CANDLES);

/** Illustrative headlines (made up for the benchmark, not real news) so the sentiment model does its work. */
function headlines(): NewsItem[] {
  const titles = [
    'Bitcoin surges past 11,000 as institutional inflows climb',
    'Analysts warn of a sharp pullback after the rally',
    'Exchange not hacked, says operator after brief outage',
    'Regulators weigh a crackdown on crypto derivatives',
    'Bitcoin hash rate hits a record high',
    'Traders take profits; volume slightly weaker',
    'Major bank launches custody for digital assets',
    'Funding rates rise as leverage builds',
  ];
  return titles.map((title, i) => ({
    time: UNTIL - (i + 1) * 3_600_000,
    title,
    source: 'bench',
    assets: ['BTC'],
  }));
}

/** The benchmark's input: 500 bars each of 1h, 4h and 1d, two debate rounds. */
export function benchmarkInput(): AnalysisInput {
  const h4 = shippedCandles('coinbase-btc-usd-4h.csv.gz');
  const daily = resampleCandles(
    h4.filter((c) => c.time < UNTIL),
    '1d',
    { partial: 'drop' },
  );
  return {
    symbol: 'BTC/USD',
    market: {
      symbol: 'BTC/USD',
      base: 'BTC',
      quote: 'USD',
      tickSize: 0.01,
      lotSize: 0.00001,
      pricePrecision: 2,
      amountPrecision: 5,
      minQuantity: 0.00001,
      minNotional: 1,
      timeframes: ['1h', '4h', '1d'],
      source: 'Coinbase BTC-USD (shipped replay data)',
    },
    candles: {
      '1h': closed(shippedCandles('coinbase-btc-usd-1h.csv.gz'), '1h'),
      '4h': closed(h4, '4h'),
      '1d': closed(daily, '1d'),
    },
    news: headlines(),
    capital: '100000',
    parameters: { ...defaultAnalysisParameters, debateRounds: 2 },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
const ms = (x: number) => Math.round(x * 1000) / 1000;

/** Runs the benchmark: 200 warm-up calls, then `runs` timed calls; returns the latency percentiles. */
export function run(options: AnalysisEngineOptions = {}): AnalysisEngineResult {
  const runs = options.runs ?? 2_000;
  const input = benchmarkInput();
  for (const [tf, series] of Object.entries(input.candles)) {
    if (series?.length !== CANDLES)
      throw new Error(`expected ${CANDLES} ${tf} candles, got ${series?.length}`);
  }
  let result = analyze(input);
  for (let i = 0; i < 200; i++) result = analyze(input);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = analyze(input);
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const latencyMs = {
    p50: ms(percentile(sorted, 50)),
    p99: ms(percentile(sorted, 99)),
    max: ms(sorted[sorted.length - 1] as number),
    mean: ms(times.reduce((a, b) => a + b, 0) / times.length),
  };
  log(`analysis-engine: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms over ${runs} calls`);
  return {
    name: 'analysis-engine',
    candlesPerTimeframe: CANDLES,
    timeframes: ['1h', '4h', '1d'],
    debateRounds: 2,
    runs,
    latencyMs,
    targetP99Ms: TARGET_P99_MS,
    met: latencyMs.p99 < TARGET_P99_MS,
    decision: {
      action: result.decision.action,
      confidence: result.decision.confidence,
      size: result.decision.size,
    },
    machine: machineInfo(),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `analysis-engine: p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (target < ${TARGET_P99_MS} ms: ${result.met ? 'met' : 'not met'})`,
  );
}
