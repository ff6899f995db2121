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
