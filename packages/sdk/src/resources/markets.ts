import type { APIPromise } from '../core/api-promise';
import { path, symbolSegment } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type {
  CandleList,
  CandleListParams,
  IndicatorParams,
  IndicatorSeriesList,
  Market,
  MarketList,
  OrderBook,
  OrderBookParams,
  Ticker,
} from '../types';

/**
 * Markets of the configured market-data source: their trading rules, candles, tickers and order
 * books. Symbols are written `BTC/USDT`; the SDK sends them as the server's `BTC-USDT`. Prices and
 * quantities are decimal strings, exactly as the server sent them. Needs the `read` scope.
 *
 * @example
 * ```ts
 * const { data: markets } = await sigmax.markets.list();
 * const ticker = await sigmax.markets.ticker('BTC/USDT');
 * console.log(markets.length, ticker.last, ticker.stale);
 * ```
 */
export class Markets {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Every tradable market, with its trading rules.
   *
   * @example
   * ```ts
   * for (const market of (await sigmax.markets.list()).data) console.log(market.symbol, market.tickSize);
   * ```
   */
  list(options?: RequestOptions): APIPromise<MarketList> {
    return this.#http.get('/v1/markets', options);
  }

  /**
   * One market and its trading rules: a limit price must be a multiple of `tickSize`, a quantity a
   * multiple of `lotSize` and at least `minQuantity`.
   *
   * @example
   * ```ts
   * const { tickSize, lotSize, minNotional } = await sigmax.markets.get('BTC/USDT');
   * ```
   */
  get(symbol: string, options?: RequestOptions): APIPromise<Market> {
    return this.#http.get(() => path`/v1/markets/${symbolSegment(symbol)}`, options);
  }

  /**
   * Closed OHLCV candles, oldest first. With `since`, the first `limit` candles from then on; without
   * it, the last `limit` candles before `until` (or now). Missing bars stay missing.
   *
   * @example
   * ```ts
   * const { data } = await sigmax.markets.candles('BTC/USDT', { timeframe: '4h', limit: 100 });
   * console.log(data.at(-1)?.close);
   * ```
   */
  candles(symbol: string, params: CandleListParams, options?: RequestOptions): APIPromise<CandleList> {
    return this.#http.get(() => path`/v1/markets/${symbolSegment(symbol)}/candles`, options, {
      query: params,
    });
  }

  /**
   * Indicator series over the latest closed candles: the open times of the last `limit` candles
   * (default 200) and each indicator's outputs aligned with them, `null` inside its warm-up. The server
   * reads the extra candles the warm-up needs. `names` is `'rsi:14,macd:12:26:9,bbands:20:2'` or the
   * same entries as a list; duplicates are computed once. An unknown name or bad parameters reject with
   * an `UnprocessableEntityError` naming `query.names`; too little history with code
   * `insufficient_history`.
   *
   * @example
   * ```ts
   * const { time, series } = await sigmax.markets.indicators('BTC/USDT', {
   *   timeframe: '4h',
   *   names: ['rsi:14', 'macd:12:26:9'],
   *   limit: 100,
   * });
   * const rsi = series[0]?.outputs.value?.at(-1); // number, or null in the warm-up
   * console.log(time.at(-1), rsi);
   * ```
   */
  indicators(
    symbol: string,
    params: IndicatorParams,
    options?: RequestOptions,
  ): APIPromise<IndicatorSeriesList> {
    const names = typeof params.names === 'string' ? params.names : params.names.join(',');
    return this.#http.get(() => path`/v1/markets/${symbolSegment(symbol)}/indicators`, options, {
      query: { ...params, names },
    });
  }

  /**
   * The latest price with the best bid and ask. Do not trade on a ticker whose `stale` is true.
   *
   * @example
   * ```ts
   * const { last, bid, ask, stale } = await sigmax.markets.ticker('BTC/USDT');
   * ```
   */
  ticker(symbol: string, options?: RequestOptions): APIPromise<Ticker> {
    return this.#http.get(() => path`/v1/markets/${symbolSegment(symbol)}/ticker`, options);
  }

  /**
   * An order book snapshot, best levels first, each level a `[price, quantity]` pair. On replay and
   * synthetic markets the book is modelled from candles (`synthetic: true`).
   *
   * @example
   * ```ts
   * const { bids, asks } = await sigmax.markets.orderBook('BTC/USDT', { depth: 5 });
   * const [bestBid] = bids[0] ?? [];
   * ```
   */
  orderBook(symbol: string, params: OrderBookParams = {}, options?: RequestOptions): APIPromise<OrderBook> {
    return this.#http.get(() => path`/v1/markets/${symbolSegment(symbol)}/orderbook`, options, {
      query: params,
    });
  }
}
