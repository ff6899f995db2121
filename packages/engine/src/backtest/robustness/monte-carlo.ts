import { seededRandom } from '../../market/seeded-random';
import type { Trade } from '../types';

/**
 * How the trade sequence is resampled:
 * - `'bootstrap'`: as many trades as the original, drawn with replacement (some repeat, some drop out);
 * - `'shuffle'`: the same trades in a random order (a permutation): the final result of additive P&L
 *   does not change, only the path (and so the drawdown) does.
 */
export type ResamplingMethod = 'bootstrap' | 'shuffle';

/**
 * How a trade outcome moves equity:
 * - `'additive'`: outcomes are P&L in quote units, added to equity (fixed-size trading);
 * - `'compound'`: outcomes are returns on equity (`0.02` is +2 %), multiplied in (sizing by equity).
 */
export type OutcomeMode = 'additive' | 'compound';

/** Options of {@link monteCarlo}. */
export interface MonteCarloOptions {
  method: ResamplingMethod;
  /** Equity before the first trade (quote units), > 0. */
  initialEquity: number;
  /** @default 'additive' */
  mode?: OutcomeMode;
  /** Resampled sequences. @default 1000 */
  runs?: number;
  /** Seed of the draws: the same seed gives the same result. @default 1 */
  seed?: number | string;
  /**
   * A run is ruined once its equity falls to or below this fraction of the initial equity.
   * @default 0.5
   */
  ruinThreshold?: number;
  /** Keep every run's final return and maximum drawdown in the result. @default false */
  keepSamples?: boolean;
}

/** The 5th, 25th, 50th, 75th and 95th percentiles of a distribution. */
export interface Percentiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** What {@link monteCarlo} returns. Returns and drawdowns are fractions (`0.1` is 10 %). */
export interface MonteCarloResult {
  method: ResamplingMethod;
  mode: OutcomeMode;
  runs: number;
  /** Trades per sequence. */
  trades: number;
  seed: number | string;
  ruinThreshold: number;
  /** The original sequence's figures, for comparison. */
  original: { finalReturn: number; maxDrawdown: number; ruined: boolean };
  /** `final equity / initial equity − 1` over the runs. */
  finalReturn: Percentiles;
  /**
   * Largest fall from a running peak of the trade-by-trade equity path (the initial equity is the
   * first peak), as a positive fraction of that peak, over the runs.
   */
  maxDrawdown: Percentiles;
  /** Share of the runs whose equity fell to or below `ruinThreshold × initialEquity`. */
  probabilityOfRuin: number;
  /** Each run's figures, in run order (with `keepSamples`). */
  samples?: { finalReturn: Float64Array; maxDrawdown: Float64Array };
}

/**
 * Monte Carlo resampling of a trade sequence: `runs` sequences drawn from `outcomes` (bootstrap or
 * shuffle, seeded), each replayed from `initialEquity`; percentiles of the final return and the
 * maximum drawdown, and the probability of ruin. Deterministic for a seed.
 *
 * @throws RangeError when an option is out of range or `outcomes` holds a non-finite number.
 * @example
 * monteCarlo([120, -80, 45, -30], { method: 'shuffle', initialEquity: 10_000, runs: 500, seed: 7 });
 */
