import { sma } from '../../indicators/moving-averages';
import { findGaps } from '../../market/candles';
import type { Timeframe } from '../../market/timeframes';
import { type Frame, onTimeframe } from '../frames';
import { sentiment } from '../sentiment';
import { type Signal, signalFrom, weightedByTimeframe } from '../signals';
import { barsPerYear, logReturnStdev, mean, regression, round } from '../stats';
import type { AgentFinding, Evidence, NewsItem } from '../types';

/** Bars of the trend regression, the long SMA, realised volatility and the average volume. */
export const TREND_WINDOW = 50;
export const LONG_SMA = 50;
export const VOLATILITY_WINDOW = 50;
export const VOLUME_WINDOW = 50;
/** The recent bars whose volume is compared with the average. */
export const RECENT_BARS = 5;
/** News loses half its weight every 24 hours before the analysis. */
export const NEWS_HALF_LIFE_MS = 24 * 3_600_000;
/** Only news from the last 7 days counts. */
export const NEWS_MAX_AGE_MS = 7 * 24 * 3_600_000;

/** The names of the researcher's debate points on a timeframe (their ids add the timeframe). */
export const RESEARCHER_POINTS = {
  trend: 'trend',
  sma: `price vs sma:${LONG_SMA}`,
  volume: 'volume confirmation',
} as const;

/** Weights of the researcher's score components (renormalised when news is missing). */
const WEIGHTS = { trend: 0.45, sma: 0.35, news: 0.2 };

/** What the researcher measured on one timeframe. */
export interface MarketContext {
  timeframe: Timeframe;
  /** Fitted log-price change per bar, as a fraction (0.001 = +0.1 % a bar). */
  slopePerBar: number;
  r2: number;
  /** The fitted move over the window in units of the random-walk move σ√n. */
  trendZ: number;
  close: number;
  sma: number;
  /** Standard deviation of the log returns of the last {@link VOLATILITY_WINDOW} bars. */
  sigmaPerBar: number;
  /** Annualised realised volatility of log returns. */
  volatility: number;
  /** Mean volume of the last {@link RECENT_BARS} bars ÷ mean of the last {@link VOLUME_WINDOW}. */
  volumeRatio: number;
  /** Return over the last {@link RECENT_BARS} bars. */
  recentReturn: number;
  /** Missing bars in the whole series and among the last {@link TREND_WINDOW} bars. */
  gaps: number;
  recentGaps: number;
}

export interface NewsSentiment {
  /** Recency-weighted mean sentiment of the relevant items, −1 … 1. */
  score: number;
  /** Items about the asset published in the week before the analysis. */
  items: number;
  mostPositive?: { title: string; score: number };
  mostNegative?: { title: string; score: number };
}

export interface ResearcherReport {
  finding: AgentFinding;
  signals: Signal[];
  contexts: MarketContext[];
  news: NewsSentiment | null;
}

/** The trend, volatility, volume and gap picture of one timeframe. */
export function marketContext(frame: Frame): MarketContext {
  const { candles, close, volume, timeframe } = frame;
  const n = close.length;
  const logs = new Float64Array(TREND_WINDOW);
  for (let i = 0; i < TREND_WINDOW; i++) logs[i] = Math.log(close[n - TREND_WINDOW + i] as number);
  const line = regression(logs, TREND_WINDOW);
  const sigma = logReturnStdev(candles, VOLATILITY_WINDOW);
  const trendZ = trendZOf(line.slope, sigma);
  const longSma = sma(close, LONG_SMA)[n - 1] as number;
  const gaps = findGaps(candles, timeframe);
  const recentFrom = (candles[n - TREND_WINDOW] as { time: number }).time;
  return {
    timeframe,
    slopePerBar: line.slope,
    r2: line.r2,
    trendZ,
    close: close[n - 1] as number,
    sma: longSma,
    sigmaPerBar: sigma,
    volatility: sigma * Math.sqrt(barsPerYear(timeframe)),
    volumeRatio: mean(volume, n - RECENT_BARS, n) / mean(volume, n - VOLUME_WINDOW, n),
    recentReturn: (close[n - 1] as number) / (close[n - 1 - RECENT_BARS] as number) - 1,
    gaps: gaps.reduce((sum, gap) => sum + gap.missing, 0),
    recentGaps: gaps.filter((gap) => gap.until > recentFrom).reduce((sum, gap) => sum + gap.missing, 0),
  };
}

/** The fitted move over {@link TREND_WINDOW} bars in units of the random-walk move σ√n (0 without volatility). */
export function trendZOf(slopePerBar: number, sigmaPerBar: number): number {
  return sigmaPerBar > 0 ? (slopePerBar * (TREND_WINDOW - 1)) / (sigmaPerBar * Math.sqrt(TREND_WINDOW)) : 0;
}

/** The trend as a score in [−1, 1]: `tanh(trendZ / 2)`. */
export const trendScore = (c: MarketContext): number => Math.tanh(c.trendZ / 2);

