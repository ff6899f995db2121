import type { BacktestMetrics, Trade } from './types';

/** A year of bars at `barMs` milliseconds: 365 days of 24 hours (crypto trades every day). */
export const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Bars per year from the median spacing of the candle times, `YEAR_MS / median(Δt)`. Daily candles
 * give 365 (pass 252 as `periodsPerYear` for exchange-traded stocks). Fewer than two candles: 365.
 */
export function inferPeriodsPerYear(times: ArrayLike<number>): number {
  const n = times.length;
  if (n < 2) return 365;
  const gaps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) gaps[i - 1] = (times[i] as number) - (times[i - 1] as number);
  gaps.sort();
  const mid = gaps.length >> 1;
  const median =
    gaps.length % 2 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
  return median > 0 ? YEAR_MS / median : 365;
}

/** What {@link computeMetrics} reads. */
export interface MetricsInput {
  /** Equity before the first bar (the starting cash). */
  readonly startEquity: number;
  /** Equity after each bar's close. */
  readonly equity: ArrayLike<number>;
  /** Open time of each bar, ms. */
  readonly times: ArrayLike<number>;
  /** Round trips; open ones (`open: true`) are left out of the trade statistics. */
  readonly trades: readonly Trade[];
  /** How many bars ended with a position open. */
  readonly barsInMarket: number;
  readonly feesPaid: number;
  readonly periodsPerYear: number;
}

/**
 * The performance figures of a run. With `E₀` the starting equity, `E₁..Eₙ` the equity after each of
 * the `n` bars, `rₜ = Eₜ / Eₜ₋₁ − 1` and `P` bars per year (risk-free rate 0):
 *
 * - total return `Eₙ / E₀ − 1`; annualised `(Eₙ / E₀)^(P / n) − 1` (−1 when equity ends ≤ 0);
 * - volatility `stdev(r) × √P` (sample standard deviation, n − 1);
 * - Sharpe `mean(r) / stdev(r) × √P`; Sortino `mean(r) / √(Σ min(rₜ, 0)² / n) × √P`;
 * - max drawdown `max(1 − Eₜ / max(E₀..Eₜ))`; its duration: the most consecutive bars below the
 *   running peak, and the longest time from a peak bar to the bar that regains it (or the last bar);
 * - Calmar `annualised return / max drawdown`;
 * - over closed trades: win rate (P&L > 0), profit factor `Σ wins / |Σ losses|`, expectancy = average
 *   trade = mean P&L, average trade return, best and worst P&L;
 * - exposure = bars ending with a position / n.
 */
export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { equity, times, startEquity, periodsPerYear: P } = input;
  const n = equity.length;
  const endEquity = n > 0 ? (equity[n - 1] as number) : startEquity;
  let sum = 0;
  let downside = 0;
  let previous = startEquity;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const r = previous !== 0 ? e / previous - 1 : 0;
    sum += r;
    if (r < 0) downside += r * r;
    previous = e;
  }
  const mean = n > 0 ? sum / n : 0;
  let squares = 0;
  previous = startEquity;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const r = previous !== 0 ? e / previous - 1 : 0;
    squares += (r - mean) * (r - mean);
    previous = e;
  }
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const downsideDeviation = n > 0 ? Math.sqrt(downside / n) : 0;
  const annual = Math.sqrt(P);

  // Drawdown and its longest stretch under water; the starting equity is the first peak, at bar 0.
  let peak = startEquity;
  let peakTime = n > 0 ? (times[0] as number) : 0;
  let underwater = 0;
  let maxDrawdown = 0;
  let longestBars = 0;
  let longestMs = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i] as number;
    const t = times[i] as number;
    if (e >= peak) {
      if (underwater > 0 && t - peakTime > longestMs) longestMs = t - peakTime;
      peak = e;
      peakTime = t;
      underwater = 0;
      continue;
    }
    underwater++;
    if (underwater > longestBars) longestBars = underwater;
    if (i === n - 1 && t - peakTime > longestMs) longestMs = t - peakTime;
    const dd = 1 - e / peak;
    if (dd > maxDrawdown) maxDrawdown = dd;
  }

  const totalReturn = startEquity !== 0 ? endEquity / startEquity - 1 : 0;
  const growth = startEquity !== 0 ? endEquity / startEquity : 0;
  const annualizedReturn = n === 0 ? 0 : growth <= 0 ? -1 : growth ** (P / n) - 1;

  const closed = input.trades.filter((trade) => !trade.open);
  let wins = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let pnlSum = 0;
  let returnSum = 0;
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  for (const trade of closed) {
    const pnl = trade.pnl.toNumber();
    pnlSum += pnl;
    returnSum += trade.returnPct;
    if (pnl > 0) {
      wins++;
      grossWin += pnl;
    } else if (pnl < 0) grossLoss -= pnl;
    if (pnl > best) best = pnl;
    if (pnl < worst) worst = pnl;
  }
  const count = closed.length;
  return {
    startEquity,
    endEquity,
    totalReturn,
    annualizedReturn,
    volatility: std * annual,
    sharpe: std > 0 ? (mean / std) * annual : null,
    sortino: downsideDeviation > 0 ? (mean / downsideDeviation) * annual : null,
    calmar: maxDrawdown > 0 ? annualizedReturn / maxDrawdown : null,
    maxDrawdown,
    maxDrawdownBars: longestBars,
    maxDrawdownDurationMs: longestMs,
    trades: count,
    winRate: count > 0 ? wins / count : null,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    expectancy: count > 0 ? pnlSum / count : null,
    averageTrade: count > 0 ? pnlSum / count : null,
    averageTradeReturn: count > 0 ? returnSum / count : null,
    bestTrade: count > 0 ? best : null,
    worstTrade: count > 0 ? worst : null,
    exposure: n > 0 ? input.barsInMarket / n : 0,
    feesPaid: input.feesPaid,
    periodsPerYear: P,
    bars: n,
  };
}

/** `equity / running peak − 1` per bar (≤ 0), the peak starting at `start`. */
export function drawdownSeries(equity: ArrayLike<number>, start: number): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = start;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    out[i] = peak !== 0 ? e / peak - 1 : 0;
  }
  return out;
}
