import type { Timeframe } from '../market/timeframes';
import type { Evidence } from './types';

/**
 * One directional reading an analyst found, which the bull or the bear turns into a debate point: "the
 * 4h trend rises 0.3 % a bar", "RSI 14 on 1h is 78, overbought". Internal to the analysis; the result shows
 * them as the bull's and bear's points and debate turns.
 */
export interface Signal {
  /** Unique, stable name of the point, e.g. `trend (4h)`, `rsi:14 (1h)`, `news sentiment`. */
  id: string;
  /** The side it supports. */
  side: 'bull' | 'bear';
  /** The analyst it comes from. */
  source: 'researcher' | 'technical';
  timeframe: Timeframe | null;
  /** 0 … 1: how strongly it supports its side (already weighted by timeframe). */
  strength: number;
  /** One templated sentence, citing the numbers. */
  claim: string;
  /** The numbers behind the claim. */
  evidence: Evidence[];
}

/**
 * How much a reading on each timeframe counts: longer bars carry less noise, so a daily trend weighs more
 * than an hourly one. Scores are averaged with these weights over the timeframes given; debate points are
 * scaled by weight ÷ the largest weight (1d = 1, 4h = 0.8, 1h = 0.6, …).
 */
export const TIMEFRAME_WEIGHTS: Readonly<Record<Timeframe, number>> = Object.freeze({
  '1m': 0.5,
  '5m': 0.75,
  '15m': 1,
  '1h': 1.5,
  '4h': 2,
  '1d': 2.5,
});

const MAX_WEIGHT = 2.5;

/** Below this absolute score a reading is noise and makes no debate point. */
export const SIGNAL_FLOOR = 0.1;

/**
 * A signal from a score in [−1, 1] (sign = side), scaled by the timeframe's weight; `undefined` when the
 * score is too small to argue about.
 */
export function signalFrom(score: number, fields: Omit<Signal, 'side' | 'strength'>): Signal | undefined {
  if (!arguable(score)) return undefined;
  const strength = signalStrength(score, fields.timeframe);
  return { ...fields, side: score > 0 ? 'bull' : 'bear', strength };
}

/** True when a score is strong enough to make a debate point (`|score| ≥ SIGNAL_FLOOR`; false for NaN). */
export const arguable = (score: number): boolean => Math.abs(score) >= SIGNAL_FLOOR;

/** The strength of the point a score makes: `min(1, |score|)` scaled by the timeframe's weight, 4 decimals. */
export function signalStrength(score: number, timeframe: Timeframe | null): number {
  const scale = timeframe ? TIMEFRAME_WEIGHTS[timeframe] / MAX_WEIGHT : 1;
  return Math.round(Math.min(1, Math.abs(score)) * scale * 1e4) / 1e4;
}

/** The weighted mean of per-timeframe scores, with {@link TIMEFRAME_WEIGHTS}. */
export function weightedByTimeframe(scores: readonly { timeframe: Timeframe; score: number }[]): number {
  let sum = 0;
  let weights = 0;
  for (const { timeframe, score } of scores) {
    if (!Number.isFinite(score)) continue;
    sum += TIMEFRAME_WEIGHTS[timeframe] * score;
    weights += TIMEFRAME_WEIGHTS[timeframe];
  }
  return weights === 0 ? 0 : sum / weights;
}
