import {
  type Candle,
  type CandleClose,
  type CandleFilter,
  type CandleListener,
  type CandleQuery,
  type Clock,
  DEFAULT_BOOK_DEPTH,
  DEFAULT_CANDLE_LIMIT,
  decimalsOf,
  MAX_CANDLE_LIMIT,
  type Market,
  MarketDataError,
  type MarketDataFeed,
  type OrderBookSnapshot,
  type PriceLevel,
  systemClock,
  TIMEFRAME_MS,
  TIMEFRAMES,
  type Ticker,
  type Timeframe,
  type Unsubscribe,
} from '@sigmax/engine';
import ccxt from 'ccxt';
import { PollTimer } from '../poll-timer';
import { mapCcxtError } from './ccxt-errors';
import { TtlCache } from './ttl-cache';

type Num = number | undefined;

/** The part of a ccxt market that SIGMAX reads. */
export interface CcxtMarketLike {
  symbol: string;
  base: string;
  quote: string;
  active?: boolean | undefined;
  precision: { amount?: Num; price?: Num };
  limits: { amount?: { min?: Num }; cost?: { min?: Num } };
}

/** The part of a ccxt ticker that SIGMAX reads. */
export interface CcxtTickerLike {
  timestamp?: Num;
  last?: Num;
  close?: Num;
  bid?: Num;
  ask?: Num;
  high?: Num;
  low?: Num;
  baseVolume?: Num;
}

/** The part of a ccxt exchange that the feed calls: a real `new ccxt.binance()` is one. */
export interface CcxtExchangeLike {
  id: string;
  timeframes?: Record<string, unknown>;
  /** ccxt's precision mode: 2 decimal places, 3 significant digits, 4 tick size. */
  precisionMode?: Num;
  loadMarkets(): Promise<Record<string, CcxtMarketLike | undefined>>;
  fetchOHLCV(
    symbol: string,
    timeframe?: string,
    since?: Num,
    limit?: Num,
  ): Promise<readonly (readonly Num[])[]>;
  fetchTicker(symbol: string): Promise<CcxtTickerLike>;
  fetchOrderBook(
    symbol: string,
    limit?: Num,
  ): Promise<{ bids: readonly (readonly Num[])[]; asks: readonly (readonly Num[])[]; timestamp?: Num }>;
  setSandboxMode?(enabled: boolean): void;
  close?(): Promise<unknown>;
}

export interface CcxtFeedOptions {
  /** A ccxt exchange id (`'binance'`, `'coinbase'`, `'kraken'`, …) or an exchange object. */
  exchange: string | CcxtExchangeLike;
  /**
   * Use the exchange's test network (ccxt `setSandboxMode`); fails for exchanges without one.
   * @default false
   */
  sandbox?: boolean;
  /**
   * How long an answer is reused, in milliseconds.
   * @default 2000
   */
  cacheTtlMs?: number;
  /**
   * ccxt request timeout in milliseconds.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Milliseconds between candle checks while someone listens to candle closes.
   * @default 10000
   */
  pollIntervalMs?: number;
  /** Receives poll failures. @default a process warning */
  onError?: (error: unknown) => void;
}

const TICK_SIZE = 4;
const DECIMAL_PLACES = 2;

/**
 * Market data from a real exchange through ccxt (public endpoints only: no keys needed). Calls go through
 * ccxt's own rate limiter (`enableRateLimit`), identical calls within `cacheTtlMs` share one answer, and
 * ccxt errors become {@link MarketDataError}s (see {@link mapCcxtError}). Only closed candles are returned:
 * the bar still in progress, which exchanges include, is dropped.
 *
 * @example
 * const feed = new CcxtFeed({ exchange: 'binance' });
 * await feed.getTicker('BTC/USDT');
 */
export class CcxtFeed implements MarketDataFeed {
  readonly kind: string;
  readonly exchange: CcxtExchangeLike;
  private readonly clock: Clock;
  private readonly cache: TtlCache;
  private readonly timer: PollTimer;
  private readonly subscriptions = new Set<{
    listener: CandleListener;
    symbol: string;
    timeframe: Timeframe;
  }>();
  /** Open time of the last candle delivered per `symbol timeframe`. */
  private readonly delivered = new Map<string, number>();

  constructor(options: CcxtFeedOptions, clock: Clock = systemClock) {
    this.exchange =
      typeof options.exchange === 'string'
        ? createCcxtExchange(options.exchange, options.timeoutMs ?? 10_000)
        : options.exchange;
    if (options.sandbox) enableCcxtSandbox(this.exchange);
    this.kind = `ccxt:${this.exchange.id}`;
    this.clock = clock;
    this.cache = new TtlCache(options.cacheTtlMs ?? 2000, clock);
    this.timer = new PollTimer(() => this.poll(), options.pollIntervalMs ?? 10_000, options.onError);
  }

