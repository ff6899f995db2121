import { judgeAction, judgeConfidence, judgeEdge } from '../../analysis/agents/judge';
import {
  orderSize,
  orderSizeClears,
  type PositionFraction,
  positionFraction,
} from '../../analysis/agents/optimizer';
import {
  LONG_SMA,
  type MarketContext,
  RECENT_BARS,
  RESEARCHER_POINTS,
  smaScore,
  TREND_WINDOW,
  trendScore,
  trendZOf,
  VOLATILITY_WINDOW,
  VOLUME_WINDOW,
  volumeScore,
} from '../../analysis/agents/researcher';
import {
  meanQuoteVolume,
  RISK_WINDOW,
  type RiskLimits,
  type RiskMeasures,
  riskLimits,
  vetoed,
} from '../../analysis/agents/risk';
import {
  MACD_CROSS_BARS,
  macdCross,
  OBV_SLOPE_WINDOW,
  obvSlopeOf,
  type ScoredReadings,
  TECHNICAL_POINTS,
  TECHNICAL_SPECS,
  type TECHNICAL_WEIGHTS,
  technicalScores,
} from '../../analysis/agents/technical';
import { ANALYSIS_MIN_CANDLES, MAX_DEBATE_ROUNDS } from '../../analysis/analyze';
import { byStrength, caseStrength, type DebatePoint, debateRounds } from '../../analysis/debate';
import { onTimeframe } from '../../analysis/frames';
import { defaultAnalysisParameters } from '../../analysis/parameters';
import { type Signal as AnalystSignal, arguable, signalStrength } from '../../analysis/signals';
import {
  barsPerYear,
  fitLine,
  mean,
  pairSpread,
  type Regression,
  round,
  sampleStdev,
} from '../../analysis/stats';
import type { AnalysisParameters, DecisionAction } from '../../analysis/types';
import { Decimal } from '../../decimal';
import { Bbands } from '../../indicators/bollinger';
import { Adx } from '../../indicators/directional';
import { Macd } from '../../indicators/macd';
import { Sma } from '../../indicators/moving-averages';
import { Stoch } from '../../indicators/range-oscillators';
import { parseIndicatorSpec } from '../../indicators/registry';
import { Rsi } from '../../indicators/rsi';
import { Atr } from '../../indicators/true-range';
import { Obv } from '../../indicators/volume';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../market/timeframes';
import type { Candle, Market } from '../../market/types';
import { BacktestConfigError } from '../errors';
import type { StrategyDefinition } from '../types';
import { defineStrategy } from './define';

/**
 * The market the multi-agent strategy's optimizer sizes for when none is given: tick and lot of 1e-8 and
 * no minimum order beyond one lot, so a buy or sell only falls back to a hold when its suggested size rounds to nothing.
 * (The backtest's own `sizing` decides how much is traded; the optimizer's size only decides whether a
 * trade is worth suggesting at all.)
 */
export const MULTI_AGENT_MARKET: Readonly<Market> = Object.freeze({
  symbol: 'BASE/QUOTE',
  base: 'BASE',
  quote: 'QUOTE',
  tickSize: 1e-8,
  lotSize: 1e-8,
  pricePrecision: 8,
  amountPrecision: 8,
  minQuantity: 1e-8,
  minNotional: 0,
  timeframes: [],
  source: 'backtest',
});

/** The window every rolling statistic of the analysis reads (its last values, oldest first). */
const WINDOW = Math.max(
  TREND_WINDOW,
  VOLATILITY_WINDOW,
  VOLUME_WINDOW,
  RISK_WINDOW,
  OBV_SLOPE_WINDOW,
  RECENT_BARS + 1,
);

const spec = (name: string) => parseIndicatorSpec(name).params;

/** Shifts `window` one place to the left and puts `value` last. */
function push(window: Float64Array, value: number): void {
  window.copyWithin(0, 1);
  window[window.length - 1] = value;
}

/** Options of {@link StreamingAnalysis}. */
export interface StreamingAnalysisOptions {
  /** @default defaultAnalysisParameters */
  parameters?: AnalysisParameters;
  /** The market the optimizer rounds and checks minimum orders for. @default MULTI_AGENT_MARKET */
  market?: Market;
}

