import type { Clock, MarketDataFeed } from '@sigmax/engine';
import type { AnalysisService } from './analysis';
import type { BacktestService } from './backtests/backtest-service';
import type { Config } from './config';
import type { Database } from './db/database';
import type { EventBus } from './events/bus';
import type { components } from './generated/openapi';
import type { Logger } from './logger';
import type { KeyResolver } from './middleware/auth';
import type { RateLimiter } from './middleware/rate-limit';
import type { TradingService } from './trading';

export type Scope = components['schemas']['Scope'];

/** The API key that authenticated a request. */
export interface Principal {
  id: string;
  name: string;
  scopes: Scope[];
}

/** What every route and middleware can reach: the wiring of one running server. */
export interface AppServices {
  config: Config;
  database: Database;
  logger: Logger;
  version: string;
  startedAt: Date;
  clock: Clock;
  keys: KeyResolver;
  rateLimiter: RateLimiter;
  /** Market data: the replay of shipped candles, a ccxt exchange, or the synthetic market. */
  market: MarketDataFeed;
  /** Orders, fills, positions and the portfolio of the account (paper, or live at an exchange). */
  trading: TradingService;
  /** Trading events (orders, fills, portfolio), published as they are committed. */
  events: EventBus;
  /** The multi-agent analysis: running, storing and rerunning analyses. */
  analyses: AnalysisService;
  /** Backtest jobs: queued, run on worker threads, recovered after a restart. */
  backtests: BacktestService;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: AppServices;
  };
}
