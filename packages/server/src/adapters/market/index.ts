import type { Clock, MarketDataErrorCode, MarketDataFeed } from '@sigmax/engine';
import { CcxtFeed, type CcxtFeedOptions } from './ccxt/ccxt-feed';
import { ReplayFeed, type ReplayFeedOptions } from './replay/replay-feed';
import { SyntheticMarketFeed, type SyntheticMarketFeedOptions } from './synthetic/synthetic-market-feed';

export { mapCcxtError } from './ccxt/ccxt-errors';
export {
  type CcxtExchangeLike,
  CcxtFeed,
  type CcxtFeedOptions,
  type CcxtMarketLike,
  type CcxtTickerLike,
  createCcxtExchange,
} from './ccxt/ccxt-feed';
export {
  type CandleDataset,
  readCandleFile,
  readCandleManifest,
  SHIPPED_CANDLE_DIR,
} from './replay/candle-files';
export {
  DEFAULT_REPLAY_SPEED,
  DEFAULT_REPLAY_START,
  ReplayFeed,
  type ReplayFeedOptions,
} from './replay/replay-feed';
export { SyntheticMarketFeed, type SyntheticMarketFeedOptions } from './synthetic/synthetic-market-feed';

/** Which market-data source to use, and its settings. */
export type MarketFeedConfig =
  | ({ source: 'replay' } & ReplayFeedOptions)
  | ({ source: 'ccxt' } & CcxtFeedOptions)
  | ({ source: 'synthetic' } & SyntheticMarketFeedOptions);

/**
 * The market-data feed for `config`, on the server's wall `clock`. A replay keeps its own market time on
 * top of that clock (`feed.replayClock`).
 *
 * @example
 * const feed = createMarketFeed({ source: 'replay', speed: 3600 }, systemClock);
 * const feed = createMarketFeed({ source: 'ccxt', exchange: 'binance', sandbox: true }, systemClock);
 */
export function createMarketFeed(config: MarketFeedConfig, clock: Clock): MarketDataFeed {
  switch (config.source) {
    case 'replay': {
      const { source: _, ...options } = config;
      return new ReplayFeed(clock, options);
    }
    case 'ccxt': {
      const { source: _, ...options } = config;
      return new CcxtFeed(options, clock);
    }
    case 'synthetic': {
      const { source: _, ...options } = config;
      return new SyntheticMarketFeed(clock, options);
    }
    default:
      throw new RangeError(`unknown market data source: ${(config as { source: unknown }).source}`);
  }
}

/**
 * The HTTP status for a market-data failure: 404 for an unknown market or no data yet, 400 for a bad
 * query, 429 when the exchange rate-limits us, 503 when it is unreachable, 502 when it answers with an error.
 */
export function marketErrorStatus(code: MarketDataErrorCode): 400 | 404 | 429 | 502 | 503 {
  switch (code) {
    case 'bad_symbol':
    case 'no_data':
      return 404;
    case 'unsupported_timeframe':
    case 'invalid_query':
      return 400;
    case 'rate_limited':
      return 429;
    case 'exchange_unavailable':
      return 503;
    case 'exchange_error':
      return 502;
  }
}