  async listMarkets(): Promise<Market[]> {
    const markets = await this.call('loadMarkets', () => this.exchange.loadMarkets());
    return Object.values(markets)
      .filter((m): m is CcxtMarketLike => m !== undefined && m.active !== false)
      .map((m) => this.toMarket(m));
  }

  async getMarket(symbol: string): Promise<Market> {
    const markets = await this.call('loadMarkets', () => this.exchange.loadMarkets());
    const market = markets[symbol];
    if (!market) throw new MarketDataError('bad_symbol', `${this.exchange.id} does not list ${symbol}`);
    return this.toMarket(market);
  }

  async getCandles(symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candle[]> {
    const limit = query.limit ?? DEFAULT_CANDLE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDLE_LIMIT) {
      throw new MarketDataError('invalid_query', `limit must be an integer from 1 to ${MAX_CANDLE_LIMIT}`);
    }
    if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
      throw new MarketDataError('invalid_query', 'since is after until');
    }
    if (this.exchange.timeframes && !(timeframe in this.exchange.timeframes)) {
      throw new MarketDataError('unsupported_timeframe', `${this.exchange.id} has no ${timeframe} candles`);
    }
    const ms = TIMEFRAME_MS[timeframe];
    // Without `since`, ask for one bar more: the newest is usually still open and is dropped.
    const since = query.since ?? (query.until !== undefined ? query.until - limit * ms : undefined);
    const fetchLimit = query.since === undefined && query.until === undefined ? limit + 1 : limit;
    const rows = await this.call(`fetchOHLCV ${symbol} ${timeframe} ${since} ${fetchLimit}`, () =>
      this.exchange.fetchOHLCV(symbol, timeframe, since, fetchLimit),
    );
    const now = this.clock.now().getTime();
    const until = Math.min(query.until ?? Number.POSITIVE_INFINITY, now - ms + 1);
    const candles: Candle[] = [];
    for (const row of rows) {
      const [time, open, high, low, close, volume] = row;
      if ([time, open, high, low, close, volume].some((v) => typeof v !== 'number' || !Number.isFinite(v)))
        continue;
      const candle = { time, open, high, low, close, volume } as Candle;
      if (since !== undefined && candle.time < since) continue;
      if (candle.time >= until) continue;
      candles.push(candle);
    }
    candles.sort((a, b) => a.time - b.time);
    return query.since === undefined ? candles.slice(-limit) : candles.slice(0, limit);
  }

  async getTicker(symbol: string): Promise<Ticker> {
    const ticker = await this.call(`fetchTicker ${symbol}`, () => this.exchange.fetchTicker(symbol));
    const last = ticker.last ?? ticker.close;
    if (last === undefined)
      throw new MarketDataError('exchange_error', `${this.exchange.id} gave no price for ${symbol}`);
    const result: Ticker = {
      symbol,
      time: ticker.timestamp ?? this.clock.now().getTime(),
      last,
      bid: ticker.bid ?? last,
      ask: ticker.ask ?? last,
      stale: false,
    };
    if (ticker.high !== undefined) result.high24h = ticker.high;
    if (ticker.low !== undefined) result.low24h = ticker.low;
    if (ticker.baseVolume !== undefined) result.volume24h = ticker.baseVolume;
    return result;
  }

  async getOrderBook(symbol: string, depth = DEFAULT_BOOK_DEPTH): Promise<OrderBookSnapshot> {
    if (!Number.isInteger(depth) || depth < 1 || depth > 1000) {
      throw new MarketDataError('invalid_query', 'depth must be an integer from 1 to 1000');
    }
    const book = await this.call(`fetchOrderBook ${symbol} ${depth}`, () =>
      this.exchange.fetchOrderBook(symbol, depth),
    );
    return {
      symbol,
      time: book.timestamp ?? this.clock.now().getTime(),
      bids: levels(book.bids, depth),
      asks: levels(book.asks, depth),
      synthetic: false,
      stale: false,
    };
  }

  /**
   * Polls the exchange for the subscribed symbol and timeframe (both required: an exchange lists
   * thousands of markets). The first poll only notes the latest closed bar; later ones deliver the bars
   * that closed since.
   */
  onCandle(listener: CandleListener, filter: CandleFilter = {}): Unsubscribe {
    const { symbol, timeframe } = filter;
    if (symbol === undefined || timeframe === undefined) {
      throw new TypeError('a ccxt candle subscription needs a symbol and a timeframe');
    }
    const subscription = { listener, symbol, timeframe };
    this.subscriptions.add(subscription);
    const release = this.timer.acquire();
    return () => {
      this.subscriptions.delete(subscription);
      release();
    };
  }

  /** One round of candle polling; returns the candles delivered. */
  async poll(): Promise<CandleClose[]> {
    const pairs = new Map<string, { symbol: string; timeframe: Timeframe }>();
    for (const { symbol, timeframe } of this.subscriptions)
      pairs.set(`${symbol} ${timeframe}`, { symbol, timeframe });
    const events: CandleClose[] = [];
    for (const [key, { symbol, timeframe }] of pairs) {
      const candles = await this.getCandles(symbol, timeframe, { limit: 5 });
      const after = this.delivered.get(key);
      const last = candles.at(-1);
      if (last) this.delivered.set(key, Math.max(after ?? last.time, last.time));
      if (after === undefined) continue;
      for (const candle of candles) if (candle.time > after) events.push({ symbol, timeframe, candle });
    }
    for (const event of events) {
      for (const { listener, symbol, timeframe } of [...this.subscriptions]) {
        if (symbol === event.symbol && timeframe === event.timeframe)
          listener({ ...event, candle: { ...event.candle } });
      }
    }
    return events;
  }

  async close(): Promise<void> {
    this.timer.stop();
    this.subscriptions.clear();
    this.cache.clear();
    await this.exchange.close?.();
  }

  private call<T>(what: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(what, async () => {
      try {
        return await load();
      } catch (error) {
        throw mapCcxtError(error, `${this.exchange.id} ${what.split(' ')[0]}`);
      }
    });
  }

  private toMarket(m: CcxtMarketLike): Market {
    const tickSize = this.step(m.precision.price);
    const lotSize = this.step(m.precision.amount);
    const timeframes = TIMEFRAMES.filter((tf) => !this.exchange.timeframes || tf in this.exchange.timeframes);
    return {
      symbol: m.symbol,
      base: m.base,
      quote: m.quote,
      tickSize,
      lotSize,
      pricePrecision: decimalsOf(tickSize),
      amountPrecision: decimalsOf(lotSize),
      minQuantity: m.limits.amount?.min ?? lotSize,
      minNotional: m.limits.cost?.min ?? 0,
      timeframes,
      source: `${this.exchange.id} via ccxt`,
    };
  }

  /** A ccxt precision as an increment, whatever the exchange's precision mode. */
  private step(precision: Num): number {
    if (precision === undefined || !(precision > 0 || precision === 0)) return 1e-8;
    if (this.exchange.precisionMode === DECIMAL_PLACES) return 10 ** -precision;
    if (this.exchange.precisionMode === TICK_SIZE || this.exchange.precisionMode === undefined) {
      return precision > 0 ? precision : 1e-8;
    }
    return 1e-8;
  }
}

