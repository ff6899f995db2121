import { adx, atr, bbands, indicatorWarmup, macd, obv, rsi, stoch } from '../../indicators';
import type { Timeframe } from '../../market/timeframes';
import { type Frame, onTimeframe } from '../frames';
import { type Signal, signalFrom, weightedByTimeframe } from '../signals';
import { clamp, fitLine, mean, type Regression, round } from '../stats';
import type { AgentFinding, Evidence } from '../types';
import { describe } from './researcher';

/** The indicator specs the technical analyst reads, in the registry's notation. */
export const TECHNICAL_SPECS = {
  rsi: 'rsi:14',
  macd: 'macd:12:26:9',
  bbands: 'bbands:20:2',
  adx: 'adx:14',
  stoch: 'stoch:14:3:3',
  obv: 'obv',
  atr: 'atr:14',
} as const;
/** The names of the technical analyst's debate points on a timeframe, by reading (their ids add the timeframe). */
export const TECHNICAL_POINTS = {
  rsi: TECHNICAL_SPECS.rsi,
  macd: `${TECHNICAL_SPECS.macd}.histogram`,
  bbands: TECHNICAL_SPECS.bbands,
  adx: TECHNICAL_SPECS.adx,
  stoch: TECHNICAL_SPECS.stoch,
  obv: 'obv',
} as const;
/** Bars over which the OBV's slope is fitted. */
export const OBV_SLOPE_WINDOW = 20;
/** A MACD cross within this many bars counts as fresh. */
export const MACD_CROSS_BARS = 3;
/** ADX at or above this means a trend (Bollinger readings are then momentum, not mean reversion). */
export const ADX_TRENDING = 20;

/** How much each reading counts in a timeframe's score. */
export const TECHNICAL_WEIGHTS = {
  rsi: 1,
  macd: 1.5,
  bbands: 0.75,
  adx: 1.5,
  stoch: 0.5,
  obv: 0.75,
} as const;

/** Candles the technical analyst needs before its first reading (the longest warm-up, plus cross look-back). */
export const TECHNICAL_WARMUP = Math.max(
  ...Object.values(TECHNICAL_SPECS).map((spec) => indicatorWarmup(spec)),
  indicatorWarmup(TECHNICAL_SPECS.macd) + MACD_CROSS_BARS,
  OBV_SLOPE_WINDOW,
);

/** The readings of one timeframe, as the evidence shows them. */
export interface TechnicalReadings {
  timeframe: Timeframe;
  rsi: number;
  macd: number;
  macdSignal: number;
  histogram: number;
  /** +1 for a bullish cross of MACD over its signal within {@link MACD_CROSS_BARS} bars, −1 bearish, 0 none. */
  cross: number;
  upper: number;
  middle: number;
  lower: number;
  close: number;
  adx: number;
  plusDi: number;
  minusDi: number;
  stochK: number;
  stochD: number;
  /** OBV's fitted change per bar ÷ the mean volume over the same bars. */
  obvSlope: number;
  atr: number;
  /** Each reading as a score in [−1, 1], and the timeframe's weighted score. */
  scores: Record<keyof typeof TECHNICAL_WEIGHTS, number>;
  score: number;
}

/**
 * An oscillator as a score: rising from −0.6 at `lo` to +0.6 at `hi` through 0 at 50 (momentum), then
 * falling back beyond the bounds (overbought above `hi`, to −0.6 at 100; oversold below `lo`, to +0.6 at 0).
 */
export function oscillatorScore(value: number, lo: number, hi: number): number {
  if (value > hi) return 0.6 - (1.2 * (value - hi)) / (100 - hi);
  if (value < lo) return -0.6 + (1.2 * (lo - value)) / lo;
  return value >= 50 ? (0.6 * (value - 50)) / (hi - 50) : (0.6 * (value - 50)) / (50 - lo);
}

/** Every reading of one timeframe. */
export function technicalReadings(frame: Frame): TechnicalReadings {
  const { close, high, low, volume, timeframe } = frame;
  const last = close.length - 1;
  const at = (series: Float64Array) => series[last] as number;
  const r = at(rsi(close, 14));
  const m = macd(close, 12, 26, 9);
  const hist = m.histogram;
  const cross = macdCross(hist, last);
  const bands = bbands(close, 20, 2);
  const directional = adx(high, low, close, 14);
  const st = stoch(high, low, close, 14, 3, 3);
  const onBalance = obv(close, volume);
  const readings = {
    timeframe,
    rsi: r,
    macd: at(m.macd),
    macdSignal: at(m.signal),
    histogram: at(hist),
    cross,
    upper: at(bands.upper),
    middle: at(bands.middle),
    lower: at(bands.lower),
    close: at(close),
    adx: at(directional.adx),
    plusDi: at(directional.plusDi),
    minusDi: at(directional.minusDi),
    stochK: at(st.k),
    stochD: at(st.d),
    obvSlope: obvSlopeOf(onBalance, volume, { slope: 0, last: 0, r2: 0, t: 0 }),
    atr: at(atr(high, low, close, 14)),
  };
  const scores = { rsi: 0, macd: 0, bbands: 0, adx: 0, stoch: 0, obv: 0 };
  const score = technicalScores(readings, scores);
  return { ...readings, scores, score };
}

