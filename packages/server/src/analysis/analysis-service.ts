import {
  type AnalysisInput,
  type AnalysisResult,
  analyze,
  type Candle,
  type Clock,
  defaultAnalysisParameters,
  type MarketDataFeed,
  type NewsItem,
  parseSymbol,
  TIMEFRAME_MS,
  type Timeframe,
} from '@sigmax/engine';
import type { Narration } from '../adapters/llm';
import type { LlmNarrator } from '../adapters/llm/narrator';
import type { NewsSource } from '../adapters/news';
import type { Db } from '../db/database';
import { findAnalysis, findAnalysisInput, insertAnalysis } from '../db/queries/analyses';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { ApiError } from '../problem';
import type { TradingService } from '../trading';
import { analysisBody } from './body';
import { restoreInput, storeInput } from './stored-input';

type Schemas = components['schemas'];

/** Candles read per timeframe: enough for every indicator's warm-up with room to spare. */
export const ANALYSIS_CANDLES = 500;
/** The timeframes analysed when the request names none (those the market serves). */
export const DEFAULT_ANALYSIS_TIMEFRAMES: readonly Timeframe[] = ['1h', '4h', '1d'];
/** Headlines handed to the agents, at most, and how old they may be relative to the latest candle. */
const NEWS_LIMIT = 20;
const NEWS_WINDOW_MS = 30 * 86_400_000;
/** Input hashes remembered as stored. */
const STORED_INPUTS_REMEMBERED = 10_000;

export interface AnalysisServiceOptions {
  db: Db;
  market: MarketDataFeed;
  trading: Pick<TradingService, 'portfolio'>;
  /** `null`: no news source configured (analyses run without news). */
  news: NewsSource | null;
  /** `null`: no LLM configured (the narration is templated). */
  narrator: LlmNarrator | null;
  events: EventBus;
  clock: Clock;
  logger: Logger;
}

/** What `POST /v1/analyses` asks for. */
export interface AnalysisRequest {
  symbol: string;
  timeframes?: readonly Timeframe[] | undefined;
  debateRounds?: number | undefined;
  /** Decimal string; default the portfolio's equity. */
  capital?: string | undefined;
}

/**
 * Runs the engine's multi-agent `analyze()` for the API: gathers its input (closed candles per
 * timeframe from the market feed, news, capital from the request or the portfolio's equity), has the
 * LLM narrate the result when one is configured, stores the analysis with its exact input, and
 * publishes `analysis.completed`. A rerun analyses the stored input again.
 */
export class AnalysisService {
  /** Hashes of inputs known to be stored (most recent last), so that one is not written again. */
  private readonly storedInputs = new Set<string>();

  constructor(private readonly options: AnalysisServiceOptions) {}

  async create(request: AnalysisRequest, by: { apiKeyId?: string } = {}): Promise<Schemas['Analysis']> {
    const { market: feed } = this.options;
    const market = await feed.getMarket(request.symbol);
    const timeframes = chooseTimeframes(request.timeframes, market.timeframes);
    const series = await Promise.all(
      timeframes.map((timeframe) => feed.getCandles(market.symbol, timeframe, { limit: ANALYSIS_CANDLES })),
    );
    const candles: Partial<Record<Timeframe, Candle[]>> = {};
    timeframes.forEach((timeframe, i) => {
      candles[timeframe] = series[i] ?? [];
    });
    // Timeframes the caller did not ask for by name are left out when their data has run out (a data set
    // that ends earlier than the others): analysing stale bars would only make the risk agent veto.
    const dropped = request.timeframes?.length ? [] : dropStaleTimeframes(candles);
    const capital = request.capital ?? (await this.options.trading.portfolio()).equity;
    const news = await this.news(parseSymbol(market.symbol).base, latestClose(candles));
    const input: AnalysisInput = {
      symbol: market.symbol,
      market,
      candles,
      news,
      capital,
      parameters: {
        ...defaultAnalysisParameters,
        debateRounds: request.debateRounds ?? defaultAnalysisParameters.debateRounds,
      },
    };
    return this.run(input, {
      rerunOf: null,
      apiKeyId: by.apiKeyId ?? null,
      missing: dropped.map((timeframe) => `candles:${timeframe}`),
    });
  }

  /** Analyses the stored input of `id` again: the same decision and input hash, `rerunOf` set. */
  async rerun(id: string, by: { apiKeyId?: string } = {}): Promise<Schemas['Analysis']> {
    const stored = await findAnalysis(this.options.db, id);
    if (!stored) throw new ApiError(404, 'not_found', `No analysis ${id}.`);
    const input = await findAnalysisInput(this.options.db, stored.analysis.provenance.inputHash);
    if (input === undefined) throw new Error(`the input of analysis ${id} is not stored`);
    return this.run(restoreInput(input), { rerunOf: id, apiKeyId: by.apiKeyId ?? null });
  }