export function monteCarlo(outcomes: readonly number[], options: MonteCarloOptions): MonteCarloResult {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? 1;
  const mode = options.mode ?? 'additive';
  const ruinThreshold = options.ruinThreshold ?? 0.5;
  const { initialEquity, method } = options;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a positive whole number, got ${runs}`);
  if (!(initialEquity > 0 && Number.isFinite(initialEquity))) {
    throw new RangeError(`initialEquity must be a positive number, got ${initialEquity}`);
  }
  if (!(ruinThreshold >= 0 && ruinThreshold <= 1)) {
    throw new RangeError(`ruinThreshold must be a fraction in [0, 1], got ${ruinThreshold}`);
  }
  if (method !== 'bootstrap' && method !== 'shuffle')
    throw new RangeError(`unknown method ${String(method)}`);
  const source = Float64Array.from(outcomes);
  for (const x of source) if (!Number.isFinite(x)) throw new RangeError(`trade outcome is not finite: ${x}`);

  const n = source.length;
  const ruinLevel = ruinThreshold * initialEquity;
  const random = seededRandom(seed);
  const sequence = new Float64Array(n);
  const finals = new Float64Array(runs);
  const drawdowns = new Float64Array(runs);
  let ruined = 0;
  for (let r = 0; r < runs; r++) {
    if (method === 'bootstrap') {
      for (let i = 0; i < n; i++) sequence[i] = source[Math.floor(random() * n)] as number;
    } else {
      sequence.set(source);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const tmp = sequence[i] as number;
        sequence[i] = sequence[j] as number;
        sequence[j] = tmp;
      }
    }
    const path = replay(sequence, initialEquity, mode, ruinLevel);
    finals[r] = path.finalReturn;
    drawdowns[r] = path.maxDrawdown;
    if (path.ruined) ruined++;
  }
  const result: MonteCarloResult = {
    method,
    mode,
    runs,
    trades: n,
    seed,
    ruinThreshold,
    original: replay(source, initialEquity, mode, ruinLevel),
    finalReturn: percentiles(finals),
    maxDrawdown: percentiles(drawdowns),
    probabilityOfRuin: ruined / runs,
  };
  if (options.keepSamples) result.samples = { finalReturn: finals, maxDrawdown: drawdowns };
  return result;
}

/**
 * {@link monteCarlo} over a backtest's trades. In `'additive'` mode the outcomes are the trades' P&L;
 * in `'compound'` mode each trade's P&L as a fraction of the closed-trade equity before it in the
 * original order (`initialEquity` plus the P&L of the trades before), so the original sequence
 * replays to the same final equity either way.
 */
export function monteCarloTrades(
  trades: readonly Pick<Trade, 'pnl'>[],
  options: MonteCarloOptions,
): MonteCarloResult {
  const pnl = trades.map((trade) => trade.pnl.toNumber());
  if ((options.mode ?? 'additive') === 'additive') return monteCarlo(pnl, options);
  let equity = options.initialEquity;
  const returns = pnl.map((x) => {
    const r = x / equity;
    equity += x;
    return r;
  });
  return monteCarlo(returns, options);
}

/** One sequence replayed: its final return, maximum drawdown and whether it hit the ruin level. */
function replay(
  sequence: Float64Array,
  initialEquity: number,
  mode: OutcomeMode,
  ruinLevel: number,
): { finalReturn: number; maxDrawdown: number; ruined: boolean } {
  let equity = initialEquity;
  let peak = initialEquity;
  let maxDrawdown = 0;
  let ruined = false;
  for (let i = 0; i < sequence.length; i++) {
    const x = sequence[i] as number;
    equity = mode === 'additive' ? equity + x : equity * (1 + x);
    if (equity > peak) peak = equity;
    const drawdown = (peak - equity) / peak;
    if (drawdown > maxDrawdown) maxDrawdown = drawdown;
    if (equity <= ruinLevel) ruined = true;
  }
  return { finalReturn: equity / initialEquity - 1, maxDrawdown, ruined };
}

/** The five reported percentiles of `values` (a copy is sorted). */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    p5: percentile(sorted, 5),
    p25: percentile(sorted, 25),
    p50: percentile(sorted, 50),
    p75: percentile(sorted, 75),
    p95: percentile(sorted, 95),
  };
}

/**
 * The `p`th percentile (0–100) of ascending `sorted` values, interpolating linearly between the two
 * closest ranks (Hyndman and Fan's type 7, the default of NumPy and R): rank `h = (n − 1) · p / 100`.
 * NaN for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}