/** The readings {@link technicalScores} turns into scores. */
export type ScoredReadings = Omit<TechnicalReadings, 'timeframe' | 'scores' | 'score'>;

/**
 * Each reading as a score in [−1, 1], written into `scores`, and the timeframe's weighted score
 * ({@link TECHNICAL_WEIGHTS}), returned. Allocates nothing.
 */
export function technicalScores(
  readings: ScoredReadings,
  scores: Record<keyof typeof TECHNICAL_WEIGHTS, number>,
): number {
  const halfWidth = readings.upper - readings.middle;
  const position = halfWidth > 0 ? clamp((readings.close - readings.middle) / halfWidth, -1.5, 1.5) : 0;
  const trending = readings.adx >= ADX_TRENDING;
  scores.rsi = oscillatorScore(readings.rsi, 30, 70);
  scores.macd = clamp(0.7 * Math.tanh(readings.histogram / (0.1 * readings.atr)) + 0.3 * readings.cross);
  scores.bbands = clamp((trending ? 0.5 : -0.5) * position);
  scores.adx = Math.sign(readings.plusDi - readings.minusDi) * clamp((readings.adx - 15) / 25, 0, 1);
  scores.stoch = oscillatorScore(readings.stochK, 20, 80);
  scores.obv = Math.tanh(2 * readings.obvSlope);
  let sum = 0;
  let weights = 0;
  for (const key of TECHNICAL_KEYS) {
    sum += TECHNICAL_WEIGHTS[key] * scores[key];
    weights += TECHNICAL_WEIGHTS[key];
  }
  return sum / weights;
}

const TECHNICAL_KEYS = Object.keys(TECHNICAL_WEIGHTS) as (keyof typeof TECHNICAL_WEIGHTS)[];

/**
 * +1 for a bullish cross of the MACD histogram over 0 within the last {@link MACD_CROSS_BARS} bars up to
 * `hist[last]`, −1 for a bearish one (the latest counts), 0 for none.
 */
export function macdCross(hist: ArrayLike<number>, last: number): number {
  let cross = 0;
  for (let i = last; i > last - MACD_CROSS_BARS; i--) {
    const now = hist[i] as number;
    const before = hist[i - 1] as number;
    if (now > 0 && before <= 0) cross = 1;
    else if (now < 0 && before >= 0) cross = -1;
    if (cross !== 0) break;
  }
  return cross;
}

/**
 * The OBV's fitted change per bar over the last {@link OBV_SLOPE_WINDOW} values of `onBalance`, divided by
 * the mean of the last as many `volume`s (0 without volume). `line` receives the fit.
 */
export function obvSlopeOf(
  onBalance: ArrayLike<number>,
  volume: ArrayLike<number>,
  line: Regression,
): number {
  fitLine(onBalance, OBV_SLOPE_WINDOW, line);
  const avgVolume = mean(volume, volume.length - OBV_SLOPE_WINDOW, volume.length);
  return avgVolume > 0 ? line.slope / avgVolume : 0;
}

const fixed = (x: number, digits = 2) => x.toFixed(digits);

export interface TechnicalReport {
  finding: AgentFinding;
  signals: Signal[];
  readings: TechnicalReadings[];
}

/**
 * The technical analyst: RSI 14 (momentum between 30 and 70, overbought or oversold beyond), the MACD
 * 12/26/9 histogram and fresh crosses (scaled by the ATR), the close within the Bollinger bands 20/2
 * (momentum when ADX ≥ 20, mean reversion below), ADX 14 strength with the side of +DI/−DI, the slow
 * stochastic 14/3/3, and the slope of OBV over 20 bars. Each reading becomes a score in [−1, 1]; a
 * timeframe's score is their weighted mean ({@link TECHNICAL_WEIGHTS}), the agent's the timeframe-weighted
 * mean of those. Every number it cites is the indicator's last value, rounded to 4 decimals.
 */
