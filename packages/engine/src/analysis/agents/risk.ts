import { TIMEFRAME_MS } from '../../market/timeframes';
import type { Frame } from '../frames';
import { onTimeframe } from '../frames';
import { highLowSpread, round } from '../stats';
import type { AgentFinding, AnalysisParameters, DecisionAction, Evidence } from '../types';
import type { MarketContext } from './researcher';

/** Annualised volatility above which the size is halved. */
export const HIGH_VOLATILITY = 1;
/** Annualised volatility above which the risk agent will not trade at all. */
export const EXTREME_VOLATILITY = 1.5;
/** Recent volume (last 5 bars) below this fraction of its 50-bar average is thin; the size is halved. */
export const LOW_VOLUME_RATIO = 0.3;
/** An estimated spread above this fraction of the price is wide; the size is halved. */
export const WIDE_SPREAD = 0.01;
/** Missing bars among the recent ones cut the size to three quarters. */
export const GAP_SIZE_FACTOR = 0.75;
/** The largest position, as a fraction of the average quote volume of one bar of the shortest timeframe. */
export const LIQUIDITY_SHARE = 0.01;
/** Bars the spread and the average quote volume are measured over. */
export const RISK_WINDOW = 50;

export interface RiskReport {
  finding: AgentFinding;
  /** The action after the risk agent's veto (a hold when it found a reason not to trade). */
  action: DecisionAction;
  /** 0 … 1: what to multiply the optimizer's size by. */
  sizeFactor: number;
  /** The largest position notional in quote currency: capital × maxPositionFraction, and the liquidity cap. */
  maxNotional: number;
  /** The highest annualised realised volatility over the timeframes. */
  volatility: number;
  /** Estimated spread (fraction of price) on the shortest timeframe. */
  spread: number;
}

/** What the risk agent measured: the numbers its rules read. */
export interface RiskMeasures {
  /** The highest annualised realised volatility over the timeframes. */
  volatility: number;
  /** Recent volume against its average on the shortest timeframe. */
  volumeRatio: number;
  /** Estimated spread (fraction of price) on the shortest timeframe. */
  spread: number;
  /** Mean quote volume per bar of the shortest timeframe over {@link RISK_WINDOW} bars. */
  quoteVolume: number;
  /** Missing bars among the recent ones on some timeframe. */
  gapped: boolean;
  /** A timeframe's last candle closed a whole bar or more before the latest data. */
  stale: boolean;
}

/** What the risk agent's rules make of its measures. */
export interface RiskLimits {
  /** Why a trade becomes a hold, or null. */
  veto: 'extreme volatility' | 'stale data' | null;
  sizeFactor: number;
  maxNotional: number;
  liquidityCap: number;
  capitalCap: number;
}

/**
 * The risk agent's rules without their prose, written into `out` (no allocation): the veto, the size
 * factor and the position limit for `capital`.
 */
export function riskLimits(
  m: RiskMeasures,
  capital: number,
  parameters: AnalysisParameters,
  out: RiskLimits,
): RiskLimits {
  let sizeFactor = 1;
  let veto: RiskLimits['veto'] = null;
  if (m.volatility > EXTREME_VOLATILITY) veto = 'extreme volatility';
  else if (m.volatility > HIGH_VOLATILITY) sizeFactor *= 0.5;
  const liquidityCap = LIQUIDITY_SHARE * m.quoteVolume;
  const capitalCap = capital * parameters.maxPositionFraction;
  if (m.volumeRatio < LOW_VOLUME_RATIO) sizeFactor *= 0.5;
  if (m.spread > WIDE_SPREAD) sizeFactor *= 0.5;
  if (m.gapped) sizeFactor *= GAP_SIZE_FACTOR;
  if (m.stale) veto ??= 'stale data';
  out.veto = veto;
  out.sizeFactor = sizeFactor;
  out.liquidityCap = liquidityCap;
  out.capitalCap = capitalCap;
  out.maxNotional = Math.min(capitalCap, liquidityCap);
  return out;
}

/** The action after a veto: a trade becomes a hold. */
export const vetoed = (action: DecisionAction, veto: RiskLimits['veto']): DecisionAction =>
  veto && action !== 'hold' ? 'hold' : action;

/** Mean of `close × volume` over the last {@link RISK_WINDOW} bars of the columns. */
export function meanQuoteVolume(close: ArrayLike<number>, volume: ArrayLike<number>): number {
  const n = close.length;
  let quoteVolume = 0;
  for (let i = n - RISK_WINDOW; i < n; i++) quoteVolume += (close[i] as number) * (volume[i] as number);
  return quoteVolume / RISK_WINDOW;
}

/**
 * The risk agent: volatility (realised, per timeframe, from the researcher), liquidity (recent volume,
 * the Corwin–Schultz spread estimate from highs and lows, the average quote volume per bar) and the data
 * itself (missing recent bars, a timeframe whose last candle is older than the others say it should be).
 * Red flags halve or cut the size; extreme volatility or a stale series turn a trade into a hold. Every
 * flag is a warning in the result.
 */
