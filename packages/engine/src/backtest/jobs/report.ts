import { Decimal } from '../../decimal';
import type { Candle } from '../../market/types';
import type { SafetyState } from '../../safety/config';
import type { MonteCarloResult } from '../robustness/monte-carlo';
import type { BacktestMetrics, BacktestResult, ParamValue, Trade } from '../types';

/**
 * An amount of money computed as a float (an average, a chained equity), as a decimal string with
 * at most 8 fractional digits. Exact amounts (fills, fees, final cash) never go through this.
 */
export function money(x: number): string {
  return Decimal.fromNumber(x).round(8).toString();
}

/** {@link BacktestMetrics} with the amounts of money as decimal strings. */
export interface MetricsReport
  extends Omit<
    BacktestMetrics,
    'startEquity' | 'endEquity' | 'expectancy' | 'averageTrade' | 'bestTrade' | 'worstTrade' | 'feesPaid'
  > {
  startEquity: string;
  endEquity: string;
  expectancy: string | null;
  averageTrade: string | null;
  bestTrade: string | null;
  worstTrade: string | null;
  feesPaid: string;
}

/** A round trip with its decimals as strings and its times in ms. */
export interface TradeReport {
  side: 'long' | 'short';
  quantity: string;
  entryTime: number;
  entryPrice: string;
  exitTime: number;
  exitPrice: string;
  fees: string;
  pnl: string;
  returnPct: number;
  open: boolean;
}

export interface RunReport {
  params: Record<string, ParamValue>;
  metrics: MetricsReport;
  trades: TradeReport[];
  /** Null for a walk-forward: its chained test runs have no single account. */
  finalCash: string | null;
  finalPosition: string | null;
  finalEquity: string;
  feesPaid: string;
  outOfMoney: boolean;
  /** With the safety enforcer on: what it did. */
  safety?: { blockedEntries: number; pauses: number; resumes: number; finalState: SafetyState };
}

export interface ScoredReport {
  params: Record<string, ParamValue>;
  /** Null for a point the objective rules out. */
  score: number | null;
  metrics: MetricsReport;
}

/** The equity curve: one point per candle (ms open time, decimal equity, drawdown ≤ 0). */
export interface SeriesReport {
  times: number[];
  equity: string[];
  drawdown: number[];
}

/** What a backtest job produces; plain data. */
export interface JobReport {
  run: RunReport;
  search?: {
    method: 'grid' | 'random' | 'genetic';
    objective: string;
    evaluated: number;
    best: ScoredReport;
    top: ScoredReport[];
  };
  walkForward?: {
    windows: {
      index: number;
      trainFrom: number;
      trainTo: number;
      testFrom: number;
      testTo: number;
      params: Record<string, ParamValue>;
      score: number | null;
      evaluated: number;
      inSample: MetricsReport;
      outOfSample: MetricsReport;
    }[];
  };
  monteCarlo?: MonteCarloResult;
  series: SeriesReport;
}

const maybeMoney = (x: number | null): string | null => (x === null ? null : money(x));

export function reportMetrics(m: BacktestMetrics): MetricsReport {
  return {
    ...m,
    startEquity: money(m.startEquity),
    endEquity: money(m.endEquity),
    expectancy: maybeMoney(m.expectancy),
    averageTrade: maybeMoney(m.averageTrade),
    bestTrade: maybeMoney(m.bestTrade),
    worstTrade: maybeMoney(m.worstTrade),
    feesPaid: money(m.feesPaid),
  };
}

export function reportTrades(trades: readonly Trade[]): TradeReport[] {
  return trades.map((t) => ({
    side: t.side,
    quantity: t.quantity.toString(),
    entryTime: t.entryTime,
    entryPrice: t.entryPrice.toString(),
    exitTime: t.exitTime,
    exitPrice: t.exitPrice.toString(),
    fees: t.fees.toString(),
    pnl: t.pnl.toString(),
    returnPct: t.returnPct,
    open: t.open,
  }));
}

export function reportRun(result: BacktestResult): RunReport {
  return {
    params: { ...result.params },
    metrics: reportMetrics(result.metrics),
    trades: reportTrades(result.trades),
    finalCash: result.finalCash.toString(),
    finalPosition: result.finalPosition.toString(),
    finalEquity: result.finalEquity.toString(),
    feesPaid: result.feesPaid.toString(),
    outOfMoney: result.outOfMoney,
    ...(result.safety
      ? {
          safety: {
            blockedEntries: result.safety.blockedEntries,
            pauses: result.safety.pauses,
            resumes: result.safety.resumes,
            finalState: result.safety.finalState,
          },
        }
      : {}),
  };
}

export function reportSeries(
  candles: readonly Candle[],
  equity: Float64Array,
  drawdown: Float64Array,
): SeriesReport {
  return {
    times: candles.map((c) => c.time),
    equity: Array.from(equity, money),
    drawdown: Array.from(drawdown),
  };
}
