import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date-time')
  .transform((value) => new Date(value).toISOString());

const booleanString = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1'),
]);

const decimalString = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal number'));

/** `USDT=100000,BTC=0.5` (or an object in the config file) → `{ USDT: '100000', BTC: '0.5' }`. */
const balancesString = z.union([
  z.string().transform((value, ctx) => {
    const balances: Record<string, string> = {};
    for (const part of value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = /^([A-Z0-9]{2,12})=((0|[1-9][0-9]*)(\.[0-9]+)?)$/.exec(part);
      if (!match?.[1] || !match[2]) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not ASSET=amount (e.g. USDT=100000)` });
        return z.NEVER;
      }
      balances[match[1]] = match[2];
    }
    return balances;
  }),
  z.record(z.string().regex(/^[A-Z0-9]{2,12}$/), z.string().regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?$/)),
]);

/** `https://a.example/rss, https://b.example/atom` (or an array in the config file) → URLs. */
const urlList = z
  .union([
    z.string().transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
    z.array(z.string()),
  ])
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be http(s) URLs' })));

/** Everything the server can be configured with. Environment variables win over the config file. */
export const configSchema = z
  .strictObject({
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).default('./.sigmax'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    adminKey: z.string().min(24, 'must be at least 24 characters').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    rateLimitPerMinute: z.coerce.number().int().min(1).default(600),
    tradingRateLimitPerMinute: z.coerce.number().int().min(1).default(120),
    maxBodyBytes: z.coerce.number().int().min(1024).default(1_048_576),
    /** Largest body of `POST /v1/backtests` (candles sent inline or as a CSV file). */
    maxUploadBytes: z.coerce.number().int().min(1024).default(33_554_432),

    // Market data
    marketSource: z.enum(['replay', 'ccxt', 'synthetic']).default('replay'),
    /** Replay: market milliseconds per wall-clock millisecond. */
    replaySpeed: z.coerce.number().positive().max(10_000_000).default(60),
    /** Replay: market time at which the replay starts. */
    replayStart: isoDate.default('2020-01-01T00:00:00Z'),
    /** Synthetic: the seed of the random walk. */
    syntheticSeed: z.string().min(1).default('sigmax'),

    // Exchange (ccxt), for market data (`marketSource: ccxt`) and live trading
    exchange: z
      .string()
      .regex(/^[a-z0-9]+$/, 'must be a ccxt exchange id such as binance or kraken')
      .default('binance'),
    exchangeSandbox: booleanString.default(true),
    exchangeApiKey: z.string().min(1).optional(),
    exchangeSecret: z.string().min(1).optional(),
    exchangePassword: z.string().min(1).optional(),

    // Trading
    tradingMode: z.enum(['paper', 'live']).default('paper'),
    /** Paper: starting balances, e.g. `USDT=100000,BTC=0.5`. */
    paperBalances: balancesString.default({ USDT: '100000' }),
    paperMakerFeeRate: decimalString.default('0.001'),
    paperTakerFeeRate: decimalString.default('0.001'),
    paperSlippageBps: decimalString.default('0'),
    /** Seconds between two points of the equity history. */
    equityIntervalSeconds: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Where backtest jobs queue: pg-boss on PostgreSQL, or in this process. Default: pg-boss when `databaseUrl` is set. */
    backtestQueue: z.enum(['pg-boss', 'in-process']).optional(),
    /** How proposals are approved: `auto` (those passing compliance and risk) or `manual`. Default: auto on paper, manual live. */
    proposalApproval: z.enum(['auto', 'manual']).optional(),
    /** Symbols the autonomous loop trades when started without a list. */
    loopSymbols: z
      .union([
        z.string().transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
        z.array(z.string()),
      ])
      .pipe(z.array(z.string().regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'must be BASE/QUOTE')).min(1))
      .default(['BTC/USDT']),
    /** The candle timeframe whose closes drive the autonomous loop. */
    loopTimeframe: z.enum(['1m', '5m', '15m', '1h', '4h', '1d']).default('4h'),
    /** Stored events older than this many days are deleted (at start and daily). Default: kept forever. */
    eventRetentionDays: z.coerce.number().int().min(1).max(36_500).optional(),
    /** Backtest jobs this server runs at once. */
    backtestConcurrency: z.coerce.number().int().min(1).max(64).default(1),
    /** Worker threads of one job's parameter search. Default: the machine's cores. */
    backtestThreads: z.coerce.number().int().min(1).max(256).optional(),

    // Analysis: news and the LLM that narrates the debate
    /** Where news comes from: the shipped sample headlines (offline), RSS/Atom feeds, CryptoPanic, or none. */
    newsSource: z.enum(['fixtures', 'rss', 'cryptopanic', 'none']).default('fixtures'),
    newsRssUrls: urlList.default([]),
    cryptopanicToken: z.string().min(1).optional(),
    /** Milliseconds to wait for a news source before the analysis goes on without news. */
    newsTimeoutMs: z.coerce.number().int().min(100).max(60_000).default(3000),
    /** An OpenAI-compatible API, e.g. `https://api.openai.com/v1`; without it the narration is templated. */
    llmBaseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    llmApiKey: z.string().min(1).optional(),
    llmModel: z.string().min(1).default('gpt-4o-mini'),
    llmTimeoutMs: z.coerce.number().int().min(100).max(300_000).default(15_000),
  })
  .superRefine((config, ctx) => {
    if (config.tradingMode === 'live' && (!config.exchangeApiKey || !config.exchangeSecret)) {
      ctx.addIssue({
        code: 'custom',
        path: ['exchangeApiKey'],
        message: 'live trading needs SIGMAX_EXCHANGE_API_KEY and SIGMAX_EXCHANGE_SECRET',
      });
    }
    if (config.backtestQueue === 'pg-boss' && !config.databaseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['backtestQueue'],
        message: 'the pg-boss backtest queue needs PostgreSQL: set DATABASE_URL',
      });
    }
    if (config.newsSource === 'rss' && config.newsRssUrls.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['newsRssUrls'],
        message: 'the rss news source needs SIGMAX_NEWS_RSS_URLS (comma-separated feed URLs)',
      });
    }
    if (config.newsSource === 'cryptopanic' && !config.cryptopanicToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['cryptopanicToken'],
        message: 'the cryptopanic news source needs SIGMAX_CRYPTOPANIC_TOKEN',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variable → config field. */
const envNames: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  SIGMAX_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  SIGMAX_ADMIN_KEY: 'adminKey',
  LOG_LEVEL: 'logLevel',
  SIGMAX_RATE_LIMIT_PER_MINUTE: 'rateLimitPerMinute',
  SIGMAX_TRADING_RATE_LIMIT_PER_MINUTE: 'tradingRateLimitPerMinute',
  SIGMAX_MAX_BODY_BYTES: 'maxBodyBytes',
  SIGMAX_MAX_UPLOAD_BYTES: 'maxUploadBytes',
  SIGMAX_MARKET_SOURCE: 'marketSource',
  SIGMAX_REPLAY_SPEED: 'replaySpeed',
  SIGMAX_REPLAY_START: 'replayStart',
  SIGMAX_SYNTHETIC_SEED: 'syntheticSeed',
  SIGMAX_EXCHANGE: 'exchange',
  SIGMAX_EXCHANGE_SANDBOX: 'exchangeSandbox',
  SIGMAX_EXCHANGE_API_KEY: 'exchangeApiKey',
  SIGMAX_EXCHANGE_SECRET: 'exchangeSecret',
  SIGMAX_EXCHANGE_PASSWORD: 'exchangePassword',
  SIGMAX_TRADING_MODE: 'tradingMode',
  SIGMAX_PAPER_BALANCES: 'paperBalances',
  SIGMAX_PAPER_MAKER_FEE_RATE: 'paperMakerFeeRate',
  SIGMAX_PAPER_TAKER_FEE_RATE: 'paperTakerFeeRate',
  SIGMAX_PAPER_SLIPPAGE_BPS: 'paperSlippageBps',
  SIGMAX_EQUITY_INTERVAL_SECONDS: 'equityIntervalSeconds',
  SIGMAX_EVENT_RETENTION_DAYS: 'eventRetentionDays',
  SIGMAX_PROPOSAL_APPROVAL: 'proposalApproval',
  SIGMAX_LOOP_SYMBOLS: 'loopSymbols',
  SIGMAX_LOOP_TIMEFRAME: 'loopTimeframe',
  SIGMAX_BACKTEST_QUEUE: 'backtestQueue',
  SIGMAX_BACKTEST_CONCURRENCY: 'backtestConcurrency',
  SIGMAX_BACKTEST_THREADS: 'backtestThreads',
  SIGMAX_NEWS_SOURCE: 'newsSource',
  SIGMAX_NEWS_RSS_URLS: 'newsRssUrls',
  SIGMAX_CRYPTOPANIC_TOKEN: 'cryptopanicToken',
  SIGMAX_NEWS_TIMEOUT_MS: 'newsTimeoutMs',
  SIGMAX_LLM_BASE_URL: 'llmBaseUrl',
  SIGMAX_LLM_API_KEY: 'llmApiKey',
  SIGMAX_LLM_MODEL: 'llmModel',
  SIGMAX_LLM_TIMEOUT_MS: 'llmTimeoutMs',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the config file named by `SIGMAX_CONFIG` (JSON, field names as in {@link Config}) and the
 * environment, and validates both. Throws {@link ConfigError} with one line per bad setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Relative paths mean what they say where the user typed the command: `pnpm start` and `./run.sh
  // start` run the server from packages/server, and pnpm passes the original directory as INIT_CWD.
  const base = env.INIT_CWD || process.cwd();
  let fromFile: Record<string, unknown> = {};
  if (env.SIGMAX_CONFIG) {
    const path = resolve(base, env.SIGMAX_CONFIG);
    try {
      fromFile = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
    }
  }
  const fromEnv: Record<string, string> = {};
  for (const [name, field] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[field] = value;
  }
  const config = parseConfig({ ...fromFile, ...fromEnv });
  return config.dataDir.startsWith('memory://')
    ? config
    : { ...config, dataDir: resolve(base, config.dataDir) };
}

export function parseConfig(input: unknown): Config {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const fieldToEnv = Object.fromEntries(Object.entries(envNames).map(([k, v]) => [v, k]));
  const lines = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const name = fieldToEnv[field] ? `${fieldToEnv[field]} (${field})` : field || 'config';
    return `  ${name}: ${issue.message}`;
  });
  return failConfig(lines);
}

function failConfig(lines: string[]): never {
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}

/** A database URL with its password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