export function riskAgent(
  frames: readonly Frame[],
  contexts: readonly MarketContext[],
  action: DecisionAction,
  capital: number,
  parameters: AnalysisParameters,
  asOf: number,
): RiskReport {
  const warnings: string[] = [];
  const evidence: Evidence[] = [];

  let volatility = 0;
  for (const c of contexts) {
    volatility = Math.max(volatility, c.volatility);
    evidence.push({
      name: onTimeframe('realised volatility', c.timeframe),
      value: round(c.volatility, 4),
      source: 'researcher',
    });
  }
  const shortest = frames[0] as Frame;
  const shortContext = contexts[0] as MarketContext;
  const spread = highLowSpread(shortest.candles, RISK_WINDOW);
  const quoteVolume = meanQuoteVolume(shortest.close, shortest.volume);
  const gapped = contexts.filter((c) => c.recentGaps > 0);
  const limits = riskLimits(
    {
      volatility,
      volumeRatio: shortContext.volumeRatio,
      spread,
      quoteVolume,
      gapped: gapped.length > 0,
      stale: frames.some((frame) => asOf - frame.closeTime >= TIMEFRAME_MS[frame.timeframe]),
    },
    capital,
    parameters,
    { veto: null, sizeFactor: 1, maxNotional: 0, liquidityCap: 0, capitalCap: 0 },
  );
  const { sizeFactor, maxNotional, liquidityCap, capitalCap, veto } = limits;

  if (volatility > EXTREME_VOLATILITY) {
    warnings.push(
      `extreme volatility: ${(volatility * 100).toFixed(0)} % a year, above ${EXTREME_VOLATILITY * 100} %`,
    );
  } else if (volatility > HIGH_VOLATILITY) {
    warnings.push(
      `high volatility: ${(volatility * 100).toFixed(0)} % a year, above ${HIGH_VOLATILITY * 100} %; size halved`,
    );
  }
  evidence.push(
    { name: onTimeframe('spread estimate', shortest.timeframe), value: round(spread, 6), source: 'risk' },
    {
      name: onTimeframe('recent volume/avg', shortest.timeframe),
      value: round(shortContext.volumeRatio, 3),
      source: 'researcher',
    },
    {
      name: onTimeframe('mean quote volume per bar', shortest.timeframe),
      value: round(quoteVolume, 2),
      source: 'risk',
    },
    { name: 'max position notional', value: round(maxNotional, 2), source: 'risk' },
  );
  if (shortContext.volumeRatio < LOW_VOLUME_RATIO) {
    warnings.push(
      `low volume: the last ${shortest.timeframe} bars trade ${shortContext.volumeRatio.toFixed(2)}× their average; size halved`,
    );
  }
  if (spread > WIDE_SPREAD) {
    warnings.push(
      `wide spread: about ${(spread * 100).toFixed(2)} % estimated from highs and lows; size halved`,
    );
  }
  if (liquidityCap < capitalCap) {
    warnings.push(
      `liquidity limit: position capped at ${LIQUIDITY_SHARE * 100} % of the average ${shortest.timeframe} quote volume`,
    );
  }
  if (gapped.length > 0) {
    warnings.push(
      `missing recent bars on ${gapped.map((c) => c.timeframe).join(', ')}; size cut to ${GAP_SIZE_FACTOR * 100} %`,
    );
  }
  for (const frame of frames) {
    const lag = asOf - frame.closeTime;
    evidence.push({ name: onTimeframe('last candle lag (ms)', frame.timeframe), value: lag, source: 'risk' });
    if (lag >= TIMEFRAME_MS[frame.timeframe]) {
      warnings.push(
        `stale data: the last ${frame.timeframe} candle closed ${lag / 60_000} minutes before the latest data`,
      );
    }
  }

  const finalAction = vetoed(action, veto);
  if (finalAction !== action) warnings.push(`${action} downgraded to hold: ${veto}`);
  evidence.push({ name: 'size factor', value: round(sizeFactor, 4), source: 'risk' });
  const summary =
    warnings.length === 0
      ? `No red flags: volatility ${(volatility * 100).toFixed(0)} % a year, spread about ${(spread * 100).toFixed(3)} %, position limit ${maxNotional.toFixed(2)}.`
      : `${warnings.length} red flag(s)${finalAction !== action ? `; ${action} vetoed (${veto})` : sizeFactor < 1 ? `; size × ${sizeFactor.toFixed(2)}` : ''}: volatility ${(volatility * 100).toFixed(0)} % a year, position limit ${maxNotional.toFixed(2)}.`;
  return {
    finding: { agent: 'risk', summary, score: 0, evidence, warnings },
    action: finalAction,
    sizeFactor,
    maxNotional,
    volatility,
    spread,
  };
}
