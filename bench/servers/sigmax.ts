// The SIGMAX server built in-process (logging off, rate limits out of the way, a large paper account).
// PGlite in memory by default; PostgreSQL when BENCH_DATABASE_URL is set.
import { createServer, listen, parseConfig } from '@sigmax/server';
import { ADMIN_KEY } from '../lib';

const server = await createServer(
  parseConfig({
    dataDir: 'memory://',
    adminKey: ADMIN_KEY,
    logLevel: 'silent',
    rateLimitPerMinute: 100_000_000,
    tradingRateLimitPerMinute: 100_000_000,
    paperBalances: { USDT: '1000000000', BTC: '10000' },
    port: 0,
    ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
  }),
);
const running = await listen(server);
process.stdout.write(`sigmax listening at ${running.url}\n`);

process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
