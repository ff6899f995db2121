import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they appear, so no secret reaches a log line. */
export const redactPaths = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'adminKey',
  '*.adminKey',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'exchangeApiKey',
  '*.exchangeApiKey',
  'exchangeSecret',
  '*.exchangeSecret',
  'exchangePassword',
  '*.exchangePassword',
  'token',
  '*.token',
  'databaseUrl',
  '*.databaseUrl',
  'cryptopanicToken',
  '*.cryptopanicToken',
  'llmApiKey',
  '*.llmApiKey',
];

/** Structured JSON logs on stdout (or the given destination). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'sigmax' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