export function technicalAnalyst(frames: readonly Frame[]): TechnicalReport {
  const readings = frames.map(technicalReadings);
  const evidence: Evidence[] = [];
  const signals: Signal[] = [];
  const warnings: string[] = [];
  const S = TECHNICAL_SPECS;
  for (const t of readings) {
    const tf = t.timeframe;
    const ev = (name: string, value: number): Evidence => ({
      name: onTimeframe(name, tf),
      value: round(value, 4),
      source: name.split('.')[0] as string,
    });
    const rsiEv = ev(S.rsi, t.rsi);
    const histEv = ev(`${S.macd}.histogram`, t.histogram);
    const macdEv = ev(`${S.macd}.macd`, t.macd);
    const signalEv = ev(`${S.macd}.signal`, t.macdSignal);
    const upperEv = ev(`${S.bbands}.upper`, t.upper);
    const middleEv = ev(`${S.bbands}.middle`, t.middle);
    const lowerEv = ev(`${S.bbands}.lower`, t.lower);
    const closeEv = ev('close', t.close);
    const adxEv = ev(`${S.adx}.adx`, t.adx);
    const plusEv = ev(`${S.adx}.plusDi`, t.plusDi);
    const minusEv = ev(`${S.adx}.minusDi`, t.minusDi);
    const kEv = ev(`${S.stoch}.k`, t.stochK);
    const dEv = ev(`${S.stoch}.d`, t.stochD);
    const obvEv = ev(`obv slope:${OBV_SLOPE_WINDOW}`, t.obvSlope);
    const atrEv = ev(S.atr, t.atr);
    evidence.push(
      rsiEv,
      macdEv,
      signalEv,
      histEv,
      upperEv,
      middleEv,
      lowerEv,
      closeEv,
      adxEv,
      plusEv,
      minusEv,
      kEv,
      dEv,
      obvEv,
      atrEv,
      {
        name: onTimeframe('technical score', tf),
        value: round(t.score, 4),
        source: 'technical',
      },
    );
    const push = (signal: Signal | undefined) => {
      if (signal) signals.push(signal);
    };
    const rsiState =
      t.rsi > 70 ? 'overbought' : t.rsi < 30 ? 'oversold' : t.rsi >= 50 ? 'momentum up' : 'momentum down';
    push(
      signalFrom(t.scores.rsi, {
        id: onTimeframe(TECHNICAL_POINTS.rsi, tf),
        source: 'technical',
        timeframe: tf,
        claim: `RSI 14 on ${tf} is ${fixed(t.rsi, 1)} (${rsiState})`,
        evidence: [rsiEv],
      }),
    );
    const crossText =
      t.cross > 0 ? ', with a fresh bullish cross' : t.cross < 0 ? ', with a fresh bearish cross' : '';
    push(
      signalFrom(t.scores.macd, {
        id: onTimeframe(TECHNICAL_POINTS.macd, tf),
        source: 'technical',
        timeframe: tf,
        claim: `the ${tf} MACD histogram is ${t.histogram >= 0 ? 'positive' : 'negative'} at ${fixed(t.histogram)} (ATR ${fixed(t.atr)})${crossText}`,
        evidence: [histEv, macdEv, signalEv, atrEv],
      }),
    );
    const trending = t.adx >= ADX_TRENDING;
    push(
      signalFrom(t.scores.bbands, {
        id: onTimeframe(TECHNICAL_POINTS.bbands, tf),
        source: 'technical',
        timeframe: tf,
        claim: `the ${tf} close ${fixed(t.close)} is ${t.close >= t.middle ? 'above' : 'below'} the middle Bollinger band ${fixed(t.middle)} (bands ${fixed(t.lower)}–${fixed(t.upper)}), ${trending ? 'momentum in a trending market' : 'stretched in a ranging market'}`,
        evidence: [closeEv, upperEv, middleEv, lowerEv, adxEv],
      }),
    );
    push(
      signalFrom(t.scores.adx, {
        id: onTimeframe(TECHNICAL_POINTS.adx, tf),
        source: 'technical',
        timeframe: tf,
        claim: `ADX 14 on ${tf} is ${fixed(t.adx, 1)}, with +DI ${fixed(t.plusDi, 1)} ${t.plusDi >= t.minusDi ? 'above' : 'below'} −DI ${fixed(t.minusDi, 1)}`,
        evidence: [adxEv, plusEv, minusEv],
      }),
    );
    const stState =
      t.stochK > 80
        ? 'overbought'
        : t.stochK < 20
          ? 'oversold'
          : t.stochK >= 50
            ? 'upper half'
            : 'lower half';
    push(
      signalFrom(t.scores.stoch, {
        id: onTimeframe(TECHNICAL_POINTS.stoch, tf),
        source: 'technical',
        timeframe: tf,
        claim: `the ${tf} stochastic %K is ${fixed(t.stochK, 1)} (%D ${fixed(t.stochD, 1)}, ${stState})`,
        evidence: [kEv, dEv],
      }),
    );
    push(
      signalFrom(t.scores.obv, {
        id: onTimeframe(TECHNICAL_POINTS.obv, tf),
        source: 'technical',
        timeframe: tf,
        claim: `${tf} on-balance volume ${t.obvSlope >= 0 ? 'rises' : 'falls'} by ${fixed(Math.abs(t.obvSlope))}× the average volume a bar over ${OBV_SLOPE_WINDOW} bars`,
        evidence: [obvEv],
      }),
    );
  }
  const score = weightedByTimeframe(readings);
  const disagree = readings.some((a) => readings.some((b) => a.score > 0.2 && b.score < -0.2));
  if (disagree) warnings.push('the timeframes disagree: some read bullish, others bearish');
  const parts = readings.map(
    (t) =>
      `${t.timeframe} ${t.score >= 0 ? '+' : ''}${fixed(t.score)} (RSI ${fixed(t.rsi, 1)}, ADX ${fixed(t.adx, 1)})`,
  );
  return {
    finding: {
      agent: 'technical',
      summary: `${describe(score)} technicals: ${parts.join(', ')}.`,
      score: round(score, 4),
      evidence,
      warnings,
    },
    signals,
    readings,
  };
}
