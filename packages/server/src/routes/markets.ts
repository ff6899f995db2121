import { isTimeframe, type Market, type Timeframe } from '@sigmax/engine';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { indicatorCandleCount, indicatorSeriesBody } from '../markets/indicators';
import { candleListBody, marketBody, orderBookBody, tickerBody } from '../markets/responses';
import { parseSymbolParam } from '../markets/symbols';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { ApiError } from '../problem';
import { indicatorQuery } from '../schemas/indicators';
import { candleListQuery, orderBookQuery } from '../schemas/markets';
import { parseQuery } from '../validation';

const read = guard('read');

/**
 * Markets, candles, indicator series, tickers and order books of the configured market-data feed
 * (replay, ccxt or synthetic). Numbers leave as decimal strings at the market's precision. Feed failures are
 * `MarketDataError`s, which the error handler turns into 404 / 429 / 502 / 503 problems.
 */
export const marketRoutes = new Hono<AppEnv>()
  .get(
    '/',
    read(async (c) => {
      const markets = await c.env.services.market.listMarkets();
      const body: components['schemas']['MarketList'] = { data: markets.map(marketBody) };
      return c.json(body);
    }),
  )
  .get(
    '/:symbol',
    read(async (c) => {
      const market = await c.env.services.market.getMarket(parseSymbolParam(pathParam(c, 'symbol')));
      return c.json(marketBody(market));
    }),
  )
  .get(
    '/:symbol/candles',
    read(async (c) => {
      const symbol = parseSymbolParam(pathParam(c, 'symbol'));
      const query = parseQuery(c, candleListQuery);
      const feed = c.env.services.market;
      const market = await feed.getMarket(symbol);
      const timeframe = servedTimeframe(market, query.timeframe);
      const candles = await feed.getCandles(market.symbol, timeframe, {
        ...(query.since !== undefined ? { since: query.since } : {}),
        ...(query.until !== undefined ? { until: query.until } : {}),
        limit: query.limit,
      });
      return c.json(candleListBody(market, timeframe, candles));
    }),
  )
  .get(
    '/:symbol/indicators',
    read(async (c) => {
      const symbol = parseSymbolParam(pathParam(c, 'symbol'));
      const query = parseQuery(c, indicatorQuery);
      const feed = c.env.services.market;
      const market = await feed.getMarket(symbol);
      const timeframe = servedTimeframe(market, query.timeframe);
      // The warm-up candles come before the `limit` returned, so every returned value can be defined.
      const candles = await feed.getCandles(market.symbol, timeframe, {
        ...(query.until !== undefined ? { until: query.until } : {}),
        limit: indicatorCandleCount(query.names, query.limit),
      });
      return c.json(indicatorSeriesBody(market, timeframe, candles, query.names, query.limit, query.until));
    }),
  )
  .get(
    '/:symbol/ticker',
    read(async (c) => {
      const feed = c.env.services.market;
      const market = await feed.getMarket(parseSymbolParam(pathParam(c, 'symbol')));
      return c.json(tickerBody(market, await feed.getTicker(market.symbol)));
    }),
  )
  .get(
    '/:symbol/orderbook',
    read(async (c) => {
      const symbol = parseSymbolParam(pathParam(c, 'symbol'));
      const { depth } = parseQuery(c, orderBookQuery);
      const feed = c.env.services.market;
      const market = await feed.getMarket(symbol);
      return c.json(orderBookBody(market, await feed.getOrderBook(market.symbol, depth)));
    }),
  );

/** `timeframe` if `market` serves candles in it; otherwise 422 naming `query.timeframe`. */
function servedTimeframe(market: Market, timeframe: string): Timeframe {
  if (!isTimeframe(timeframe) || !market.timeframes.includes(timeframe)) {
    const message = `${market.symbol} has candles in ${market.timeframes.join(', ')} only`;
    throw new ApiError(422, 'validation_failed', `query.timeframe: ${message}`, {
      errors: [{ path: 'query.timeframe', message }],
    });
  }
  return timeframe;
}
