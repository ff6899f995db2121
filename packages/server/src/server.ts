import { resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type MarketDataFeed, systemClock } from '@sigmax/engine';
import type { Hono } from 'hono';
import { createNarrator } from './adapters/llm';
import { type MarketFeedConfig, openMarketFeed } from './adapters/market/factory';
import { createNewsSource } from './adapters/news';
import { AnalysisService } from './analysis';
import { createApp } from './app';
import { BacktestService } from './backtests/backtest-service';
import { type BacktestQueue, InProcessQueue, PgBossQueue } from './backtests/queue';
import { ensureAdminKey } from './bootstrap-admin';
import { type Config, redactUrl } from './config';
import { type Database, openDatabase } from './db/database';
import { purgeIdempotencyKeys } from './db/queries/idempotency';
import type { AppEnv, AppServices } from './env';
import { EventBus } from './events/bus';
import { createLogger, type Logger } from './logger';
import { KeyResolver } from './middleware/auth';
import { RateLimiter } from './middleware/rate-limit';
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
  const market = options.market ?? (await openMarketFeed(marketFeedConfig(config, logger), clock));
  await purgeIdempotencyKeys(database.db, new Date(Date.now() - IDEMPOTENCY_TTL_MS));
  const { generatedKey } = await ensureAdminKey(database.db, config.adminKey, clock.now());
  const events = new EventBus(
    (error) => logger.warn({ err: error }, 'event listener failed'),
    () => clock.now(),
  );
  let trading: TradingService;
  try {
    trading = await startTrading(config, {
      db: database.db,
      market,
      clock,
      logger,
      events,
      ...(options.venue ? { venue: options.venue } : {}),
    });
  } catch (error) {
    await market.close();
    await database.close();
    throw error;
  }
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
    analyses: new AnalysisService({
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
    }),
    backtests: new BacktestService({
      db: database.db,
      market,
      events,
      clock,
      logger,
      queue: backtestQueue(config, logger),
      ...(config.backtestThreads ? { threads: config.backtestThreads } : {}),
    }),
  };
  try {
    await services.backtests.start();
  } catch (error) {
    await trading.close();
    await market.close();
    await database.close();
    throw error;
  }
  const app = createApp(services);
  return {
    app,
    services,
    ...(generatedKey ? { generatedAdminKey: generatedKey } : {}),
    close: async () => {
      await services.backtests.close();
      await trading.close();
      await market.close();
      await database.close();
    },
  };
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
      await new Promise<void>((done) => http.close(() => done()));
      await server.close();
    },
  };
}