/**
 * The decision of {@link analyze} on one timeframe, kept up to date candle by candle: the technical
 * analyst's indicators are the incremental ones (RSI, MACD, Bollinger, ADX, stochastic, OBV, ATR) and the
 * researcher's and risk agent's statistics read fixed windows of per-bar terms computed once per candle
 * (log closes, log returns, volumes, pair spreads, bar spacings), so a candle costs the same however long
 * the history. The scores, debate points, debate, judge, risk rules and optimizer are the agents' own
 * functions; only their prose is left out. Fed `candles[0..i]`, {@link decide} gives the action and
 * confidence `analyze()` gives for a single-timeframe input of those candles without news.
 *
 * Allocates nothing per candle, except the optimizer's exact decimal sizing on a buy or sell whose size
 * comes near the market's minimum order.
 */
export class StreamingAnalysis {
  /** Action and confidence of the last {@link decide} that returned true. */
  action: DecisionAction = 'hold';
  confidence = 0;
  /** The candles' timeframe, known from the first decision on (the smallest spacing seen). */
  timeframe: Timeframe | undefined;

  readonly #params: AnalysisParameters;
  readonly #market: Market;
  readonly #tick: Decimal;
  readonly #lot: Decimal;
  #count = 0;
  #minStep = Number.POSITIVE_INFINITY;
  #prev: Candle | undefined;

  readonly #sma: Sma;
  readonly #rsi: Rsi;
  readonly #macd: Macd;
  readonly #bbands: Bbands;
  readonly #adx: Adx;
  readonly #stoch: Stoch;
  readonly #obv = new Obv();
  readonly #atr: Atr;

  readonly #closes = new Float64Array(WINDOW);
  readonly #logCloses = new Float64Array(WINDOW);
  readonly #logReturns = new Float64Array(WINDOW);
  readonly #volumes = new Float64Array(WINDOW);
  readonly #onBalance = new Float64Array(WINDOW);
  readonly #spreads = new Float64Array(WINDOW);
  readonly #steps = new Float64Array(WINDOW);
  readonly #histogram = new Float64Array(MACD_CROSS_BARS + 1);

