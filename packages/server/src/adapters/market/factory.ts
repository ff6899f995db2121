import type { Clock, MarketDataErrorCode, MarketDataFeed } from '@sigmax/engine';
import type { CcxtFeedOptions } from './ccxt/ccxt-feed';
import { ReplayFeed, type ReplayFeedOptions } from './replay/replay-feed';
import { SyntheticMarketFeed, type SyntheticMarketFeedOptions } from './synthetic/synthetic-market-feed';

// Nothing here imports `ccxt` (a very large library): the server loads it only when a ccxt feed is
// configured. Import from this module, not from `./index`, on the server's start-up path.

/** Which market-data source to use, and its settings. */
export type MarketFeedConfig =
  | ({ source: 'replay' } & ReplayFeedOptions)
  | ({ source: 'ccxt' } & CcxtFeedOptions)
  | ({ source: 'synthetic' } & SyntheticMarketFeedOptions);

/**
 * The market-data feed for `config`, on the server's wall `clock`, loading ccxt only for a ccxt feed.
 * A replay keeps its own market time on top of that clock (`feed.replayClock`).
 *
 * @example
 * const feed = await openMarketFeed({ source: 'ccxt', exchange: 'binance', sandbox: true }, systemClock);
 */
export async function openMarketFeed(config: MarketFeedConfig, clock: Clock): Promise<MarketDataFeed> {
  if (config.source === 'ccxt') {
    const { source: _, ...options } = config;
    const { CcxtFeed } = await import('./ccxt/ccxt-feed');
    return new CcxtFeed(options, clock);
  }
  return createLocalFeed(config, clock);
}

/** The feeds that need no exchange: the replay of shipped candles and the synthetic market. */
export function createLocalFeed(
  config: Exclude<MarketFeedConfig, { source: 'ccxt' }>,
  clock: Clock,
): MarketDataFeed {
  switch (config.source) {
    case 'replay': {
      const { source: _, ...options } = config;
      return new ReplayFeed(clock, options);
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
