import {
  type Candle,
  Decimal,
  type InstrumentRules,
  type Market,
  MarketDataError,
  type MarketDataFeed,
  type MarketView,
  marketView,
  type OrderBookSnapshot,
  type Ticker,
} from '@sigmax/engine';
import { formatPrice, formatQuantity, formatTime } from '../markets/format';
import { marketBody } from '../markets/responses';
import { ApiError } from '../problem';

/** What the paper venue trades against: the market, the book and ticker as decimals. */
export interface MarketQuote {
  market: Market;
  ticker: Ticker;
  view: MarketView;
  /** The last price. */
  last: Decimal;
}

/** Levels per side the paper venue sees: a market order larger than them fills partly. */
export const BOOK_DEPTH = 20;

/**
 * The trading side of the market-data feed: markets and their rules, order books and tickers turned
 * into the engine's decimal {@link MarketView}, and the last price seen per symbol (for marking
 * positions). The feeds speak floats; every number is rounded to the market's precision here, once.
 */
export class MarketViews {
  private readonly markets = new Map<string, Market>();
  private readonly marks = new Map<string, Decimal>();
  /** Parsed books modelled from candles, by symbol, with the close time of the bar they come from. */
  private readonly books = new Map<string, { time: number; levels: Pick<MarketView, 'bids' | 'asks'> }>();

  constructor(readonly feed: MarketDataFeed) {}

  /** The market for `symbol`; an unknown one rejects with `MarketDataError('bad_symbol')` (404). */
  async market(symbol: string): Promise<Market> {
    let market = this.markets.get(symbol);
    if (!market) {
      market = await this.feed.getMarket(symbol);
      this.markets.set(symbol, market);
    }
    return market;
  }

  /** The market's tick, lot and minimums as the engine checks them. */
  rules(market: Market): InstrumentRules {
    const body = marketBody(market);
    const rules: InstrumentRules = {};
    if (Decimal.from(body.tickSize).isPositive()) rules.tickSize = body.tickSize;
    if (Decimal.from(body.lotSize).isPositive()) rules.lotSize = body.lotSize;
    if (Decimal.from(body.minQuantity).isPositive()) rules.minQuantity = body.minQuantity;
    if (Decimal.from(body.minNotional).isPositive()) rules.minNotional = body.minNotional;
    return rules;
  }

  /**
   * The book and ticker of `symbol` now. A stale price (a replay past its data, a gap in the data) or
   * no price at all answers 503 `no_market_data`: orders are refused rather than filled at an old
   * price.
   */
  async quote(symbol: string): Promise<MarketQuote> {
    const market = await this.market(symbol);
    const cached = this.books.get(symbol);
    let ticker: Ticker;
    let book: OrderBookSnapshot | undefined;
    try {
      if (cached) {
        // A book modelled from candles changes only with the bar it is modelled from.
        ticker = await this.feed.getTicker(symbol);
        if (ticker.time !== cached.time) book = await this.feed.getOrderBook(symbol, BOOK_DEPTH);
      } else {
        [ticker, book] = await Promise.all([
          this.feed.getTicker(symbol),
          this.feed.getOrderBook(symbol, BOOK_DEPTH),
        ]);
      }
    } catch (error) {
      if (error instanceof MarketDataError && error.code === 'no_data') {
        throw new ApiError(503, 'no_market_data', `${symbol} has no market data yet: ${error.message}`);
      }
      throw error;
    }
    const last = Decimal.from(formatPrice(ticker.last, market));
    this.marks.set(symbol, last);
    if (ticker.stale || book?.stale) {
      throw new ApiError(
        503,
        'no_market_data',
        `${symbol} market data is stale (last price from ${formatTime(ticker.time)}); orders are refused rather than filled at an old price.`,
      );
    }
    let levels: Pick<MarketView, 'bids' | 'asks'>;
    if (book) {
      const level = ([price, quantity]: [number, number]) =>
        [formatPrice(price, market), formatQuantity(quantity, market)] as const;
      const positive = ([, quantity]: readonly [string, string]) => Decimal.from(quantity).isPositive();
      levels = marketView({
        bids: book.bids.map(level).filter(positive),
        asks: book.asks.map(level).filter(positive),
      });
      if (book.synthetic) this.books.set(symbol, { time: ticker.time, levels });
      else this.books.delete(symbol);
    } else {
      levels = (cached as { levels: Pick<MarketView, 'bids' | 'asks'> }).levels;
    }
    return { market, ticker, view: { bids: levels.bids, asks: levels.asks, last }, last };
  }

  /** What a closed candle traded, as the view resting orders are matched against. */
  candleView(market: Market, candle: Candle): MarketView {
    const close = formatPrice(candle.close, market);
    this.marks.set(market.symbol, Decimal.from(close));
    return marketView({
      bids: [],
      asks: [],
      last: close,
      traded: {
        high: formatPrice(candle.high, market),
        low: formatPrice(candle.low, market),
        volume: formatQuantity(candle.volume, market),
      },
    });
  }

  /**
   * The last price of `symbol` for valuing a position: the feed's ticker (stale or not: it is the last
   * price there is), else the last one seen; undefined when the market has no price at all.
   */
  async mark(symbol: string): Promise<Decimal | undefined> {
    try {
      const market = await this.market(symbol);
      const ticker = await this.feed.getTicker(symbol);
      const last = Decimal.from(formatPrice(ticker.last, market));
      this.marks.set(symbol, last);
      return last;
    } catch {
      return this.marks.get(symbol);
    }
  }

  /** The last price seen for `symbol`, without asking the feed. */
  lastMark(symbol: string): Decimal | undefined {
    return this.marks.get(symbol);
  }

  /** Marks for `symbols`: the last seen price, asking the feed only for symbols never priced. */
  async marksFor(symbols: Iterable<string>, fresh = false): Promise<Map<string, Decimal>> {
    const marks = new Map<string, Decimal>();
    for (const symbol of symbols) {
      const mark = fresh ? await this.mark(symbol) : (this.marks.get(symbol) ?? (await this.mark(symbol)));
      if (mark) marks.set(symbol, mark);
    }
    return marks;
  }
}
