import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the server can be configured with. Environment variables win over the config file. */
export const configSchema = z.strictObject({
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
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the config file named by `SIGMAX_CONFIG` (JSON, field names as in {@link Config}) and the
 * environment, and validates both. Throws {@link ConfigError} with one line per bad setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let fromFile: Record<string, unknown> = {};
  if (env.SIGMAX_CONFIG) {
    const path = resolve(env.SIGMAX_CONFIG);
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
  return parseConfig({ ...fromFile, ...fromEnv });
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
