import { resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type MarketDataFeed, systemClock } from '@sigmax/engine';
import type { Hono } from 'hono';
import { createNarrator } from './adapters/llm';
import { type MarketFeedConfig, openMarketFeed } from './adapters/market/factory';
import { createNewsSource } from './adapters/news';
import { AnalysisService } from './analysis';
import { createApp } from './app';
import { AuditLog } from './audit';
import { BacktestService } from './backtests/backtest-service';
import { type BacktestQueue, InProcessQueue, PgBossQueue } from './backtests/queue';
import { ensureAdminKey } from './bootstrap-admin';
import { type Config, redactUrl } from './config';
import { AutonomousLoop } from './control/loop';
import { type Database, openDatabase } from './db/database';
import { purgeEventsBefore } from './db/queries/events';
import { purgeIdempotencyKeys } from './db/queries/idempotency';
import type { AppEnv, AppServices } from './env';
import { EventBus } from './events/bus';
import { EventStore } from './events/store';
import { createLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { KeyResolver } from './middleware/auth';
import { RateLimiter } from './middleware/rate-limit';
import { ProposalService } from './proposals/proposal-service';
import { SafetyService } from './safety/safety-service';
import { startTrading, type TradingService, type TradingVenue } from './trading';
import { version } from './version';

/** The market-data feed the configuration asks for. */
export function marketFeedConfig(config: Config, logger: Logger): MarketFeedConfig {
  const onError = (error: unknown) => logger.warn({ err: error }, 'market data poll failed');
  switch (config.marketSource) {
    case 'replay':
      return { source: 'replay', speed: config.replaySpeed, start: config.replayStart, onError };
    case 'synthetic':
      return { source: 'synthetic', seed: config.syntheticSeed, onError };
    case 'ccxt':
      return { source: 'ccxt', exchange: config.exchange, sandbox: config.exchangeSandbox, onError };
  }
}

/** pg-boss on PostgreSQL (unless told otherwise), the in-process runner on PGlite. */
export function backtestQueue(config: Config, logger: Logger): BacktestQueue {
  const kind = config.backtestQueue ?? (config.databaseUrl ? 'pg-boss' : 'in-process');
  if (kind === 'pg-boss' && config.databaseUrl) {
    return new PgBossQueue(config.databaseUrl, config.backtestConcurrency, (error) =>
      logger.warn({ err: { message: error.message } }, 'backtest queue error'),
    );
  }
  return new InProcessQueue(config.backtestConcurrency);
}

export interface SigmaxServer {
  app: Hono<AppEnv>;
  services: AppServices;
  /** Set when this start created the first admin key. */
  generatedAdminKey?: string;
  /** Stops accepting requests, waits for those in flight, closes the database. */
  close(): Promise<void>;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Opens storage, applies migrations, ensures an admin key and wires the app, without listening. */
export async function createServer(
  config: Config,
  options: { logger?: Logger; market?: MarketDataFeed; venue?: TradingVenue } = {},
): Promise<SigmaxServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir === 'memory://' ? config.dataDir : resolve(config.dataDir, 'pglite'),
    });
  } catch (error) {
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : resolve(config.dataDir);
    throw new Error(`cannot open the database at ${where}: ${(error as Error).message}`, { cause: error });
  }
  const clock = systemClock;
  // What has started, to stop in reverse order if a later step fails (and on close).
  const closers: (() => Promise<void> | void)[] = [() => database.close()];
  const stopAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const market = options.market ?? (await openMarketFeed(marketFeedConfig(config, logger), clock));
    closers.push(() => market.close());
    await purgeIdempotencyKeys(database.db, new Date(Date.now() - IDEMPOTENCY_TTL_MS));
    const { generatedKey } = await ensureAdminKey(database.db, config.adminKey, clock.now());
    const events = new EventBus(
      (error) => logger.warn({ err: error }, 'event listener failed'),
      () => clock.now(),
    );
    // Subscribed before anything can publish, so that every event is stored.
    const eventStore = new EventStore(database.db, events, logger);
    closers.push(() => eventStore.close());
    const retentionDays = config.eventRetentionDays;
    if (retentionDays !== undefined) {
      const purge = () =>
        purgeEventsBefore(database.db, new Date(clock.now().getTime() - retentionDays * DAY_MS)).catch(
          (error: unknown) => logger.warn({ err: error }, 'cannot delete old events'),
        );
      await purge();
      const daily = setInterval(purge, DAY_MS);
      daily.unref();
      closers.push(() => clearInterval(daily));
    }
    // Also before trading starts: what it settles at start is audited and counted.
    const audit = new AuditLog({ db: database.db, clock, logger, events });
    closers.push(() => audit.close());
    let trading: TradingService | undefined;
    const metrics = new Metrics({
      events,
      portfolio: () => (trading ? trading.portfolio() : Promise.reject(new Error('trading has not started'))),
    });
    closers.push(() => metrics.close());
    trading = await startTrading(config, {
      db: database.db,
      market,
      clock,
      logger,
      events,
      ...(options.venue ? { venue: options.venue } : {}),
    });
    const tradingService = trading;
    closers.push(() => tradingService.close());
    // Before any request: it gates every order from the first one.
    const safety = await SafetyService.start({ db: database.db, events, clock, logger, trading, market });
    closers.push(() => safety.close());
    // A state restored from the database (a pause that survived the restart) shows from the start.
    metrics.setSafetyState(safety.state);
    const analyses = new AnalysisService({
      db: database.db,
      market,
      trading,
      news: createNewsSource(config),
      narrator: createNarrator(config, {
        db: database.db,
        now: () => clock.now(),
        onError: (error) => logger.warn({ err: { message: error.message } }, 'LLM narration unavailable'),
      }),
      events,
      clock,
      logger,
    });
    const backtests = new BacktestService({
      db: database.db,
      market,
      events,
      clock,
      logger,
      queue: backtestQueue(config, logger),
      ...(config.backtestThreads ? { threads: config.backtestThreads } : {}),
    });
    closers.push(() => backtests.close());
    await backtests.start();
    const proposals = new ProposalService({
      db: database.db,
      market,
      trading,
      analyses,
      safety,
      events,
      clock,
      logger,
      approval: config.proposalApproval ?? (config.tradingMode === 'paper' ? 'auto' : 'manual'),
    });
    proposals.start();
    closers.push(() => proposals.close());
    const loop = new AutonomousLoop({
      db: database.db,
      databaseUrl: config.databaseUrl,
      market,
      proposals,
      safety,
      events,
      clock,
      logger,
      defaults: { symbols: config.loopSymbols, timeframe: config.loopTimeframe },
    });
    closers.push(() => loop.close());
    await loop.start();
    const services: AppServices = {
      config,
      database,
      logger,
      version,
      startedAt: clock.now(),
      clock,
      keys: new KeyResolver(database.db, clock),
      rateLimiter: new RateLimiter({
        default: config.rateLimitPerMinute,
        trading: config.tradingRateLimitPerMinute,
      }),
      market,
      trading,
      events,
      eventStore,
      audit,
      metrics,
      analyses,
      safety,
      proposals,
      loop,
      backtests,
    };
    return {
      app: createApp(services),
      services,
      ...(generatedKey ? { generatedAdminKey: generatedKey } : {}),
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Starts listening. Resolves once the port is bound, with the URL and a `close()` for shutdown. */
export async function listen(server: SigmaxServer): Promise<{ url: string; close(): Promise<void> }> {
  const { config } = server.services;
  const http = await new Promise<ServerType>((resolveListen, reject) => {
    const s = serve({ fetch: server.app.fetch, port: config.port, hostname: config.host }, () =>
      resolveListen(s),
    );
    s.once('error', reject);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      // Open event streams would keep the HTTP server from closing.
      server.services.eventStore.disconnectAll();
      await new Promise<void>((done) => http.close(() => done()));
      await server.close();
    },
  };
}
