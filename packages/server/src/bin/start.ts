#!/usr/bin/env node
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { createServer, listen } from '../server';

/** Exit codes: 0 clean stop, 1 failed to start, 78 bad configuration (sysexits EX_CONFIG). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sigmax: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer(config, { logger });
  } catch (error) {
    process.stderr.write(`sigmax: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const running = await listen(server).catch((error: Error) => {
    process.stderr.write(`sigmax: cannot listen on ${config.host}:${config.port}: ${error.message}\n`);
    process.exit(1);
  });

  const lines = [
    '',
    `  SIGMAX ${server.services.version} is running at ${running.url}`,
    `  API docs:     ${running.url}/docs`,
    `  OpenAPI spec: ${running.url}/v1/openapi.json`,
    `  Database:     ${server.services.database.driver}${config.databaseUrl ? '' : ` (${config.dataDir})`}`,
  ];
  if (server.generatedAdminKey) {
    lines.push(
      '',
      '  An admin API key was created. It is shown this once; store it now:',
      '',
      `    ${server.generatedAdminKey}`,
      '',
      `  Try: curl -H "Authorization: Bearer <key>" ${running.url}/v1/status`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  logger.info({ url: running.url, driver: server.services.database.driver }, 'server started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await running.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
