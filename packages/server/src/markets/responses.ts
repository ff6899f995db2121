import type { Candle, Market, OrderBookSnapshot, PriceLevel, Ticker, Timeframe } from '@sigmax/engine';
import type { components } from '../generated/openapi';
import { formatDecimal, formatPrice, formatQuantity, formatTime } from './format';

type Schemas = components['schemas'];

/**
 * A market and its trading rules as the API shows them: every rule a decimal string. Minimums are
 * rounded up if the feed's value is finer than the market's precision, so an order that meets the
 * shown minimum meets the real one; `minNotional` is a quote amount, a price times a quantity, so it
 * gets the decimals of both.
 */
export function marketBody(market: Market): Schemas['Market'] {
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    tickSize: formatPrice(market.tickSize, market),
    lotSize: formatQuantity(market.lotSize, market),
    minQuantity: formatDecimal(market.minQuantity, market.amountPrecision, 'ceil'),
    minNotional: formatDecimal(market.minNotional, market.pricePrecision + market.amountPrecision, 'ceil'),
    pricePrecision: market.pricePrecision,
    amountPrecision: market.amountPrecision,
    timeframes: [...market.timeframes],
    source: market.source,
  };
}

/** Candles of one market and timeframe, prices to its `pricePrecision`, volumes to its `amountPrecision`. */
export function candleListBody(
  market: Market,
  timeframe: Timeframe,
  candles: readonly Candle[],
): Schemas['CandleList'] {
  return {
    symbol: market.symbol,
    timeframe,
    data: candles.map((candle) => ({
      time: formatTime(candle.time),
      open: formatPrice(candle.open, market),
      high: formatPrice(candle.high, market),
      low: formatPrice(candle.low, market),
      close: formatPrice(candle.close, market),
      volume: formatQuantity(candle.volume, market),
    })),
  };
}

/** A ticker; the 24-hour fields are left out when the feed does not know them. */
export function tickerBody(market: Market, ticker: Ticker): Schemas['Ticker'] {
  const body: Schemas['Ticker'] = {
    symbol: ticker.symbol,
    time: formatTime(ticker.time),
    last: formatPrice(ticker.last, market),
    bid: formatPrice(ticker.bid, market),
    ask: formatPrice(ticker.ask, market),
    stale: ticker.stale,
  };
  if (isNumber(ticker.high24h)) body.high24h = formatPrice(ticker.high24h, market);
  if (isNumber(ticker.low24h)) body.low24h = formatPrice(ticker.low24h, market);
  if (isNumber(ticker.volume24h)) body.volume24h = formatQuantity(ticker.volume24h, market);
  return body;
}

/** An order book snapshot, each level `[price, quantity]` as decimal strings. */
export function orderBookBody(market: Market, book: OrderBookSnapshot): Schemas['OrderBook'] {
  const level = ([price, quantity]: PriceLevel): Schemas['PriceLevel'] => [
    formatPrice(price, market),
    formatQuantity(quantity, market),
  ];
  return {
    symbol: book.symbol,
    time: formatTime(book.time),
    bids: book.bids.map(level),
    asks: book.asks.map(level),
    synthetic: book.synthetic,
    stale: book.stale,
  };
}

function isNumber(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
