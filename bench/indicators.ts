/**
 * Indicator batch speed against two JavaScript libraries, on real data: every 4h BTC/USDT candle the
 * server ships (Coinbase BTC-USD, ~20,700 bars). Five indicators: RSI(14), EMA(20), MACD(12,26,9),
 * Bollinger Bands(20, 2) and ATR(14), each computed over the whole series by
 *
 * - ours: the engine's batch functions (`@sigmax/engine`: `rsi`, `ema`, `macd`, `bbands`, `atr`),
 * - `technicalindicators` (`RSI.calculate`, `EMA.calculate`, ...; generator based, objects per bar),
 * - `@ixjb94/indicators` (`IndicatorsSync`: tulip-style loops over plain arrays).
 *
 * Every implementation gets the same plain `number[]` columns. Before anything is timed, each library's
 * series is compared with ours (see {@link compare}): the libraries return only the defined values, so
 * their arrays are aligned on the last candle; where a library seeds an average differently (first
 * value instead of a simple average, see the notes) the comparison starts once the seed has decayed.
 * Disagreements are reported, not hidden.
 *
 * Timing: one warm-up pass, then `runs` rounds; each round times every implementation of every
 * indicator once (the order rotated from round to round, so a busy machine slows all alike), each time
 * over a batch of calls sized to last about `batchMs` (from the median call of the warm-up). µs per
 * full series = batch time / calls; the medians of the rounds are reported with ops/s (full series per
 * second), and the fastest round as `bestUs`. The verdict (`oursFastest`) compares the medians.
 *
 * Run it alone with `pnpm --dir bench exec tsx --conditions=@sigmax/source indicators.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { IndicatorsSync } from '@ixjb94/indicators';
import { atr, bbands, ema, macd, rsi } from '@sigmax/engine';
import { ATR, BollingerBands, EMA, MACD, RSI } from 'technicalindicators';
import { log, machineInfo, median, serverRoot } from './lib';

export interface IndicatorsOptions {
  /** Measured rounds. @default 25 */
  runs?: number;
  /** Target duration of one timed batch, ms. @default 20 */
  batchMs?: number;
}

/** How one library's series compares with ours. */
export interface Agreement {
  output: string;
  /** Candle index of our first value and of the library's. */
  firstIndex: { ours: number; library: number };
  /** Candle index from which values are compared (later than both first values if a seed differs). */
  comparedFrom: number;
  compared: number;
  maxAbsDiff: number;
  /** Largest `|ours − theirs| / max(1, |ours|)`. */
  maxRelDiff: number;
  tolerance: string;
  agrees: boolean;
  /** Over every index where both have a value, seed included. */
  maxRelDiffFromFirst: number;
}

export interface Timing {
  implementation: Implementation;
  /** Calls per timed batch. */
  calls: number;
  /** Microseconds per full series, median of the rounds. */
  usPerSeries: number;
  /** Full series per second, from the median. */
  opsPerSecond: number;
  /** The fastest round, µs per series: the one least disturbed by other load on the machine. */
  bestUs: number;
  runsUs: number[];
}

export interface IndicatorCase {
  indicator: string;
  timings: Timing[];
  agreement: Record<Exclude<Implementation, 'ours'>, Agreement[]>;
  /** The fastest library and how ours compares: > 1 means ours is faster. */
  fastestLibrary: Implementation;
  speedupVsFastestLibrary: number;
  oursFastest: boolean;
  notes: string;
}

export interface IndicatorsResult {
  name: 'indicators';
  data: { file: string; candles: number; first: string; last: string };
  runs: number;
  batchMs: number;
  libraries: Record<string, string>;
  cases: IndicatorCase[];
  /** Cases where ours is slower than the fastest library. */
  slower: string[];
  disagreements: string[];
  machine: ReturnType<typeof machineInfo>;
}

type Implementation = 'ours' | 'technicalindicators' | '@ixjb94/indicators';
const IMPLEMENTATIONS: Implementation[] = ['ours', 'technicalindicators', '@ixjb94/indicators'];

const CANDLE_FILE = 'coinbase-btc-usd-4h.csv.gz';

interface Columns {
  time: number[];
  high: number[];
  low: number[];
  close: number[];
}

