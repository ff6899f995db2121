import { Decimal } from '../../decimal';
import type { Market } from '../../market/types';
import { type Frame, onTimeframe } from '../frames';
import { round } from '../stats';
import type { AgentFinding, AnalysisParameters, Decision, DecisionAction, Evidence } from '../types';

export interface SizingInput {
  action: DecisionAction;
  /** The judge's confidence, 0 … 1. */
  confidence: number;
  /** The shortest timeframe: its last close is the entry price. */
  frame: Frame;
  /** ATR 14 of the shortest timeframe (the technical analyst's): the unit of the stop and target distances. */
  atr: number;
  market: Market;
  capital: Decimal;
  parameters: AnalysisParameters;
  /** Annualised volatility to size against (the risk agent's: the highest over the timeframes). */
  volatility: number;
  /** The risk agent's size factor and position limit (quote). */
  sizeFactor: number;
  maxNotional: number;
}

export interface SizingReport {
  decision: Decision;
  finding: AgentFinding;
}

/**
 * The win probability the optimizer reads into a confidence. With the stop `s` ATRs and the target `t`
 * ATRs away, a driftless price reaches the target first with probability `p₀ = s / (s + t)` (0.4 for 2
 * and 3), at which the Kelly bet is exactly 0; full confidence adds half the distance to certainty:
 * `p = p₀ + confidence × (1 − p₀) / 2`.
 */
export function winProbability(confidence: number, stopAtr: number, takeProfitAtr: number): number {
  const p0 = stopAtr / (stopAtr + takeProfitAtr);
  return p0 + (confidence * (1 - p0)) / 2;
}

/**
 * The Kelly fraction of a bet that wins `b` times what it risks with probability `p`: `p − (1 − p) / b`,
 * 0 when negative.
 */
export function kellyFraction(p: number, b: number): number {
  return Math.max(0, p - (1 - p) / b);
}

/** How the optimizer arrives at the fraction of capital to put in a position. */
export interface PositionFraction {
  /** The win probability read into the confidence ({@link winProbability}). */
  p: number;
  /** The full Kelly fraction, and the part taken, capped at `maxPositionFraction`. */
  kelly: number;
  kellyCapped: number;
  /** `min(1, targetVolatility / volatility)` (1 without volatility). */
  volTarget: number;
  /** `min(kellyCapped, volTarget) × sizeFactor`. */
  fraction: number;
}

/** The optimizer's position fraction for a confidence, written into `out` (no allocation). */
export function positionFraction(
  confidence: number,
  volatility: number,
  sizeFactor: number,
  params: AnalysisParameters,
  out: PositionFraction,
): PositionFraction {
  const p = winProbability(confidence, params.stopAtr, params.takeProfitAtr);
  const b = params.takeProfitAtr / params.stopAtr;
  const kelly = kellyFraction(p, b);
  const kellyCapped = Math.min(params.maxPositionFraction, params.kellyFraction * kelly);
  const volTarget = volatility > 0 ? Math.min(1, params.targetVolatility / volatility) : 1;
  out.p = p;
  out.kelly = kelly;
  out.kellyCapped = kellyCapped;
  out.volTarget = volTarget;
  out.fraction = Math.min(kellyCapped, volTarget) * sizeFactor;
  return out;
}

/**
 * The quantity the optimizer suggests: `fraction` of `capital`, within `maxNotional`, at `entry`,
 * rounded down to the lot; null when that is below the market's minimum order (the trade becomes a hold).
 */
export function orderSize(
  fraction: number,
  capital: Decimal,
  maxNotional: number,
  entry: Decimal,
  lot: Decimal,
  market: Market,
): Decimal | null {
  const budget = Decimal.min(
    capital.mul(Decimal.fromNumber(round(fraction, 8)), 8, 'down'),
    Decimal.fromNumber(round(maxNotional, 8)),
  );
  const size = entry.isPositive() ? budget.div(entry, 18, 'down').quantize(lot, 'down') : Decimal.ZERO;
  if (
    size.lt(Decimal.fromNumber(market.minQuantity)) ||
    size.mul(entry).lt(Decimal.fromNumber(market.minNotional))
  ) {
    return null;
  }
  return size;
}

/**
 * True when {@link orderSize} certainly clears the market's minimum order: a lower bound of its size,
 * from floats with every rounding of the exact computation (8-decimal fraction and budget, entry rounded
 * to the tick, quantity rounded down to the lot) taken against it and a relative margin of 1e-6, is at
 * least the minimum quantity and notional. False means "maybe not": ask {@link orderSize}. Allocates
 * nothing, for callers that only need the buy-or-hold outcome on every candle.
 */