  private async run(
    input: AnalysisInput,
    meta: { rerunOf: string | null; apiKeyId: string | null; missing?: readonly string[] },
  ): Promise<Schemas['Analysis']> {
    const result = analyze(input);
    const narration = await this.narrate(result);
    const now = this.options.clock.now();
    const analysis = analysisBody(result, {
      id: newId('ana', now.getTime()),
      createdAt: now,
      narration,
      missing: [...(meta.missing ?? []), ...(this.options.narrator && !narration ? ['llm'] : [])],
      rerunOf: meta.rerunOf,
    });
    const hash = result.inputHash;
    const known = this.storedInputs.has(hash);
    await insertAnalysis(
      this.options.db,
      { analysis, apiKeyId: meta.apiKeyId },
      known ? undefined : storeInput(input),
    );
    if (!known) {
      this.storedInputs.add(hash);
      if (this.storedInputs.size > STORED_INPUTS_REMEMBERED) {
        this.storedInputs.delete(this.storedInputs.values().next().value as string);
      }
    }
    this.options.events.publish({ type: 'analysis.completed', analysis });
    return analysis;
  }

  /** Headlines about `asset` up to the latest candle; `null` when the source is absent or unreachable. */
  private async news(asset: string, asOf: number): Promise<NewsItem[] | null> {
    const source = this.options.news;
    if (!source) return null;
    try {
      const items = await source.headlines(asset, NEWS_LIMIT * 5);
      return items
        .filter((item) => item.time <= asOf && item.time > asOf - NEWS_WINDOW_MS)
        .slice(0, NEWS_LIMIT);
    } catch (error) {
      this.options.logger.warn(
        { err: { message: (error as Error).message }, news: source.name },
        'news unavailable',
      );
      return null;
    }
  }

  private async narrate(result: AnalysisResult): Promise<Narration | null> {
    const { narrator } = this.options;
    if (!narrator) return null;
    try {
      return await narrator.narrate(result);
    } catch (error) {
      this.options.logger.warn({ err: { message: (error as Error).message } }, 'narration failed');
      return null;
    }
  }
}

/**
 * The timeframes to analyse: those asked for, each of which the market must serve (422 otherwise), or
 * the defaults the market serves (its longest ones when it serves none of them), shortest first.
 */
export function chooseTimeframes(
  requested: readonly Timeframe[] | undefined,
  served: readonly Timeframe[],
): Timeframe[] {
  if (requested && requested.length > 0) {
    const unserved = requested.filter((tf) => !served.includes(tf));
    if (unserved.length > 0) {
      const message = `the market serves ${served.join(', ')} only, not ${unserved.join(', ')}`;
      throw new ApiError(422, 'validation_failed', `body.timeframes: ${message}`, {
        errors: [{ path: 'body.timeframes', message }],
      });
    }
    return served.filter((tf) => requested.includes(tf));
  }
  const defaults = served.filter((tf) => DEFAULT_ANALYSIS_TIMEFRAMES.includes(tf));
  return defaults.length > 0 ? defaults : served.slice(-DEFAULT_ANALYSIS_TIMEFRAMES.length);
}

/**
 * Removes from `candles` the timeframes whose latest bar closed more than two bars of that timeframe
 * before the latest bar of any timeframe, keeping at least one; returns the removed timeframes.
 */
export function dropStaleTimeframes(candles: Partial<Record<Timeframe, readonly Candle[]>>): Timeframe[] {
  const latest = latestClose(candles);
  const dropped: Timeframe[] = [];
  for (const [timeframe, series] of Object.entries(candles) as [Timeframe, readonly Candle[]][]) {
    const last = series.at(-1);
    const closed = last ? last.time + TIMEFRAME_MS[timeframe] : 0;
    if (latest - closed > 2 * TIMEFRAME_MS[timeframe]) dropped.push(timeframe);
  }
  if (dropped.length === Object.keys(candles).length) return [];
  for (const timeframe of dropped) delete candles[timeframe];
  return dropped;
}

/** Close time of the latest candle of any timeframe (ms), or 0 without candles. */
function latestClose(candles: Partial<Record<Timeframe, readonly Candle[]>>): number {
  let latest = 0;
  for (const [timeframe, series] of Object.entries(candles) as [Timeframe, readonly Candle[]][]) {
    const last = series.at(-1);
    if (last) latest = Math.max(latest, last.time + TIMEFRAME_MS[timeframe]);
  }
  return latest;
}
