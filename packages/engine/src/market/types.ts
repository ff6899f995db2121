import type { Timeframe } from './timeframes';

/**
 * One OHLCV bar. It covers `[time, time + timeframe)`; it is closed once that interval has ended.
 * Market data uses plain numbers: prices and volumes here feed indicators and charts, not the ledger.
 */
export interface Candle {
  /** Open time of the bar, in milliseconds since the Unix epoch (UTC). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Traded quantity in the base asset (BTC for BTC/USDT). */
  volume: number;
}

/** The latest price of a market. */
export interface Ticker {
  symbol: string;
  /** When this price was observed (ms UTC). A candle-backed feed gives the close time of its bar. */
  time: number;
  last: number;
  bid: number;
  ask: number;
  high24h?: number;
  low24h?: number;
  /** Base-asset volume over the last 24 hours. */
  volume24h?: number;
  /**
   * True when the price is older than it should be: the bar that should have closed last is missing from
   * the data (a gap), or a replay has run out of data. Consumers should not trade on a stale price.
   */
  stale: boolean;
}

/** One price level of an order book: price and the quantity (base asset) resting there. */
export type PriceLevel = [price: number, quantity: number];

/** Bids (best, highest first) and asks (best, lowest first). */
export interface OrderBookSides {
  bids: PriceLevel[];
  asks: PriceLevel[];
}

/**
 * An order book snapshot from a feed, in plain numbers. The paper venue takes it through `marketView`,
 * which turns it into its decimal `OrderBook`.
 */
export interface OrderBookSnapshot extends OrderBookSides {
  symbol: string;
  /** When the snapshot was taken (ms UTC). */
  time: number;
  /** True when the book was modelled from candles (see `synthesizeOrderBook`), not read from an exchange. */
  synthetic: boolean;
  /** True when the book was modelled from a stale price (see {@link Ticker.stale}). */
  stale: boolean;
}

/** A tradable pair and its trading rules. */
export interface Market {
  /** Unified symbol, `BASE/QUOTE`, e.g. `'BTC/USDT'`. */
  symbol: string;
  base: string;
  quote: string;
  /** Smallest price increment. */
  tickSize: number;
  /** Smallest quantity increment. */
  lotSize: number;
  /** Decimal places of {@link tickSize}, for formatting prices as decimal strings. */
  pricePrecision: number;
  /** Decimal places of {@link lotSize}, for formatting quantities as decimal strings. */
  amountPrecision: number;
  /** Smallest order quantity (base asset). */
  minQuantity: number;
  /** Smallest order value (quote asset). */
  minNotional: number;
  /** Timeframes this feed serves candles for, shortest first. */
  timeframes: Timeframe[];
  /** What backs this market's data, e.g. the exchange or the data set and its licence. */
  source: string;
}

/** Which candles to return; see {@link MarketDataFeed.getCandles}. */
export interface CandleQuery {
  /** Earliest open time (ms UTC), inclusive. */
  since?: number;
  /** Latest open time (ms UTC), exclusive. */
  until?: number;
  /**
   * Most candles to return.
   * @default 500
   */
  limit?: number;
}

/** A candle that has just closed. */
export interface CandleClose {
  symbol: string;
  timeframe: Timeframe;
  candle: Candle;
}

export type CandleListener = (event: CandleClose) => void;

/** Narrows a candle subscription; an absent field matches everything. */
export interface CandleFilter {
  symbol?: string;
  timeframe?: Timeframe;
}

export type Unsubscribe = () => void;

/**
 * The one interface every market-data source implements (replay of shipped candles, a ccxt exchange, a
 * seeded synthetic market), so the engine runs the same code in backtests, paper and live trading.
 *
 * Candles are only ever closed bars, and never invented: a bar missing from the source stays missing.
 * Failures are {@link MarketDataError}s.
 */
export interface MarketDataFeed {
  /** Which kind of source this is: `'replay'`, `'ccxt:<exchange id>'` or `'synthetic'`. */
  readonly kind: string;
  listMarkets(): Promise<Market[]>;
  /** The market for `symbol`; rejects with code `bad_symbol` when there is none. */
  getMarket(symbol: string): Promise<Market>;
  /**
   * Closed candles, oldest first. With `since`, the first `limit` candles from `since` on; without it, the
   * last `limit` candles before `until` (or before now).
   */
  getCandles(symbol: string, timeframe: Timeframe, query?: CandleQuery): Promise<Candle[]>;
  getTicker(symbol: string): Promise<Ticker>;
  /**
   * The best `depth` levels of each side.
   * @default depth 20
   */
  getOrderBook(symbol: string, depth?: number): Promise<OrderBookSnapshot>;
  /** Calls `listener` each time a candle closes; returns the function that stops it. */
  onCandle(listener: CandleListener, filter?: CandleFilter): Unsubscribe;
  /** Stops timers and connections. The feed must not be used afterwards. */
  close(): Promise<void>;
}

/** The stable reasons a market-data call fails. */
export type MarketDataErrorCode =
  /** The market does not exist on this feed (HTTP 404). */
  | 'bad_symbol'
  /** The feed has no candles of that timeframe for that market (HTTP 400). */
  | 'unsupported_timeframe'
  /** A bad query: a limit out of range, `since` after `until` (HTTP 400). */
  | 'invalid_query'
  /** The feed has no data yet for that market at the current time (HTTP 404). */
  | 'no_data'
  /** The exchange cannot be reached, is down or timed out (HTTP 503). */
  | 'exchange_unavailable'
  /** The exchange rate-limited us (HTTP 429 or 503). */
  | 'rate_limited'
  /** The exchange answered with an error (HTTP 502). */
  | 'exchange_error';

/** A market-data failure with a stable machine {@link code}. */
export class MarketDataError extends Error {
  override name = 'MarketDataError';

  constructor(
    readonly code: MarketDataErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