export function orderSizeClears(
  fraction: number,
  capital: number,
  maxNotional: number,
  close: number,
  market: Market,
): boolean {
  const halfTick = market.tickSize / 2;
  const low = close - halfTick;
  if (!(low > 0)) return false;
  const budget = Math.min(capital * (fraction - 5e-9) - 1e-8, maxNotional - 5e-9);
  const size = (budget / (close + halfTick) - market.lotSize - 1e-18) * (1 - 1e-6);
  return size > 0 && size >= market.minQuantity && size * low * (1 - 1e-6) >= market.minNotional;
}

/**
 * The optimizer: sizes the position as the smaller of
 * - `kellyFraction × Kelly(p, b)` (half-Kelly by default), capped at `maxPositionFraction`, with `p` from
 *   {@link winProbability} and `b = takeProfitAtr / stopAtr`, and
 * - volatility targeting, `min(1, targetVolatility / realised volatility)`,
 * times capital, times the risk agent's size factor, within its position limit. The quantity is rounded
 * down to the lot size and the prices to the tick; a hold, or a size below the market's minimum order,
 * gives size 0 and no stop or target. Stop-loss and take-profit sit `stopAtr` and `takeProfitAtr` ATRs
 * (14 bars, shortest timeframe) from the entry, the last close.
 */
export function optimizer(input: SizingInput): SizingReport {
  const { frame, market, parameters: params } = input;
  const warnings: string[] = [];
  const n = frame.close.length;
  const lastAtr = input.atr;
  const tick = Decimal.fromNumber(market.tickSize);
  const lot = Decimal.fromNumber(market.lotSize);
  const entry = Decimal.fromNumber(frame.close[n - 1] as number).quantize(tick, 'half-even');

  const { p, kelly, kellyCapped, volTarget, fraction } = positionFraction(
    input.confidence,
    input.volatility,
    input.sizeFactor,
    params,
    { p: 0, kelly: 0, kellyCapped: 0, volTarget: 0, fraction: 0 },
  );

  let action = input.action;
  let size = Decimal.ZERO;
  if (action !== 'hold') {
    const suggested = orderSize(fraction, input.capital, input.maxNotional, entry, lot, market);
    if (suggested) size = suggested;
    else {
      warnings.push(
        `the suggested ${action} is below the market's minimum order (${market.minQuantity} ${market.base}, ${market.minNotional} ${market.quote}): hold`,
      );
      action = 'hold';
      size = Decimal.ZERO;
    }
  }
  const notional = size.mul(entry);
  const direction = action === 'buy' ? 1 : -1;
  const level = (atrs: number): string | null => {
    if (action === 'hold' || !Number.isFinite(lastAtr)) return null;
    const price = Decimal.fromNumber(
      round((frame.close[n - 1] as number) + direction * atrs * lastAtr, 10),
    ).quantize(tick, 'half-even');
    return price.isPositive() ? price.toString() : null;
  };
  const decision: Decision = {
    action,
    confidence: round(input.confidence, 4),
    size: size.toString(),
    notional: notional.toString(),
    entryPrice: entry.toString(),
    stopLoss: level(-params.stopAtr),
    takeProfit: level(params.takeProfitAtr),
  };
  const evidence: Evidence[] = [
    {
      name: onTimeframe(`atr:${14}`, frame.timeframe),
      value: round(lastAtr, 4),
      source: 'optimizer',
    },
    { name: 'win probability', value: round(p, 4), source: 'optimizer' },
    { name: 'kelly fraction', value: round(kelly, 4), source: 'optimizer' },
    { name: 'kelly fraction taken (capped)', value: round(kellyCapped, 4), source: 'optimizer' },
    { name: 'volatility target fraction', value: round(volTarget, 4), source: 'optimizer' },
    { name: 'position fraction', value: round(fraction, 4), source: 'optimizer' },
  ];
  const summary =
    action === 'hold'
      ? `No position: the decision is hold (entry reference ${decision.entryPrice}).`
      : `${action === 'buy' ? 'Buy' : 'Sell'} ${decision.size} ${market.base} at about ${decision.entryPrice} (${decision.notional} ${market.quote}, ` +
        `${(fraction * 100).toFixed(1)} % of capital: ${kellyCapped <= volTarget ? `${params.kellyFraction}× Kelly` : 'volatility target'}); ` +
        `stop ${decision.stopLoss ?? 'none'}, target ${decision.takeProfit ?? 'none'}.`;
  return { decision, finding: { agent: 'optimizer', summary, score: 0, evidence, warnings } };
}
