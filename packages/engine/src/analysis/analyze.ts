import { Decimal } from '../decimal';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../market/timeframes';
import type { Candle } from '../market/types';
import { bearCase, bearFinding } from './agents/bear';
import { bullCase, bullFinding } from './agents/bull';
import { judge } from './agents/judge';
import { optimizer } from './agents/optimizer';
import { privacyAgent } from './agents/privacy';
import {
  LONG_SMA,
  RECENT_BARS,
  researcher,
  TREND_WINDOW,
  VOLATILITY_WINDOW,
  VOLUME_WINDOW,
} from './agents/researcher';
import { RISK_WINDOW, riskAgent } from './agents/risk';
import { TECHNICAL_WARMUP, type TechnicalReadings, technicalAnalyst } from './agents/technical';
import { analysisInputHash } from './canonical';
import { debate } from './debate';
import { AnalysisInputError, InsufficientHistoryError } from './errors';
import { type Frame, framesOf } from './frames';
import type { AnalysisInput, AnalysisParameters, AnalysisResult } from './types';
import { ENGINE_VERSION } from './version';

/** Candles before an analysis can read every indicator and window on a timeframe. */
export const ANALYSIS_WARMUP = Math.max(
  TECHNICAL_WARMUP,
  LONG_SMA - 1,
  TREND_WINDOW,
  VOLATILITY_WINDOW,
  VOLUME_WINDOW - 1,
  RISK_WINDOW,
  RECENT_BARS,
);
/** Extra candles on top of the warm-up, so the first readings are not the indicators' least settled ones. */
export const HISTORY_MARGIN = 20;
/** The fewest candles an analysis accepts on each timeframe: {@link ANALYSIS_WARMUP} + {@link HISTORY_MARGIN}. */
export const ANALYSIS_MIN_CANDLES = ANALYSIS_WARMUP + HISTORY_MARGIN;
/** The most debate rounds an analysis runs. */
export const MAX_DEBATE_ROUNDS = 10;

/**
 * The multi-agent analysis of one market: the researcher and the technical analyst read the candles
 * (and the news), the bull and the bear argue their cases for `debateRounds` rounds, the judge rules, the
 * risk agent vetoes or trims, the optimizer sizes the position and places the stop and target, and the
 * privacy agent redacts every text. Pure and deterministic: the same input gives a deep-equal result,
 * and {@link AnalysisResult.inputHash} identifies the input.
 *
 * @throws InsufficientHistoryError when a timeframe has fewer than {@link ANALYSIS_MIN_CANDLES} candles.
 * @throws AnalysisInputError when the input cannot be analysed (no candles, bad capital or parameters,
 *   candles out of order or off their timeframe's grid).
 * @example
 * const result = analyze({ symbol: 'BTC/USDT', market, candles: { '1h': h1, '4h': h4, '1d': d1 },
 *   news: null, capital: '10000', parameters: defaultAnalysisParameters });
 * result.decision; // { action: 'buy', confidence: 0.42, size: '0.031', … }
 */
export function analyze(input: AnalysisInput): AnalysisResult {
  const capital = validate(input);
  const frames = framesOf(input.candles);
  const asOf = Math.max(...frames.map((f) => f.closeTime));
  const params: AnalysisParameters = { ...input.parameters };

  const research = researcher(frames, input.news, input.market.base, asOf);
  const technical = technicalAnalyst(frames);
  const signals = [...research.signals, ...technical.signals];
  const { turns, bull, bear } = debate(bullCase(signals), bearCase(signals), params.debateRounds);
  const ruling = judge(bull, bear);
  const risk = riskAgent(
    frames,
    research.contexts,
    ruling.verdict.action,
    Number(capital.toString()),
    params,
    asOf,
  );
  const sizing = optimizer({
    action: risk.action,
    confidence: ruling.verdict.confidence,
    frame: frames[0] as Frame,
    atr: (technical.readings[0] as TechnicalReadings).atr,
    market: input.market,
    capital,
    parameters: params,
    volatility: risk.volatility,
    sizeFactor: risk.sizeFactor,
    maxNotional: risk.maxNotional,
  });

  const agents = [
    research.finding,
    technical.finding,
    bullFinding(bull),
    bearFinding(bear),
    ruling.finding,
    risk.finding,
    sizing.finding,
  ];
  const verdict = ruling.verdict;
  agents.push(privacyAgent({ agents, turns, verdict }));

  return {
    symbol: input.symbol,
    asOf,
    decision: sizing.decision,
    agents,
    debate: { rounds: params.debateRounds, turns, verdict },
    missingInputs: input.news === null ? ['news'] : [],
    inputHash: analysisInputHash(input),
    engineVersion: ENGINE_VERSION,
    parameters: params,
    candles: frames.map((f) => ({
      timeframe: f.timeframe,
      count: f.candles.length,
      from: (f.candles[0] as Candle).time,
      to: (f.candles[f.candles.length - 1] as Candle).time,
    })),
  };
}