/** The shipped CSV (`time,open,high,low,close,volume`, Unix seconds, oldest first) as columns. */
export function loadCandles(file = CANDLE_FILE): Columns {
  const text = gunzipSync(readFileSync(join(serverRoot, 'data', 'candles', file))).toString('utf8');
  const columns: Columns = { time: [], high: [], low: [], close: [] };
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [time, , high, low, close] = line.split(',');
    columns.time.push(Number(time) * 1000);
    columns.high.push(Number(high));
    columns.low.push(Number(low));
    columns.close.push(Number(close));
  }
  return columns;
}

/** A series as a full-length array, `NaN` where it has no value; `offset` is the first candle index. */
function padded(values: ArrayLike<number | undefined>, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  const offset = length - values.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[offset + i] = typeof v === 'number' ? v : Number.NaN;
  }
  return out;
}

function firstDefined(series: ArrayLike<number>): number {
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i] as number)) return i;
  return -1;
}

/**
 * Compares a library's series with ours, both full length, from `settle` candles after the later
 * of the two first values on. Relative differences are taken against `max(1, |ours|)`.
 */
function compare(
  output: string,
  ours: ArrayLike<number>,
  theirs: ArrayLike<number>,
  settle: number,
  tolerance: { abs?: number; rel?: number },
): Agreement {
  const first = { ours: firstDefined(ours), library: firstDefined(theirs) };
  const start = Math.max(first.ours, first.library);
  const comparedFrom = start + settle;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let maxRelDiffFromFirst = 0;
  let compared = 0;
  let missing = 0;
  for (let i = start; i < ours.length; i++) {
    const a = ours[i] as number;
    const b = theirs[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (i >= comparedFrom && Number.isNaN(a) !== Number.isNaN(b)) missing++;
      continue;
    }
    const abs = Math.abs(a - b);
    const rel = abs / Math.max(1, Math.abs(a));
    maxRelDiffFromFirst = Math.max(maxRelDiffFromFirst, rel);
    if (i < comparedFrom) continue;
    compared++;
    maxAbsDiff = Math.max(maxAbsDiff, abs);
    maxRelDiff = Math.max(maxRelDiff, rel);
  }
  const agrees =
    start >= 0 &&
    compared > 0 &&
    missing === 0 &&
    (tolerance.abs === undefined || maxAbsDiff <= tolerance.abs) &&
    (tolerance.rel === undefined || maxRelDiff <= tolerance.rel);
  const parts = [
    ...(tolerance.abs !== undefined ? [`abs ≤ ${tolerance.abs}`] : []),
    ...(tolerance.rel !== undefined ? [`rel ≤ ${tolerance.rel}`] : []),
  ];
  return {
    output,
    firstIndex: first,
    comparedFrom,
    compared,
    maxAbsDiff,
    maxRelDiff,
    tolerance: parts.join(', '),
    agrees,
    maxRelDiffFromFirst,
  };
}

/** Float rounding only: the same arithmetic in another order. */
const EXACT = { rel: 1e-9 };
/** Candles after which a seed difference of an exponential average has decayed below 1e-12. */
const SETTLE = 1_000;

interface Case {
  indicator: string;
  notes: string;
  /** Each implementation's full-series call; returns something that depends on every value. */
  run: Record<Implementation, () => unknown>;
  /** Each output of each implementation, full length, `NaN` where there is no value. */
  outputs(): Record<Implementation, Record<string, Float64Array>>;
  /** Per library: candles to skip after the first common value, and the tolerance. */
  check: Record<
    Exclude<Implementation, 'ours'>,
    { settle: number; tolerance: { abs?: number; rel?: number } }
  >;
}