/** API credentials of an exchange account, for private (trading) endpoints. */
export interface CcxtCredentials {
  apiKey?: string | undefined;
  secret?: string | undefined;
  /** The passphrase some exchanges (OKX, KuCoin, Bitget…) add to the key. */
  password?: string | undefined;
}

/**
 * A ccxt exchange by id, with ccxt's rate limiter on, and the account's credentials when given (trading).
 * Construction is offline.
 */
export function createCcxtExchange(
  id: string,
  timeoutMs = 10_000,
  credentials: CcxtCredentials = {},
): CcxtExchangeLike {
  const constructors = ccxt as unknown as Record<string, new (config: object) => CcxtExchangeLike>;
  const Exchange = ccxt.exchanges.includes(id) ? constructors[id] : undefined;
  if (!Exchange) throw new RangeError(`unknown ccxt exchange id: ${id}`);
  const config: Record<string, unknown> = { enableRateLimit: true, timeout: timeoutMs };
  for (const [key, value] of Object.entries(credentials)) if (value !== undefined) config[key] = value;
  return new Exchange(config);
}

/**
 * Points an exchange at its test network (ccxt `setSandboxMode`).
 * @throws {RangeError} for an exchange without one in ccxt.
 */
export function enableCcxtSandbox(exchange: { id: string; setSandboxMode?(enabled: boolean): void }): void {
  // ccxt checks only that a `test` key exists; some exchanges have one set to undefined, and ccxt
  // would then replace their API URLs with nothing.
  const urls = (exchange as { urls?: { test?: unknown } }).urls;
  if (!exchange.setSandboxMode || (urls && urls.test === undefined)) {
    throw new RangeError(`${exchange.id} has no sandbox (test network) in ccxt`);
  }
  try {
    exchange.setSandboxMode(true);
  } catch (error) {
    throw new RangeError(`${exchange.id} has no sandbox: ${(error as Error).message}`);
  }
}

function levels(rows: readonly (readonly Num[])[], depth: number): PriceLevel[] {
  const out: PriceLevel[] = [];
  for (const [price, quantity] of rows) {
    if (typeof price !== 'number' || typeof quantity !== 'number') continue;
    out.push([price, quantity]);
    if (out.length === depth) break;
  }
  return out;
}