/** The close against the long SMA as a score in [−1, 1]: `tanh(z / 2)` of {@link smaDeviationZ}. */
export const smaScore = (c: MarketContext): number => Math.tanh(smaDeviationZ(c) / 2);

/** Recent volume above this multiple of its average backs the direction of the recent move. */
export const VOLUME_CONFIRMATION_RATIO = 1.2;

/**
 * The volume-confirmation score: `sign(recent return) × tanh(volume ratio − 1)` when recent volume runs
 * above {@link VOLUME_CONFIRMATION_RATIO} × its average behind a move, 0 (no point) otherwise.
 */
export function volumeScore(c: MarketContext): number {
  if (c.volumeRatio > VOLUME_CONFIRMATION_RATIO && c.recentReturn !== 0)
    return Math.sign(c.recentReturn) * Math.tanh(c.volumeRatio - 1);
  return 0;
}

/**
 * Headline sentiment about `asset`: items published in the week up to `asOf` (later ones would be
 * look-ahead) and about the asset (or about no asset in particular), each scored by the lexicon and
 * weighted by recency (half-life 24 h).
 */
export function newsSentiment(news: readonly NewsItem[], asset: string, asOf: number): NewsSentiment {
  let sum = 0;
  let weights = 0;
  let items = 0;
  let mostPositive: NewsSentiment['mostPositive'];
  let mostNegative: NewsSentiment['mostNegative'];
  for (const item of news) {
    const age = asOf - item.time;
    if (age < 0 || age > NEWS_MAX_AGE_MS) continue;
    if (item.assets.length > 0 && !item.assets.some((a) => a.toUpperCase() === asset.toUpperCase())) continue;
    const { score } = sentiment(item.title);
    const weight = 0.5 ** (age / NEWS_HALF_LIFE_MS);
    sum += weight * score;
    weights += weight;
    items++;
    if (score > 0 && (!mostPositive || score > mostPositive.score))
      mostPositive = { title: item.title, score };
    if (score < 0 && (!mostNegative || score < mostNegative.score))
      mostNegative = { title: item.title, score };
  }
  return { score: weights > 0 ? sum / weights : 0, items, mostPositive, mostNegative };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;
const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(digits)} %`;

/**
 * The researcher: market context on every timeframe (trend of the closes by regression, price against the
 * 50-bar SMA, annualised realised volatility, recent volume against its average, missing bars) and the
 * sentiment of the news. Its score is 0.45 × trend + 0.35 × price-vs-SMA (each `tanh(z / 2)` of a
 * volatility-normalised z, averaged over timeframes with {@link weightedByTimeframe}) + 0.2 × news
 * sentiment; without news the first two are renormalised.
 */
export function researcher(
  frames: readonly Frame[],
  news: readonly NewsItem[] | null,
  asset: string,
  asOf: number,
): ResearcherReport {
  const contexts = frames.map(marketContext);
  const evidence: Evidence[] = [];
  const signals: Signal[] = [];
  const warnings: string[] = [];
  const trendScores: { timeframe: Timeframe; score: number }[] = [];
  const smaScores: { timeframe: Timeframe; score: number }[] = [];
  for (const c of contexts) {
    const tf = c.timeframe;
    const trend = trendScore(c);
    const vsSma = smaScore(c);
    trendScores.push({ timeframe: tf, score: trend });
    smaScores.push({ timeframe: tf, score: vsSma });
    const slopeEvidence: Evidence = {
      name: onTimeframe('trend slope per bar', tf),
      value: round(c.slopePerBar * 100, 4),
      source: 'researcher',
    };
    const r2Evidence: Evidence = {
      name: onTimeframe('trend r2', tf),
      value: round(c.r2, 3),
      source: 'researcher',
    };
    const smaEvidence: Evidence = {
      name: onTimeframe(`close/sma:${LONG_SMA}`, tf),
      value: round(c.close / c.sma, 4),
      source: 'researcher',
    };
    const volEvidence: Evidence = {
      name: onTimeframe('realised volatility', tf),
      value: round(c.volatility, 4),
      source: 'researcher',
    };
    const volumeEvidence: Evidence = {
      name: onTimeframe(`volume/avg:${VOLUME_WINDOW}`, tf),
      value: round(c.volumeRatio, 3),
      source: 'researcher',
    };
    evidence.push(slopeEvidence, r2Evidence, smaEvidence, volEvidence, volumeEvidence, {
      name: onTimeframe('missing bars', tf),
      value: c.gaps,
      source: 'researcher',
    });
    const rising = c.slopePerBar > 0;
    const trendSignal = signalFrom(trend, {
      id: onTimeframe(RESEARCHER_POINTS.trend, tf),
      source: 'researcher',
      timeframe: tf,
      claim: `the ${tf} closes ${rising ? 'rise' : 'fall'} ${signed(c.slopePerBar, 3)} a bar over the last ${TREND_WINDOW} bars (r² ${c.r2.toFixed(2)})`,
      evidence: [slopeEvidence, r2Evidence],
    });
    if (trendSignal) signals.push(trendSignal);
    const smaSignal = signalFrom(vsSma, {
      id: onTimeframe(RESEARCHER_POINTS.sma, tf),
      source: 'researcher',
      timeframe: tf,
      claim: `the ${tf} close is ${pct(Math.abs(c.close / c.sma - 1))} ${c.close >= c.sma ? 'above' : 'below'} its ${LONG_SMA}-bar average`,
      evidence: [smaEvidence],
    });
    if (smaSignal) signals.push(smaSignal);
    // Heavy recent volume backs the direction of the recent move; it adds a point, not a score.
    const volume = volumeScore(c);
    if (volume !== 0) {
      const volumeSignal = signalFrom(volume, {
        id: onTimeframe(RESEARCHER_POINTS.volume, tf),
        source: 'researcher',
        timeframe: tf,
        claim: `${tf} volume runs at ${c.volumeRatio.toFixed(2)}× its ${VOLUME_WINDOW}-bar average behind a ${signed(c.recentReturn)} move over ${RECENT_BARS} bars`,
        evidence: [
          volumeEvidence,
          {
            name: onTimeframe(`return over ${RECENT_BARS} bars`, tf),
            value: round(c.recentReturn, 4),
            source: 'researcher',
          },
        ],
      });
      if (volumeSignal) signals.push(volumeSignal);
    }
    if (c.recentGaps > 0)
      warnings.push(`${c.recentGaps} missing ${tf} bar(s) among the last ${TREND_WINDOW}`);
  }

  let report: NewsSentiment | null = null;
  if (news === null) {
    warnings.push('no news source could be reached: the analysis uses market data only');
  } else {
    report = newsSentiment(news, asset, asOf);
    evidence.push(
      { name: 'news items', value: report.items, source: 'researcher' },
      { name: 'news sentiment', value: round(report.score, 4), source: 'researcher' },
    );
    if (report.mostPositive)
      evidence.push({ name: 'most positive headline', value: report.mostPositive.title, source: 'news' });
    if (report.mostNegative)
      evidence.push({ name: 'most negative headline', value: report.mostNegative.title, source: 'news' });
    // A lone headline is weak evidence: the point's strength grows with the number of items, up to 3.
    const newsSignal = signalFrom(report.score * Math.min(1, report.items / 3), {
      id: 'news sentiment',
      source: 'researcher',
      timeframe: null,
      claim: `${report.items} headline(s) about ${asset} read ${report.score > 0 ? 'positive' : 'negative'} on balance (sentiment ${report.score.toFixed(2)})`,
      evidence: [{ name: 'news sentiment', value: round(report.score, 4), source: 'researcher' }],
    });
    if (newsSignal) signals.push(newsSignal);
  }

  const trend = weightedByTimeframe(trendScores);
  const vsSma = weightedByTimeframe(smaScores);
  const newsWeight = report && report.items > 0 ? WEIGHTS.news : 0;
  const score =
    (WEIGHTS.trend * trend + WEIGHTS.sma * vsSma + newsWeight * (report?.score ?? 0)) /
    (WEIGHTS.trend + WEIGHTS.sma + newsWeight);
  evidence.push(
    { name: 'trend score', value: round(trend, 4), source: 'researcher' },
    { name: 'price vs sma score', value: round(vsSma, 4), source: 'researcher' },
  );
  const longest = contexts[contexts.length - 1] as MarketContext;
  const summary =
    `${describe(score)} context: on ${longest.timeframe} the trend is ${signed(longest.slopePerBar, 3)} a bar, ` +
    `price ${pct(Math.abs(longest.close / longest.sma - 1))} ${longest.close >= longest.sma ? 'above' : 'below'} its ${LONG_SMA}-bar SMA, ` +
    `realised volatility ${pct(longest.volatility, 0)} a year` +
    (report === null ? '; no news' : `; ${report.items} news item(s), sentiment ${report.score.toFixed(2)}`) +
    '.';
  return {
    finding: { agent: 'researcher', summary, score: round(score, 4), evidence, warnings },
    signals,
    contexts,
    news: report,
  };
}

/** How far the close is from the long SMA, in units of the volatility expected over half the SMA's span. */
export function smaDeviationZ(c: Pick<MarketContext, 'sigmaPerBar' | 'close' | 'sma'>): number {
  const spread = c.sigmaPerBar * Math.sqrt(LONG_SMA / 2);
  return spread > 0 ? Math.log(c.close / c.sma) / spread : 0;
}

/** A word for a score. */
export function describe(score: number): string {
  if (score >= 0.5) return 'Strongly bullish';
  if (score >= 0.15) return 'Bullish';
  if (score > -0.15) return 'Neutral';
  if (score > -0.5) return 'Bearish';
  return 'Strongly bearish';
}