function cases(c: Columns): Case[] {
  const ta = new IndicatorsSync();
  const n = c.close.length;
  const values = c.close;
  const full = (series: ArrayLike<number>) => Float64Array.from(series);
  return [
    {
      indicator: 'RSI(14)',
      notes:
        'All three use Wilder smoothing seeded with the simple average of the first 14 changes; technicalindicators rounds RSI to 2 decimals.',
      run: {
        ours: () => rsi(values, 14),
        technicalindicators: () => RSI.calculate({ values, period: 14 }),
        '@ixjb94/indicators': () => ta.rsi(values, 14),
      },
      outputs: () => ({
        ours: { value: full(rsi(values, 14)) },
        technicalindicators: { value: padded(RSI.calculate({ values, period: 14 }), n) },
        '@ixjb94/indicators': { value: padded(ta.rsi(values, 14), n) },
      }),
      check: {
        technicalindicators: { settle: 0, tolerance: { abs: 0.005 + 1e-9 } },
        '@ixjb94/indicators': { settle: 0, tolerance: EXACT },
      },
    },
    {
      indicator: 'EMA(20)',
      notes:
        '@ixjb94/indicators seeds the EMA with the first close (a value from index 0); ours and technicalindicators with the SMA of the first 20.',
      run: {
        ours: () => ema(values, 20),
        technicalindicators: () => EMA.calculate({ values, period: 20 }),
        '@ixjb94/indicators': () => ta.ema(values, 20),
      },
      outputs: () => ({
        ours: { value: full(ema(values, 20)) },
        technicalindicators: { value: padded(EMA.calculate({ values, period: 20 }), n) },
        '@ixjb94/indicators': { value: padded(ta.ema(values, 20), n) },
      }),
      check: {
        technicalindicators: { settle: 0, tolerance: EXACT },
        '@ixjb94/indicators': { settle: SETTLE, tolerance: EXACT },
      },
    },
    {
      indicator: 'MACD(12,26,9)',
      notes:
        'Seeds and alignment differ: ours (TA-Lib) starts all three outputs at index 33; both libraries start the MACD line at 25 (slow − 1); @ixjb94/indicators seeds both EMAs and the signal with first values, technicalindicators seeds each EMA with its own SMA. Compared after the seeds decay.',
      run: {
        ours: () => macd(values, 12, 26, 9),
        technicalindicators: () =>
          MACD.calculate({
            values,
            fastPeriod: 12,
            slowPeriod: 26,
            signalPeriod: 9,
            SimpleMAOscillator: false,
            SimpleMASignal: false,
          }),
        '@ixjb94/indicators': () => ta.macd(values, 12, 26, 9),
      },
      outputs: () => {
        const ours = macd(values, 12, 26, 9);
        const t = MACD.calculate({
          values,
          fastPeriod: 12,
          slowPeriod: 26,
          signalPeriod: 9,
          SimpleMAOscillator: false,
          SimpleMASignal: false,
        });
        const [m, s, h] = ta.macd(values, 12, 26, 9) as [number[], number[], number[]];
        return {
          ours: { macd: full(ours.macd), signal: full(ours.signal), histogram: full(ours.histogram) },
          technicalindicators: {
            macd: padded(
              t.map((r) => r.MACD),
              n,
            ),
            signal: padded(
              t.map((r) => r.signal),
              n,
            ),
            histogram: padded(
              t.map((r) => r.histogram),
              n,
            ),
          },
          '@ixjb94/indicators': { macd: padded(m, n), signal: padded(s, n), histogram: padded(h, n) },
        };
      },
      check: {
        technicalindicators: { settle: SETTLE, tolerance: EXACT },
        '@ixjb94/indicators': { settle: SETTLE, tolerance: EXACT },
      },
    },
    {
      indicator: 'BBANDS(20,2)',
      notes: 'All three: SMA middle band, population standard deviation.',
      run: {
        ours: () => bbands(values, 20, 2),
        technicalindicators: () => BollingerBands.calculate({ values, period: 20, stdDev: 2 }),
        '@ixjb94/indicators': () => ta.bbands(values, 20, 2),
      },
      outputs: () => {
        const ours = bbands(values, 20, 2);
        const t = BollingerBands.calculate({ values, period: 20, stdDev: 2 });
        const [lower, middle, upper] = ta.bbands(values, 20, 2) as [number[], number[], number[]];
        return {
          ours: { upper: full(ours.upper), middle: full(ours.middle), lower: full(ours.lower) },
          technicalindicators: {
            upper: padded(
              t.map((r) => r.upper),
              n,
            ),
            middle: padded(
              t.map((r) => r.middle),
              n,
            ),
            lower: padded(
              t.map((r) => r.lower),
              n,
            ),
          },
          '@ixjb94/indicators': {
            upper: padded(upper, n),
            middle: padded(middle, n),
            lower: padded(lower, n),
          },
        };
      },
      check: {
        // Running sums (ours, @ixjb94) against a fresh sum per window (technicalindicators): the
        // running sum of squares loses digits at BTC's price level, hence a looser bound.
        technicalindicators: { settle: 0, tolerance: { rel: 1e-6 } },
        '@ixjb94/indicators': { settle: 0, tolerance: { rel: 1e-6 } },
      },
    },
    {
      indicator: 'ATR(14)',
      notes:
        'Wilder smoothing of the true range. @ixjb94/indicators seeds with the high-low range of bar 0 plus 13 true ranges (a value one bar earlier); compared after the seed decays.',
      run: {
        ours: () => atr(c.high, c.low, values, 14),
        technicalindicators: () => ATR.calculate({ high: c.high, low: c.low, close: values, period: 14 }),
        '@ixjb94/indicators': () => ta.atr(c.high, c.low, values, 14),
      },
      outputs: () => ({
        ours: { value: full(atr(c.high, c.low, values, 14)) },
        technicalindicators: {
          value: padded(ATR.calculate({ high: c.high, low: c.low, close: values, period: 14 }), n),
        },
        '@ixjb94/indicators': { value: padded(ta.atr(c.high, c.low, values, 14), n) },
      }),
      check: {
        technicalindicators: { settle: 0, tolerance: EXACT },
        '@ixjb94/indicators': { settle: SETTLE, tolerance: EXACT },
      },
    },
  ];
}

