import type { Clock, MarketDataFeed } from '@sigmax/engine';
import { CcxtFeed } from './ccxt/ccxt-feed';
import { createLocalFeed, type MarketFeedConfig } from './factory';

// This module loads `ccxt`; the server's start-up path uses `./factory`, which loads it only when needed.

export { mapCcxtError } from './ccxt/ccxt-errors';
export {
  type CcxtExchangeLike,
  CcxtFeed,
  type CcxtFeedOptions,
  type CcxtMarketLike,
  type CcxtTickerLike,
  createCcxtExchange,
} from './ccxt/ccxt-feed';
export { createLocalFeed, type MarketFeedConfig, marketErrorStatus, openMarketFeed } from './factory';
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

/**
 * The market-data feed for `config`, on the server's wall `clock`. A replay keeps its own market time on
 * top of that clock (`feed.replayClock`).
 *
 * @example
 * const feed = createMarketFeed({ source: 'replay', speed: 3600 }, systemClock);
 * const feed = createMarketFeed({ source: 'ccxt', exchange: 'binance', sandbox: true }, systemClock);
 */
export function createMarketFeed(config: MarketFeedConfig, clock: Clock): MarketDataFeed {
  if (config.source !== 'ccxt') return createLocalFeed(config, clock);
  const { source: _, ...options } = config;
  return new CcxtFeed(options, clock);
}
