import type { Clock } from '../clock';
import { type CandleGap, findGaps, firstCandleAtOrAfter, resampleCandles } from './candles';
import { type SyntheticBookOptions, synthesizeOrderBook } from './synthetic-order-book';
import { barOpenTime, TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from './timeframes';
import {
  type Candle,
  type CandleClose,
  type CandleFilter,
  type CandleListener,
  type CandleQuery,
  type Market,
  MarketDataError,
  type MarketDataFeed,
  type OrderBookSnapshot,
  type Ticker,
  type Unsubscribe,
} from './types';

/** Default and largest number of candles one query returns. */
export const DEFAULT_CANDLE_LIMIT = 500;
export const MAX_CANDLE_LIMIT = 10_000;
/** Default levels per side of a synthetic order book. */
export const DEFAULT_BOOK_DEPTH = 20;

const DAY = 86_400_000;

/** A market and the candle series that back it. */
export interface SeriesMarket {
  /** The market; its `timeframes` are derived from the series. */
  market: Omit<Market, 'timeframes'>;
  /** Closed bars per timeframe, oldest first, each aligned to its timeframe; gaps allowed. */
  series: Partial<Record<Timeframe, readonly Candle[]>>;
}

export interface CandleSeriesFeedOptions {
  /** {@link MarketDataFeed.kind}. */
  kind: string;
  /** Market time. For a replay, a {@link ReplayClock}. */
  clock: Clock;
  markets: readonly SeriesMarket[];
  /** Shapes the modelled order books (tick and lot sizes come from each market). */
  book?: Omit<SyntheticBookOptions, 'levels' | 'tickSize' | 'lotSize'>;
  /**
   * The data is finite: once the clock passes the last bar, tickers and books are stale.
   * @default false
   */
  finite?: boolean;
}

interface SymbolSeries {
  market: Market;
  native: Map<Timeframe, readonly Candle[]>;
}

interface Subscription {
  listener: CandleListener;
  filter: CandleFilter;
}

/**
 * A {@link MarketDataFeed} over candle series held in memory, read through a clock: at any moment it shows
 * only the bars that have closed by then (no look-ahead), so a backtest, a replay and a paper session see
 * the market the same way. Longer timeframes are aggregated from the coarsest series that divides them
 * (`1d` from `4h`). Missing bars stay missing; the ticker and book say `stale` when the latest bar is one
 * of them. Tickers and books are modelled from the last closed bar by {@link synthesizeOrderBook}: the
 * feed never reads a bar that has not closed, so it does not interpolate inside the current one.
 *
 * Candle-close events fire from {@link poll}, which the host calls on a timer (or a test calls after
 * moving its clock).
 */
export class CandleSeriesFeed implements MarketDataFeed {
  readonly kind: string;
  protected readonly clock: Clock;
  private readonly symbols = new Map<string, SymbolSeries>();
  private readonly bookOptions: CandleSeriesFeedOptions['book'];
  private readonly finite: boolean;
  private readonly subscriptions = new Set<Subscription>();
  private lastPoll: number;

  constructor(options: CandleSeriesFeedOptions) {
    this.kind = options.kind;
    this.clock = options.clock;
    this.bookOptions = options.book;
    this.finite = options.finite ?? false;
    for (const { market, series } of options.markets) {
      const native = new Map<Timeframe, readonly Candle[]>();
      for (const timeframe of TIMEFRAMES) {
        const candles = series[timeframe];
        if (candles) native.set(timeframe, candles);
      }
      if (native.size === 0) throw new RangeError(`market ${market.symbol} has no candle series`);
      const timeframes = TIMEFRAMES.filter((target) =>
        [...native.keys()].some((tf) => TIMEFRAME_MS[target] % TIMEFRAME_MS[tf] === 0),
      );
      this.symbols.set(market.symbol, { market: { ...market, timeframes }, native });
    }
    this.lastPoll = this.now();
  }

  /** Market time now, in milliseconds. */
  now(): number {
    return this.clock.now().getTime();
  }

  /** Close time of the last bar of any series (ms UTC), or `Infinity` when the data does not end. */
  get dataEnd(): number {
    if (!this.finite) return Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (const [symbol, entry] of this.symbols) {
      for (const timeframe of entry.native.keys()) {
        const last = this.nativeSeries(symbol, timeframe, this.now()).at(-1);
        if (last) end = Math.max(end, last.time + TIMEFRAME_MS[timeframe]);
      }
    }
    return end;
  }

  /** True once a finite feed's clock has passed its last bar. */
  get ended(): boolean {
    return this.now() >= this.dataEnd;
  }

  async listMarkets(): Promise<Market[]> {
    return [...this.symbols.values()].map(({ market }) => ({
      ...market,
      timeframes: [...market.timeframes],
    }));
  }

  async getMarket(symbol: string): Promise<Market> {
    const { market } = this.entry(symbol);
    return { ...market, timeframes: [...market.timeframes] };
  }

  async getCandles(symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Promise<Candle[]> {
    return this.closedCandles(symbol, timeframe, query);
  }

  async getTicker(symbol: string): Promise<Ticker> {
    return this.ticker(symbol);
  }

  async getOrderBook(symbol: string, depth = DEFAULT_BOOK_DEPTH): Promise<OrderBookSnapshot> {
    return this.orderBook(symbol, depth);
  }

  /**
   * Closed candles as of now, oldest first (see {@link MarketDataFeed.getCandles}); synchronous, for
   * engine code such as backtests.
   */
  closedCandles(symbol: string, timeframe: Timeframe, query: CandleQuery = {}): Candle[] {
    const limit = query.limit ?? DEFAULT_CANDLE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDLE_LIMIT) {
      throw new MarketDataError('invalid_query', `limit must be an integer from 1 to ${MAX_CANDLE_LIMIT}`);
    }
    return this.select(symbol, timeframe, query.since, query.until, limit);
  }

  /**
   * Runs of missing bars in `symbol` as of now: between the closed bars, and after the last of them when
   * bars that should have closed since are missing (that run ends at the bar in progress). After a finite
   * feed's data has ended, the missing future is not a gap. For a timeframe aggregated from a shorter one,
   * only buckets without a single bar count as missing.
   */
  gaps(symbol: string, timeframe: Timeframe): CandleGap[] {
    const candles = this.select(symbol, timeframe, undefined, undefined, Number.POSITIVE_INFINITY);
    const gaps = findGaps(candles, timeframe);
    const last = candles.at(-1);
    const ms = TIMEFRAME_MS[timeframe];
    const inProgress = barOpenTime(this.now(), timeframe);
    if (last && !this.ended && last.time + ms < inProgress) {
      gaps.push({ from: last.time + ms, until: inProgress, missing: (inProgress - last.time) / ms - 1 });
    }
    return gaps;
  }

  /** The latest price as of now, from the last closed bar. */
  ticker(symbol: string): Ticker {
    const { bar, timeframe, stale } = this.latestBar(symbol);
    const now = this.now();
    const closeTime = bar.time + TIMEFRAME_MS[timeframe];
    const book = this.book(symbol, bar, 1);
    const day = this.select(symbol, timeframe, now - DAY - TIMEFRAME_MS[timeframe] + 1, undefined, 1_000_000);
    const ticker: Ticker = {
      symbol,
      time: closeTime,
      last: bar.close,
      bid: book.bids[0]?.[0] ?? bar.close,
      ask: book.asks[0]?.[0] ?? bar.close,
      stale,
    };
    if (day.length > 0) {
      ticker.high24h = Math.max(...day.map((c) => c.high));
      ticker.low24h = Math.min(...day.map((c) => c.low));
      ticker.volume24h = day.reduce((sum, c) => sum + c.volume, 0);
    }
    return ticker;
  }

  /** A book modelled from the last closed bar as of now (see {@link synthesizeOrderBook}). */
  orderBook(symbol: string, depth = DEFAULT_BOOK_DEPTH): OrderBookSnapshot {
    if (!Number.isInteger(depth) || depth < 1 || depth > 1000) {
      throw new MarketDataError('invalid_query', 'depth must be an integer from 1 to 1000');
    }
    const { bar, stale } = this.latestBar(symbol);
    return { symbol, time: this.now(), ...this.book(symbol, bar, depth), synthetic: true, stale };
  }

  onCandle(listener: CandleListener, filter: CandleFilter = {}): Unsubscribe {
    if (filter.symbol !== undefined) this.entry(filter.symbol);
    const subscription = { listener, filter: { ...filter } };
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /** How many candle listeners are subscribed. */
  get listenerCount(): number {
    return this.subscriptions.size;
  }

  /**
   * Delivers every candle that closed since the previous poll (or since the feed was created), in order
   * of close time, then timeframe, then symbol, to the listeners whose filter matches; returns them. A
   * listener that throws does not stop the others; the first error is rethrown at the end.
   */
  poll(): CandleClose[] {
    const now = this.now();
    const from = this.lastPoll;
    if (now <= from) return [];
    this.lastPoll = now;
    if (this.subscriptions.size === 0) return [];

    const events: CandleClose[] = [];
    for (const [symbol, { market }] of this.symbols) {
      for (const timeframe of market.timeframes) {
        const wanted = [...this.subscriptions].some(
          ({ filter }) =>
            (filter.symbol === undefined || filter.symbol === symbol) &&
            (filter.timeframe === undefined || filter.timeframe === timeframe),
        );
        if (!wanted) continue;
        const ms = TIMEFRAME_MS[timeframe];
        // Bars whose close time is in (from, now].
        for (const candle of this.select(
          symbol,
          timeframe,
          from - ms + 1,
          now - ms + 1,
          Number.POSITIVE_INFINITY,
        )) {
          events.push({ symbol, timeframe, candle });
        }
      }
    }
    events.sort(
      (a, b) =>
        a.candle.time + TIMEFRAME_MS[a.timeframe] - (b.candle.time + TIMEFRAME_MS[b.timeframe]) ||
        TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe] ||
        (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0),
    );

    let failure: { error: unknown } | undefined;
    for (const event of events) {
      for (const { listener, filter } of [...this.subscriptions]) {
        if (filter.symbol !== undefined && filter.symbol !== event.symbol) continue;
        if (filter.timeframe !== undefined && filter.timeframe !== event.timeframe) continue;
        try {
          listener({ ...event, candle: { ...event.candle } });
        } catch (error) {
          failure ??= { error };
        }
      }
    }
    if (failure) throw failure.error;
    return events;
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
  }

  /**
   * The native bars of one series, at least up to `time`. Subclasses that generate data lazily override it.
   */
  protected nativeSeries(symbol: string, timeframe: Timeframe, _time: number): readonly Candle[] {
    return this.symbols.get(symbol)?.native.get(timeframe) ?? [];
  }

  private entry(symbol: string): SymbolSeries {
    const entry = this.symbols.get(symbol);
    if (!entry) throw new MarketDataError('bad_symbol', `no market ${symbol} on this ${this.kind} feed`);
    return entry;
  }

  /** Closed bars with open time in [since, until), first or last `limit` of them. */
  private select(
    symbol: string,
    timeframe: Timeframe,
    since: number | undefined,
    until: number | undefined,
    limit: number,
  ): Candle[] {
    const entry = this.entry(symbol);
    if (!entry.market.timeframes.includes(timeframe)) {
      throw new MarketDataError(
        'unsupported_timeframe',
        `${symbol} has candles in ${entry.market.timeframes.join(', ')} only, not ${timeframe}`,
      );
    }
    for (const [name, value] of [
      ['since', since],
      ['until', until],
    ] as const) {
      if (value !== undefined && !Number.isFinite(value)) {
        throw new MarketDataError('invalid_query', `${name} must be a time in milliseconds`);
      }
    }
    if (since !== undefined && until !== undefined && since > until) {
      throw new MarketDataError('invalid_query', 'since is after until');
    }
    const now = this.now();
    const ms = TIMEFRAME_MS[timeframe];
    // A bar is closed when time + ms <= now; bars are aligned, so this is time < now - ms + 1.
    const end = Math.min(until ?? Number.POSITIVE_INFINITY, now - ms + 1);
    const sourceTimeframe = entry.native.has(timeframe)
      ? timeframe
      : ([...entry.native.keys()]
          .filter((tf) => ms % TIMEFRAME_MS[tf] === 0)
          .sort((a, b) => TIMEFRAME_MS[b] - TIMEFRAME_MS[a])[0] as Timeframe);
    const source = this.nativeSeries(symbol, sourceTimeframe, now);

    if (sourceTimeframe === timeframe) {
      const hi = firstCandleAtOrAfter(source, end);
      if (since !== undefined) {
        const lo = firstCandleAtOrAfter(source, since);
        return source.slice(lo, Math.max(lo, Math.min(hi, lo + limit))).map((c) => ({ ...c }));
      }
      return source.slice(Math.max(0, hi - limit), hi).map((c) => ({ ...c }));
    }

    // Aggregated: a bucket is in range when its open time is in [since, end). Every bucket holds at most
    // `ratio` source bars, so `limit × ratio` source bars are enough for `limit` buckets.
    const ratio = ms / TIMEFRAME_MS[sourceTimeframe];
    const bucketOf = (index: number) => Math.floor((source[index] as Candle).time / ms);
    const ceilToBucket = (time: number) => Math.ceil(time / ms) * ms;
    const hi = firstCandleAtOrAfter(source, Number.isFinite(end) ? ceilToBucket(end) : end);
    const span = Number.isFinite(limit) ? limit * ratio : Number.POSITIVE_INFINITY;
    if (since !== undefined) {
      const lo = firstCandleAtOrAfter(source, ceilToBucket(since));
      let stop = Math.min(hi, lo + span);
      while (stop < hi && stop > lo && bucketOf(stop) === bucketOf(stop - 1)) stop++;
      return resampleCandles(source.slice(lo, stop), timeframe).slice(0, limit);
    }
    let start = Math.max(0, hi - span);
    while (start > 0 && start < hi && bucketOf(start) === bucketOf(start - 1)) start--;
    const buckets = resampleCandles(source.slice(start, hi), timeframe);
    return Number.isFinite(limit) ? buckets.slice(-limit) : buckets;
  }

  /** The bar a ticker or book is read from: the freshest closed bar among the native series. */
  private latestBar(symbol: string): { bar: Candle; timeframe: Timeframe; stale: boolean } {
    const entry = this.entry(symbol);
    const now = this.now();
    let best: { bar: Candle; timeframe: Timeframe; stale: boolean } | undefined;
    for (const timeframe of entry.native.keys()) {
      const ms = TIMEFRAME_MS[timeframe];
      const series = this.nativeSeries(symbol, timeframe, now);
      const bar = series[firstCandleAtOrAfter(series, now - ms + 1) - 1];
      if (!bar) continue;
      // The bar that should have closed last opened one period before the bar in progress.
      const stale = bar.time < barOpenTime(now, timeframe) - ms;
      const candidate = { bar, timeframe, stale };
      if (!best) best = candidate;
      else if (best.stale && !stale) best = candidate;
      else if (best.stale && stale && bar.time + ms > best.bar.time + TIMEFRAME_MS[best.timeframe])
        best = candidate;
    }
    if (!best)
      throw new MarketDataError(
        'no_data',
        `no closed ${symbol} candle yet at ${new Date(now).toISOString()}`,
      );
    if (this.finite && this.ended) best.stale = true;
    return best;
  }

  private book(symbol: string, bar: Candle, levels: number) {
    const { market } = this.entry(symbol);
    return synthesizeOrderBook(bar, {
      ...this.bookOptions,
      levels,
      tickSize: market.tickSize,
      lotSize: market.lotSize,
    });
  }
}