/**
 * Something that depends on a result, so no call can be optimised away: the last element of a series,
 * of the last series of a tuple or record. O(1) whatever the shape (a typed array is never spread).
 */
function touch(result: unknown): number {
  if (typeof result === 'number') return result;
  if (Array.isArray(result) || ArrayBuffer.isView(result)) {
    const list = result as ArrayLike<unknown>;
    return list.length === 0 ? 0 : touch(list[list.length - 1]);
  }
  if (result && typeof result === 'object') {
    let last: unknown;
    for (const key in result) last = (result as Record<string, unknown>)[key];
    return touch(last);
  }
  return 0;
}

let sink = 0;

/** Times `calls` calls of `fn`, in µs per call. */
function timeBatch(fn: () => unknown, calls: number): number {
  const started = performance.now();
  for (let i = 0; i < calls; i++) sink += touch(fn());
  return ((performance.now() - started) * 1000) / calls;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs the benchmark: agreement checks, a warm-up pass, then `runs` timed rounds. */
export function run(options: IndicatorsOptions = {}): IndicatorsResult {
  const runs = options.runs ?? 25;
  const batchMs = options.batchMs ?? 20;
  const columns = loadCandles();
  const n = columns.close.length;
  const all = cases(columns);

  // 1. Agreement, before any timing.
  const agreements = all.map((c) => {
    const outputs = c.outputs();
    const result = {} as IndicatorCase['agreement'];
    for (const library of ['technicalindicators', '@ixjb94/indicators'] as const) {
      const { settle, tolerance } = c.check[library];
      result[library] = Object.entries(outputs.ours).map(([output, ours]) =>
        compare(output, ours, outputs[library][output] as Float64Array, settle, tolerance),
      );
    }
    return result;
  });

  // 2. Warm-up: every implementation for ~4 batches' time, which also sizes the batches.
  const calls = all.map(
    (c) =>
      Object.fromEntries(
        IMPLEMENTATIONS.map((impl) => {
          // Sized from the median call, so a stall of the machine during the warm-up does not shrink it.
          const times: number[] = [];
          const started = performance.now();
          while (performance.now() - started < batchMs * 4 || times.length < 5) {
            const t0 = performance.now();
            sink += touch(c.run[impl]());
            times.push(performance.now() - t0);
          }
          return [impl, Math.max(1, Math.round(batchMs / median(times)))];
        }),
      ) as Record<Implementation, number>,
  );

  // 3. Timed rounds, the order of the implementations rotated each round.
  const samples = all.map(() => Object.fromEntries(IMPLEMENTATIONS.map((i) => [i, [] as number[]])));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < all.length; k++) {
      const c = all[k] as Case;
      for (let j = 0; j < IMPLEMENTATIONS.length; j++) {
        const impl = IMPLEMENTATIONS[(j + r) % IMPLEMENTATIONS.length] as Implementation;
        samples[k]?.[impl]?.push(timeBatch(c.run[impl], calls[k]?.[impl] ?? 1));
      }
    }
    if ((r + 1) % 5 === 0) log(`indicators round ${r + 1}/${runs}`);
  }

  const results: IndicatorCase[] = all.map((c, k) => {
    const timings: Timing[] = IMPLEMENTATIONS.map((impl) => {
      const runsUs = samples[k]?.[impl] ?? [];
      const us = median(runsUs);
      return {
        implementation: impl,
        calls: calls[k]?.[impl] ?? 1,
        usPerSeries: round(us),
        opsPerSecond: Math.round(1e6 / us),
        bestUs: round(Math.min(...runsUs)),
        runsUs: runsUs.map((v) => round(v)),
      };
    });
    const libraries = timings.filter((t) => t.implementation !== 'ours');
    const fastest = libraries.reduce((a, b) => (b.usPerSeries < a.usPerSeries ? b : a));
    const ours = timings[0] as Timing;
    return {
      indicator: c.indicator,
      timings,
      agreement: agreements[k] as IndicatorCase['agreement'],
      fastestLibrary: fastest.implementation,
      speedupVsFastestLibrary: round(fastest.usPerSeries / ours.usPerSeries, 2),
      oursFastest: ours.usPerSeries <= fastest.usPerSeries,
      notes: c.notes,
    };
  });

  const slower = results
    .filter((r) => !r.oursFastest)
    .map((r) => {
      const ours = r.timings[0] as Timing;
      const lib = r.timings.find((t) => t.implementation === r.fastestLibrary) as Timing;
      return `${r.indicator}: ours ${ours.usPerSeries} µs vs ${lib.implementation} ${lib.usPerSeries} µs (${round((ours.usPerSeries / lib.usPerSeries - 1) * 100)} % slower)`;
    });
  const disagreements = results.flatMap((r) =>
    Object.entries(r.agreement).flatMap(([library, list]) =>
      list
        .filter((a) => !a.agrees)
        .map(
          (a) =>
            `${r.indicator} ${a.output} vs ${library}: max abs diff ${a.maxAbsDiff}, max rel diff ${a.maxRelDiff} from candle ${a.comparedFrom} (${a.tolerance})`,
        ),
    ),
  );
  const first = columns.time[0] as number;
  const last = columns.time[n - 1] as number;
  return {
    name: 'indicators',
    data: {
      file: CANDLE_FILE,
      candles: n,
      first: new Date(first).toISOString(),
      last: new Date(last).toISOString(),
    },
    runs,
    batchMs,
    libraries: libraryVersions(),
    cases: results,
    slower,
    disagreements,
    machine: machineInfo(),
  };
}

function libraryVersions(): Record<string, string> {
  const version = (name: string) =>
    JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'))
      .version as string;
  return {
    technicalindicators: version('technicalindicators'),
    '@ixjb94/indicators': version('@ixjb94/indicators'),
  };
}

/** One line per indicator: µs per series of each implementation, and ours against the fastest library. */
export function summaryLines(result: IndicatorsResult): string[] {
  return result.cases.map((c) => {
    const cells = c.timings.map(
      (t) =>
        `${t.implementation} ${t.usPerSeries} µs (${t.opsPerSecond.toLocaleString('en-US')} ops/s, best ${t.bestUs} µs)`,
    );
    const verdict = c.oursFastest
      ? `ours ${c.speedupVsFastestLibrary}× the fastest library`
      : `ours SLOWER than ${c.fastestLibrary}: ${c.speedupVsFastestLibrary}×`;
    return `${c.indicator} over ${result.data.candles} candles: ${cells.join(', ')}; ${verdict}`;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  for (const line of summaryLines(result)) console.log(line);
  for (const line of result.disagreements) console.log(`disagreement: ${line}`);
  if (result.slower.length > 0) console.log(`ours slower: ${result.slower.join('; ')}`);
  if (sink === 42) console.log('');
}
