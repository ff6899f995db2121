import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createServer, listen } from '../src/server';
import { TEST_ADMIN_KEY } from './support';

// The other tests call the app in process (`app.request()`); these go through the real Node listener,
// where the request-id and rate-limit headers are set on Node's response instead of through Hono.
describe('headers over a real socket', () => {
  let url: string;
  let close: () => Promise<void>;
  const auth = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };

  beforeAll(async () => {
    const config = parseConfig({
      dataDir: 'memory://',
      adminKey: TEST_ADMIN_KEY,
      logLevel: 'silent',
      port: 0,
      host: '127.0.0.1',
      rateLimitPerMinute: 3,
    });
    const running = await listen(await createServer(config, { logger: createLogger('silent') }));
    url = running.url;
    close = running.close;
  });
  afterAll(() => close?.());

  it('sends the request id and rate-limit headers with a success, and echoes a sane X-Request-Id', async () => {
    const res = await fetch(`${url}/v1/status`, { headers: { ...auth, 'X-Request-Id': 'wire-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-request-id')).toBe('wire-1');
    expect(res.headers.get('ratelimit-limit')).toBe('3');
    expect(res.headers.get('ratelimit-remaining')).toBe('2');
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('content-length'))).toBe((await res.text()).length);
  });

  it('sends a fresh request id with problem responses (401, 404) and no rate-limit headers', async () => {
    const unauthorized = await fetch(`${url}/v1/status`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const id = unauthorized.headers.get('x-request-id');
    expect(id).toMatch(/^req_/);
    expect(await unauthorized.json()).toMatchObject({ code: 'unauthorized', requestId: id });
    expect(unauthorized.headers.get('ratelimit-limit')).toBeNull();

    const missing = await fetch(`${url}/v1/nothing-here`, { headers: { 'X-Request-Id': 'bad id / spaces' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers 429 with Retry-After and the rate-limit headers past the limit', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) last = await fetch(`${url}/v1/status`, { headers: auth });
    expect(last?.status).toBe(429);
    expect(last?.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await last?.json()).toMatchObject({ code: 'rate_limited' });
  });
});
