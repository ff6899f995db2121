import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_ADMIN_KEY, type TestServer } from './support';

// Each route is a single Hono handler and the frame around it (request id, key, rate limit, log,
// metric) stays synchronous until something has to wait, so Hono answers without a promise. A
// middleware added for the whole app, or an `await` in the frame, would make this fail.
describe('the request frame', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  const status = () =>
    new Request('http://localhost/v1/status', { headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}` } });

  it('answers GET /v1/status without a promise once the key is cached', async () => {
    const first = await t.server.app.fetch(status()); // looks the key up in the database
    expect(first.status).toBe(200);
    const result = t.server.app.fetch(status());
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('ratelimit-limit')).not.toBeNull();
    expect(await response.json()).toMatchObject({ apiKey: { scopes: ['admin'] } });
  });

  it('still answers a request that has to wait (an unknown key) through a promise, as a 401 problem', async () => {
    const result = t.server.app.fetch(
      new Request('http://localhost/v1/status', {
        headers: { Authorization: 'Bearer sk_unknown_0123456789' },
      }),
    );
    expect(result).toBeInstanceOf(Promise);
    const response = await result;
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: 'unauthorized',
      requestId: response.headers.get('x-request-id'),
    });
  });
});
