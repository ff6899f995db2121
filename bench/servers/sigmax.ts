// The SIGMAX server built in-process (in-memory PGlite, logging off, rate limit out of the way).
import { createServer, listen, parseConfig } from '@sigmax/server';
import { ADMIN_KEY } from '../lib';

const server = await createServer(
  parseConfig({
    dataDir: 'memory://',
    adminKey: ADMIN_KEY,
    logLevel: 'silent',
    rateLimitPerMinute: 100_000_000,
    port: 0,
  }),
);
const running = await listen(server);
process.stdout.write(`sigmax listening at ${running.url}\n`);

process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