/** Checks the input; returns the capital as a decimal. */
function validate(input: AnalysisInput): Decimal {
  const p = input.parameters;
  const check = (field: string, ok: boolean, message: string) => {
    if (!ok) throw new AnalysisInputError(`parameters.${field}`, message);
  };
  check(
    'debateRounds',
    Number.isInteger(p.debateRounds) && p.debateRounds >= 1 && p.debateRounds <= MAX_DEBATE_ROUNDS,
    `debateRounds must be a whole number from 1 to ${MAX_DEBATE_ROUNDS}`,
  );
  check('kellyFraction', p.kellyFraction > 0 && p.kellyFraction <= 1, 'kellyFraction must be in (0, 1]');
  check(
    'maxPositionFraction',
    p.maxPositionFraction > 0 && p.maxPositionFraction <= 1,
    'maxPositionFraction must be in (0, 1]',
  );
  check(
    'targetVolatility',
    p.targetVolatility > 0 && Number.isFinite(p.targetVolatility),
    'targetVolatility must be > 0',
  );
  check('stopAtr', p.stopAtr > 0 && Number.isFinite(p.stopAtr), 'stopAtr must be > 0');
  check(
    'takeProfitAtr',
    p.takeProfitAtr > 0 && Number.isFinite(p.takeProfitAtr),
    'takeProfitAtr must be > 0',
  );

  const capital = Decimal.tryFrom(input.capital);
  if (!capital || capital.isNegative()) {
    throw new AnalysisInputError(
      'capital',
      `capital must be a decimal string >= 0, got ${JSON.stringify(input.capital)}`,
    );
  }
  const { tickSize, lotSize } = input.market;
  if (!(tickSize > 0) || !(lotSize > 0))
    throw new AnalysisInputError('market', 'tickSize and lotSize must be > 0');

  const needed: Partial<Record<Timeframe, number>> = {};
  const available: Partial<Record<Timeframe, number>> = {};
  let timeframes = 0;
  for (const timeframe of TIMEFRAMES) {
    const series = input.candles[timeframe];
    if (!series || series.length === 0) continue;
    timeframes++;
    checkCandles(series, timeframe);
    if (series.length < ANALYSIS_MIN_CANDLES) {
      needed[timeframe] = ANALYSIS_MIN_CANDLES;
      available[timeframe] = series.length;
    }
  }
  if (timeframes === 0) throw new AnalysisInputError('candles', 'no candles on any timeframe');
  if (Object.keys(needed).length > 0) throw new InsufficientHistoryError(needed, available);
  return capital;
}

function checkCandles(series: readonly Candle[], timeframe: Timeframe): void {
  const step = TIMEFRAME_MS[timeframe];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < series.length; i++) {
    const c = series[i] as Candle;
    let why: string | undefined;
    if (!Number.isFinite(c.time) || c.time % step !== 0) why = `is not aligned to ${timeframe}`;
    else if (c.time <= previous) why = 'is out of order or duplicated';
    else if (
      !(c.low > 0) ||
      !(c.high >= c.low) ||
      !Number.isFinite(c.high) ||
      !(c.close > 0) ||
      !(c.volume >= 0)
    ) {
      why = 'has a non-positive or non-finite price or volume, or a high below its low';
    }
    if (why) throw new AnalysisInputError(`candles.${timeframe}`, `candle ${i} (time ${c.time}) ${why}`);
    previous = c.time;
  }
}
