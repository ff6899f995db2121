import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

describe('rate limiting per key', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ config: { rateLimitPerMinute: 5 } });
  });
  afterAll(() => t?.close());

  it('counts down, then answers 429 with Retry-After, and other keys are unaffected', async () => {
    const other = await (
      await t.request('/v1/api-keys', { json: { name: 'other', scopes: ['read'] } })
    ).json();
    // The creation above used one of the admin key's five requests.
    const remaining: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.request('/v1/status');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      remaining.push(Number(res.headers.get('ratelimit-remaining')));
    }
    expect(remaining).toEqual([3, 2, 1, 0]);
    const limited = await t.request('/v1/status');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    expect((await t.request('/v1/status', { key: other.key })).status).toBe(200);
    expect((await t.request('/v1/health', { key: null })).status).toBe(200);
  });
});
