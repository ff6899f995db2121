import type { HttpBindings } from '@hono/node-server';
import type { Clock, MarketDataFeed } from '@sigmax/engine';
import type { AnalysisService } from './analysis';
import type { AuditLog } from './audit';
import type { BacktestService } from './backtests/backtest-service';
import type { Config } from './config';
import type { AutonomousLoop } from './control/loop';
import type { Database } from './db/database';
import type { EventBus } from './events/bus';
import type { EventStore } from './events/store';
import type { components } from './generated/openapi';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { KeyResolver } from './middleware/auth';
import type { RateLimiter } from './middleware/rate-limit';
import type { ProposalService } from './proposals/proposal-service';
import type { SafetyService } from './safety/safety-service';
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
  /** Every event of the bus, stored (`GET /v1/events` resumes from it) and fanned out to SSE clients. */
  eventStore: EventStore;
  /** The multi-agent analysis: running, storing and rerunning analyses. */
  analyses: AnalysisService;
  /** The safety enforcer, risk limits and compliance policy; the gate of every new order. */
  safety: SafetyService;
  /** Trade proposals: sized, checked, approved, executed. */
  proposals: ProposalService;
  /** The autonomous loop (analyse, propose, execute on each candle close). */
  loop: AutonomousLoop;
  /** Backtest jobs: queued, run on worker threads, recovered after a restart. */
  backtests: BacktestService;
  /** The tamper-evident audit log: `audit.record({ actor, action, target, details })` after a change. */
  audit: AuditLog;
  /** Prometheus metrics of this server (`GET /metrics`). */
  metrics: Metrics;
}

export interface AppEnv {
  /**
   * What the app is given with every request: its services (added by `createApp`'s fetch) and, on
   * `@hono/node-server`, Node's request and response objects (absent under `app.request()` in tests).
   */
  Bindings: { services: AppServices } & Partial<HttpBindings>;
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
