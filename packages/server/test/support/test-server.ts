import type { MarketDataFeed } from '@sigmax/engine';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type SigmaxServer } from '../../src/server';
import type { TradingVenue } from '../../src/trading';
import { createScratchDatabase } from './databases';
import { SpecValidator } from './spec-validator';

let validator: SpecValidator | undefined;

export interface TestServer {
  server: SigmaxServer;
  driver: 'pglite' | 'postgres';
  /** The bootstrap admin key. */
  adminKey: string;
  /** `fetch` into the in-process app; every response is checked against the spec. */
  fetch: typeof fetch;
  /** `app.request()` with an admin key by default; responses are checked against the spec. */
  request(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_ADMIN_KEY = 'sk_sigmax_test_admin_key_0123456789abcdef';

/**
 * A fresh server on its own database (in-memory PGlite, or a scratch PostgreSQL database), wired
 * exactly as `pnpm start` wires it, without listening on a port.
 */
export async function startTestServer(
  options: {
    driver?: 'pglite' | 'postgres';
    config?: Record<string, unknown>;
    /** A market-data feed to use instead of the one the config describes (a fake exchange, say). */
    market?: MarketDataFeed;
    /** A trading venue to use instead of the one the config describes (an exchange double). */
    venue?: TradingVenue;
  } = {},
): Promise<TestServer> {
  const driver = options.driver ?? 'pglite';
  const scratch = driver === 'postgres' ? await createScratchDatabase() : undefined;
  const config = parseConfig({
    dataDir: 'memory://',
    adminKey: TEST_ADMIN_KEY,
    logLevel: 'silent',
    ...(scratch ? { databaseUrl: scratch.url } : {}),
    ...options.config,
  });
  const server = await createServer(config, {
    logger: createLogger('silent'),
    ...(options.market ? { market: options.market } : {}),
    ...(options.venue ? { venue: options.venue } : {}),
  });
  validator ??= new SpecValidator();
  const spec = validator;

  const validatedFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await server.app.fetch(request);
    await spec.check(request.method, request.url, response);
    return response;
  }) as typeof fetch;

  return {
    server,
    driver,
    adminKey: TEST_ADMIN_KEY,
    fetch: validatedFetch,
    request: (path, init = {}) => {
      const { key = TEST_ADMIN_KEY, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (key) headers.set('Authorization', `Bearer ${key}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return validatedFetch(`http://localhost${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
      });
    },
    close: async () => {
      await server.close();
      await scratch?.drop();
    },
  };
}