  readonly #line: Regression = { slope: 0, last: 0, r2: 0, t: 0 };
  readonly #context: MarketContext;
  readonly #readings: ScoredReadings = {
    rsi: 0,
    macd: 0,
    macdSignal: 0,
    histogram: 0,
    cross: 0,
    upper: 0,
    middle: 0,
    lower: 0,
    close: 0,
    adx: 0,
    plusDi: 0,
    minusDi: 0,
    stochK: 0,
    stochD: 0,
    obvSlope: 0,
    atr: 0,
  };
  readonly #scores: Record<keyof typeof TECHNICAL_WEIGHTS, number> = {
    rsi: 0,
    macd: 0,
    bbands: 0,
    adx: 0,
    stoch: 0,
    obv: 0,
  };
  readonly #measures: RiskMeasures = {
    volatility: 0,
    volumeRatio: 0,
    spread: 0,
    quoteVolume: 0,
    gapped: false,
    stale: false,
  };
  readonly #limits: RiskLimits = {
    veto: null,
    sizeFactor: 1,
    maxNotional: 0,
    liquidityCap: 0,
    capitalCap: 0,
  };
  readonly #fraction: PositionFraction = { p: 0, kelly: 0, kellyCapped: 0, volTarget: 0, fraction: 0 };
  /** One debate point per reading, in the agents' order; built at the first decision. */
  #points: DebatePoint[] = [];
  readonly #bull: DebatePoint[] = [];
  readonly #bear: DebatePoint[] = [];
  #sqrtBarsPerYear = 0;

  constructor(options: StreamingAnalysisOptions = {}) {
    this.#params = { ...(options.parameters ?? defaultAnalysisParameters) };
    this.#market = options.market ?? MULTI_AGENT_MARKET;
    this.#tick = Decimal.fromNumber(this.#market.tickSize);
    this.#lot = Decimal.fromNumber(this.#market.lotSize);
    const [rsiPeriod] = spec(TECHNICAL_SPECS.rsi);
    const [fast, slow, signal] = spec(TECHNICAL_SPECS.macd);
    const [bandPeriod, k] = spec(TECHNICAL_SPECS.bbands);
    const [adxPeriod] = spec(TECHNICAL_SPECS.adx);
    const [kPeriod, smoothK, d] = spec(TECHNICAL_SPECS.stoch);
    const [atrPeriod] = spec(TECHNICAL_SPECS.atr);
    this.#sma = new Sma(LONG_SMA);
    this.#rsi = new Rsi(rsiPeriod);
    this.#macd = new Macd(fast, slow, signal);
    this.#bbands = new Bbands(bandPeriod, k);
    this.#adx = new Adx(adxPeriod);
    this.#stoch = new Stoch(kPeriod, smoothK, d);
    this.#atr = new Atr(atrPeriod);
    this.#histogram.fill(Number.NaN);
    this.#context = {
      timeframe: '1m',
      slopePerBar: 0,
      r2: 0,
      trendZ: 0,
      close: 0,
      sma: 0,
      sigmaPerBar: 0,
      volatility: 0,
      volumeRatio: 0,
      recentReturn: 0,
      gaps: 0,
      recentGaps: 0,
    };
  }

  /** Candles fed so far. */
  get count(): number {
    return this.#count;
  }

  /** Feeds the next closed candle (oldest first). */
  update(candle: Candle): void {
    const prev = this.#prev;
    const close = candle.close;
    push(this.#closes, close);
    push(this.#volumes, candle.volume);
    push(this.#logCloses, Math.log(close));
    if (prev) {
      push(this.#logReturns, Math.log(close / prev.close));
      push(this.#spreads, pairSpread(prev.high, prev.low, candle.high, candle.low));
      const step = candle.time - prev.time;
      push(this.#steps, step);
      if (step > 0 && step < this.#minStep) this.#minStep = step;
    }
    this.#sma.update(close);
    this.#rsi.update(close);
    this.#macd.update(close);
    push(this.#histogram, this.#macd.histogram);
    this.#bbands.update(close);
    this.#adx.update(candle);
    this.#stoch.update(candle);
    push(this.#onBalance, this.#obv.update(candle));
    this.#atr.update(candle);
    this.#prev = candle;
    this.#count++;
  }

  /**
   * The analysis's decision for `capital` (quote) after the candles fed so far, in {@link action} and
   * {@link confidence}. False, and nothing decided, before {@link ANALYSIS_MIN_CANDLES} candles.
   *
   * @throws BacktestConfigError `invalid_candles` when the candles' spacing is no known timeframe.
   */
  decide(capital: number): boolean {
    if (this.#count < ANALYSIS_MIN_CANDLES) return false;
    if (this.timeframe === undefined) this.#start();
    const timeframe = this.timeframe as Timeframe;
    const W = WINDOW;

    // The researcher's market context (marketContext() on the last candles).
    const c = this.#context;
    fitLine(this.#logCloses, TREND_WINDOW, this.#line);
    const returns = this.#logReturns;
    let sum = 0;
    let sumSq = 0;
    for (let i = W - VOLATILITY_WINDOW; i < W; i++) {
      const r = returns[i] as number;
      sum += r;
      sumSq += r * r;
    }
    const sigma = sampleStdev(sum, sumSq, VOLATILITY_WINDOW);
    const closes = this.#closes;
    const volumes = this.#volumes;
    c.slopePerBar = this.#line.slope;
    c.r2 = this.#line.r2;
    c.trendZ = trendZOf(this.#line.slope, sigma);
    c.close = closes[W - 1] as number;
    c.sma = this.#sma.value;
    c.sigmaPerBar = sigma;
    c.volatility = sigma * this.#sqrtBarsPerYear;
    c.volumeRatio = mean(volumes, W - RECENT_BARS, W) / mean(volumes, W - VOLUME_WINDOW, W);
    c.recentReturn = (closes[W - 1] as number) / (closes[W - 1 - RECENT_BARS] as number) - 1;
    const step = TIMEFRAME_MS[timeframe];
    let recentGaps = 0;
    for (let i = W - TREND_WINDOW + 1; i < W; i++) {
      const spacing = this.#steps[i] as number;
      if (spacing > step) recentGaps += spacing / step - 1;
    }
    c.recentGaps = recentGaps;

    // The technical analyst's readings (technicalReadings() on the last candle).
    const t = this.#readings;
    const macd = this.#macd;
    const bands = this.#bbands;
    const adx = this.#adx;
    t.rsi = this.#rsi.value;
    t.macd = macd.value;
    t.macdSignal = macd.signal;
    t.histogram = macd.histogram;
    t.cross = macdCross(this.#histogram, MACD_CROSS_BARS);
    t.upper = bands.upper;
    t.middle = bands.value;
    t.lower = bands.lower;
    t.close = c.close;
    t.adx = adx.value;
    t.plusDi = adx.plusDi;
    t.minusDi = adx.minusDi;
    t.stochK = this.#stoch.value;
    t.stochD = this.#stoch.d;
    t.obvSlope = obvSlopeOf(this.#onBalance, volumes, this.#line);
    t.atr = this.#atr.value;
    const scores = this.#scores;
    technicalScores(t, scores);

    // The bull's and bear's cases, in the agents' order of readings.
    const points = this.#points;
    const bull = this.#bull;
    const bear = this.#bear;
    bull.length = 0;
    bear.length = 0;
    this.#argue(points[0] as DebatePoint, trendScore(c));
    this.#argue(points[1] as DebatePoint, smaScore(c));
    this.#argue(points[2] as DebatePoint, volumeScore(c));
    this.#argue(points[3] as DebatePoint, scores.rsi);
    this.#argue(points[4] as DebatePoint, scores.macd);
    this.#argue(points[5] as DebatePoint, scores.bbands);
    this.#argue(points[6] as DebatePoint, scores.adx);
    this.#argue(points[7] as DebatePoint, scores.stoch);
    this.#argue(points[8] as DebatePoint, scores.obv);
    sortCase(bull);
    sortCase(bear);

    // Debate, judge, risk agent, optimizer.
    const params = this.#params;
    debateRounds(bull, bear, params.debateRounds);
    const edge = judgeEdge(caseStrength(bull), caseStrength(bear));
    const ruling = judgeAction(edge);
    const verdictConfidence = round(judgeConfidence(ruling, edge), 4);
    const m = this.#measures;
    m.volatility = Math.max(0, c.volatility);
    m.volumeRatio = c.volumeRatio;
    m.spread = this.#spread();
    m.quoteVolume = meanQuoteVolume(closes, volumes);
    m.gapped = recentGaps > 0;
    m.stale = false; // one timeframe: its last candle is the latest data
    const limits = riskLimits(m, capital, params, this.#limits);
    let action = vetoed(ruling, limits.veto);
    if (action !== 'hold') {
      const f = positionFraction(verdictConfidence, m.volatility, limits.sizeFactor, params, this.#fraction);
      // The optimizer's exact decimal sizing, only where a float bound cannot tell that it clears the
      // market's minimum order (the same outcome, without allocating on most candles).
      const market = this.#market;
      if (
        !orderSizeClears(f.fraction, capital, limits.maxNotional, c.close, market) &&
        !orderSize(
          f.fraction,
          Decimal.fromNumber(capital),
          limits.maxNotional,
          Decimal.fromNumber(c.close).quantize(this.#tick, 'half-even'),
          this.#lot,
          market,
        )
      ) {
        action = 'hold';
      }
    }
    this.action = action;
    this.confidence = round(verdictConfidence, 4);
    return true;
  }

  /** Puts a reading's point in its side's case when its score is strong enough to argue. */
  #argue(point: DebatePoint, score: number): void {
    if (!arguable(score)) return;
    const side = score > 0 ? 'bull' : 'bear';
    const strength = signalStrength(score, this.timeframe as Timeframe);
    point.side = side;
    point.initial = strength;
    point.strength = strength;
    point.made = false;
    point.answered = false;
    (side === 'bull' ? this.#bull : this.#bear).push(point);
  }

  /** The mean pair spread over the window (highLowSpread() of the last {@link RISK_WINDOW} pairs). */
  #spread(): number {
    const spreads = this.#spreads;
    let sum = 0;
    let n = 0;
    for (let i = WINDOW - RISK_WINDOW; i < WINDOW; i++) {
      const spread = spreads[i] as number;
      if (Number.isNaN(spread)) continue;
      sum += spread;
      n++;
    }
    return n === 0 ? 0 : sum / n;
  }

  /** At the first decision: the timeframe from the candles' spacing, and the debate points on it. */
  #start(): void {
    const timeframe = TIMEFRAMES.find((tf) => TIMEFRAME_MS[tf] === this.#minStep);
    if (timeframe === undefined) {
      throw new BacktestConfigError(
        'invalid_candles',
        `multi-agent: the candles are ${this.#minStep} ms apart, which is no timeframe the analysis knows (${TIMEFRAMES.join(', ')})`,
      );
    }
    this.timeframe = timeframe;
    this.#context.timeframe = timeframe;
    this.#sqrtBarsPerYear = Math.sqrt(barsPerYear(timeframe));
    const point = (name: string, source: AnalystSignal['source']): DebatePoint => {
      const id = onTimeframe(name, timeframe);
      const signal: AnalystSignal = {
        id,
        side: 'bull',
        source,
        timeframe,
        strength: 0,
        claim: id,
        evidence: [],
      };
      return {
        id,
        side: 'bull',
        claim: id,
        evidence: [],
        signal,
        initial: 0,
        strength: 0,
        made: false,
        answered: false,
      };
    };
    this.#points = [
      point(RESEARCHER_POINTS.trend, 'researcher'),
      point(RESEARCHER_POINTS.sma, 'researcher'),
      point(RESEARCHER_POINTS.volume, 'researcher'),
      point(TECHNICAL_POINTS.rsi, 'technical'),
      point(TECHNICAL_POINTS.macd, 'technical'),
      point(TECHNICAL_POINTS.bbands, 'technical'),
      point(TECHNICAL_POINTS.adx, 'technical'),
      point(TECHNICAL_POINTS.stoch, 'technical'),
      point(TECHNICAL_POINTS.obv, 'technical'),
    ];
  }
}

/** Sorts a case in place into buildCase()'s order (strongest first, ties by id), without allocating. */
function sortCase(points: DebatePoint[]): void {
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as DebatePoint;
    let j = i - 1;
    while (j >= 0 && byStrength(points[j] as DebatePoint, p) > 0) {
      points[j + 1] = points[j] as DebatePoint;
      j--;
    }
    points[j + 1] = p;
  }
}

/** Options of {@link multiAgentStrategy}. */
export interface MultiAgentOptions {
  /** The market the optimizer checks minimum orders against. @default MULTI_AGENT_MARKET */
  market?: Market;
}

/**
 * The multi-agent strategy on a given market: see {@link multiAgent}, which is this on
 * {@link MULTI_AGENT_MARKET}.
 */
export function multiAgentStrategy(options: MultiAgentOptions = {}): StrategyDefinition {
  const market = options.market ?? MULTI_AGENT_MARKET;
  return defineStrategy({
    name: 'multi-agent',
    description:
      'Trades on the multi-agent analysis (researcher, technical analyst, bull/bear debate, judge, risk agent, optimizer): long on buy, short (or flat) on sell',
    params: [
      {
        name: 'minConfidence',
        type: 'float',
        min: 0,
        max: 1,
        step: 0.05,
        default: 0,
        description: 'Confidence a buy or sell needs before it is acted on',
      },
      {
        name: 'debateRounds',
        type: 'int',
        min: 1,
        max: MAX_DEBATE_ROUNDS,
        default: defaultAnalysisParameters.debateRounds,
        description: 'Bull/bear debate rounds',
      },
      {
        name: 'onHold',
        type: 'choice',
        choices: ['keep', 'close'],
        default: 'keep',
        description:
          "On a hold: keep the position ('keep', what a hold means in analyze()) or go flat ('close')",
      },
    ],
    init(p) {
      const analysis = new StreamingAnalysis({
        parameters: { ...defaultAnalysisParameters, debateRounds: p.debateRounds as number },
        market,
      });
      const minConfidence = p.minConfidence as number;
      const closeOnHold = p.onHold === 'close';
      return (ctx) => {
        analysis.update(ctx.candle);
        if (!analysis.decide(ctx.equity)) return undefined;
        const action = analysis.action;
        if (action === 'hold') return closeOnHold ? 'close' : undefined;
        if (analysis.confidence < minConfidence) return undefined;
        return action === 'buy' ? 'long' : 'short';
      };
    },
  });
}

/**
 * The multi-agent strategy: after each candle it runs the decision of {@link analyze} on the candles so far
 * (one timeframe, the candles' own; no news), kept incrementally by {@link StreamingAnalysis}, and maps it:
 * buy → `'long'`, sell → `'short'` (a close in long-only backtests), each only when its confidence is at
 * least `minConfidence`; hold → no signal (or `'close'` with `onHold: 'close'`). No signal before
 * {@link ANALYSIS_MIN_CANDLES} candles. The optimizer sizes for the account's equity on
 * {@link MULTI_AGENT_MARKET}; the backtest's `sizing` decides the quantity traded.
 */
export const multiAgent: StrategyDefinition = multiAgentStrategy();
