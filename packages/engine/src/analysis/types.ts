import type { Timeframe } from '../market/timeframes';
import type { Candle, Market } from '../market/types';

/**
 * The contract of the multi-agent analysis: what goes in, what comes out. The server stores and serves
 * {@link AnalysisResult} as the API's `Analysis` (openapi/sigmax.yaml), adding its id, creation time and
 * narration; everything here is pure data, deterministic for the same input.
 */

/** A news headline, from a live source or the shipped fixtures. */
export interface NewsItem {
  /** Publication time, ms UTC. */
  time: number;
  title: string;
  /** Where it came from (feed URL or fixture name). */
  source: string;
  url?: string;
  /** Assets the item is about, e.g. `['BTC']`; empty when unknown. */
  assets: string[];
}

export interface AnalysisParameters {
  /** Bull/bear rounds. @default 2 */
  debateRounds: number;
  /** Fraction of the Kelly bet to take. @default 0.5 */
  kellyFraction: number;
  /** Largest position as a fraction of capital. @default 0.25 */
  maxPositionFraction: number;
  /** Annualised volatility the optimizer sizes for. @default 0.4 */
  targetVolatility: number;
  /** Stop-loss and take-profit distances in ATRs of the shortest timeframe. @default 2 and 3 */
  stopAtr: number;
  takeProfitAtr: number;
}

/** Everything an analysis looks at. The same input gives the same result. */
export interface AnalysisInput {
  symbol: string;
  /** The market's rules (tick and lot sizes for rounding the suggestions). */
  market: Market;
  /** Closed candles per timeframe, oldest first, the last one being the latest closed bar. */
  candles: Partial<Record<Timeframe, readonly Candle[]>>;
  /** News about the market; `null` when no source could be reached (the analysis says so). */
  news: readonly NewsItem[] | null;
  /** Quote capital to size for, as a decimal string. */
  capital: string;
  parameters: AnalysisParameters;
}

export type DecisionAction = 'buy' | 'sell' | 'hold';
export type AgentName =
  | 'researcher'
  | 'technical'
  | 'bull'
  | 'bear'
  | 'judge'
  | 'risk'
  | 'privacy'
  | 'optimizer';

export interface Evidence {
  name: string;
  value: number | string;
  source?: string;
}

export interface AgentFinding {
  agent: AgentName;
  summary: string;
  /** Bearish −1 … +1 bullish; 0 for agents that take no side. */
  score: number;
  evidence: Evidence[];
  warnings: string[];
}

export interface DebateTurn {
  round: number;
  side: 'bull' | 'bear';
  argument: string;
  /** 0 … 1. */
  strength: number;
  /** The opposing point this turn answers, if any. */
  rebuts: string | null;
  evidence: Evidence[];
}

export interface Verdict {
  action: DecisionAction;
  confidence: number;
  bullScore: number;
  bearScore: number;
  reasoning: string;
}

export interface Decision {
  action: DecisionAction;
  confidence: number;
  /** Decimal strings, rounded to the market's lot and tick sizes. */
  size: string;
  notional: string;
  entryPrice: string;
  stopLoss: string | null;
  takeProfit: string | null;
}

export interface AnalysisResult {
  symbol: string;
  /** Close time (ms UTC) of the latest candle seen. */
  asOf: number;
  decision: Decision;
  /** One finding per agent, in the order researcher, technical, bull, bear, judge, risk, optimizer, privacy. */
  agents: AgentFinding[];
  debate: { rounds: number; turns: DebateTurn[]; verdict: Verdict };
  /** Inputs that were missing, e.g. `'news'`. */
  missingInputs: string[];
  /** SHA-256 (hex) of the canonical input; equal inputs, equal hashes. */
  inputHash: string;
  engineVersion: string;
  parameters: AnalysisParameters;
  candles: { timeframe: Timeframe; count: number; from: number; to: number }[];
}
