import type { Clock, MarketDataFeed } from '@sigmax/engine';
import { PaperVenue } from '../adapters/venue/paper-venue';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logger';
import { MarketViews } from './market-views';
import { TradingService } from './trading-service';
import type { TradingVenue } from './venue';

export { type OrderGate, type OrderInput, type ReplaceInput, TradingService } from './trading-service';
export type { PlaceContext, TradingVenue } from './venue';

/**
 * The venue `tradingMode` asks for: the in-process paper exchange, trading on the market feed's
 * prices with the configured fees and slippage; or the configured exchange through ccxt (its test
 * network when `exchangeSandbox` is on), with the configured API key. ccxt (a very large library) is
 * loaded only for the live venue.
 */
export async function createVenue(
  config: Config,
  deps: { clock: Clock; views: MarketViews },
): Promise<TradingVenue> {
  if (config.tradingMode === 'live') {
    const { CcxtVenue } = await import('../adapters/venue/ccxt-venue');
    return new CcxtVenue({
      exchange: config.exchange,
      sandbox: config.exchangeSandbox,
      apiKey: config.exchangeApiKey,
      secret: config.exchangeSecret,
      password: config.exchangePassword,
      clock: deps.clock,
    });
  }
  return new PaperVenue({
    clock: deps.clock,
    config: {
      makerFeeRate: config.paperMakerFeeRate,
      takerFeeRate: config.paperTakerFeeRate,
      slippageBps: config.paperSlippageBps,
    },
    marketView: async (symbol) => (await deps.views.quote(symbol)).view,
  });
}

/**
 * Builds the trading service for `config` and starts it (restoring the account from `db`). A paper
 * account starts with the configured paper balances; a live one with what the exchange holds.
 */
export async function startTrading(
  config: Config,
  deps: {
    db: Db;
    market: MarketDataFeed;
    clock: Clock;
    logger: Logger;
    events: EventBus;
    /** A venue to use instead of the one the config describes (tests: an exchange double). */
    venue?: TradingVenue;
  },
): Promise<TradingService> {
  const views = new MarketViews(deps.market);
  const venue = deps.venue ?? (await createVenue(config, { clock: deps.clock, views }));
  if (config.tradingMode === 'live' && !deps.market.kind.startsWith('ccxt')) {
    deps.logger.warn(
      { marketSource: config.marketSource, venue: venue.id },
      'live trading on market data that is not the exchange: orders are checked and valued at other prices than they trade',
    );
  }
  return TradingService.start({
    db: deps.db,
    venue,
    views,
    events: deps.events,
    clock: deps.clock,
    logger: deps.logger,
    startingBalances: config.tradingMode === 'live' ? 'venue' : config.paperBalances,
    equityIntervalMs: config.equityIntervalSeconds * 1000,
  });
}
