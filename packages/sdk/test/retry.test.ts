import { APIConnectionError, type APIError, InternalServerError, RateLimitError } from '@sigmax/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelay } from '../src/core/retry';
import { apiKey, client, fakeFetch, HEALTH, json, problem, rejection } from './support/http';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const headers = (retryAfter: string) => new Headers({ 'retry-after': retryAfter });

describe('retry policy', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('status %i retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter(headers('0'), NOW)).toBe(0);
    expect(parseRetryAfter(headers('7'), NOW)).toBe(7_000);
    expect(parseRetryAfter(headers('0.25'), NOW)).toBe(250);
    expect(parseRetryAfter(headers('Sun, 01 Jun 2025 12:00:05 GMT'), NOW)).toBe(5_000);
    expect(parseRetryAfter(headers('Sun, 01 Jun 2025 11:00:00 GMT'), NOW)).toBe(0);
    expect(parseRetryAfter(headers('soon'), NOW)).toBeUndefined();
    expect(parseRetryAfter(headers('-3'), NOW)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('backs off exponentially from 500 ms up to 8 s, with full jitter', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10].map((retry) => retryDelay(retry, undefined, () => 1, NOW));
    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(retryDelay(3, undefined, () => 0, NOW)).toBe(0);
    expect(retryDelay(3, undefined, () => 0.5, NOW)).toBe(1_000);
  });

  it('honours Retry-After instead of the backoff, without jitter', () => {
    expect(retryDelay(1, headers('3'), () => 0, NOW)).toBe(3_000);
    expect(retryDelay(5, headers('0'), () => 1, NOW)).toBe(0);
    expect(retryDelay(1, headers('Sun, 01 Jun 2025 12:00:02 GMT'), () => 0, NOW)).toBe(2_000);
  });

  it('falls back to the backoff when Retry-After is unreadable or over a minute', () => {
    expect(retryDelay(2, headers('soon'), () => 1, NOW)).toBe(1_000);
    expect(retryDelay(2, headers('3600'), () => 1, NOW)).toBe(1_000);
  });
});

describe('retries', () => {
  beforeEach(() => {
    // Full jitter with random() = 0 retries at once, keeping these tests fast.
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([408, 429, 500, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    const { fetch, calls } = fakeFetch(problem(status, 'x'), json(HEALTH));
    await expect(client(fetch).status()).resolves.toEqual(HEALTH);
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])('does not retry %i', async (status) => {
    const { fetch, calls } = fakeFetch(problem(status, 'x'), json(HEALTH));
    const error = (await rejection(client(fetch).status())) as APIError;
    expect(error.status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  it('retries a connection error', async () => {
    const { fetch, calls } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')), json(HEALTH));
    await expect(client(fetch).health()).resolves.toEqual(HEALTH);
    expect(calls).toHaveLength(2);
  });

  it('gives up after maxRetries retries and throws the last error', async () => {
    const { fetch, calls } = fakeFetch(problem(503, 'service_unavailable'), problem(429, 'rate_limited'));
    const error = await rejection(client(fetch, { maxRetries: 3 }).status());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(calls).toHaveLength(4);
  });

  it('uses 2 retries by default', async () => {
    const { fetch, calls } = fakeFetch(problem(500, 'internal_error'));
    expect(await rejection(client(fetch).status())).toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(3);
  });

  it('takes maxRetries per call', async () => {
    const { fetch, calls } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    expect(await rejection(client(fetch).health({ maxRetries: 0 }))).toBeInstanceOf(APIConnectionError);
    expect(calls).toHaveLength(1);
  });

  it('waits as long as Retry-After says rather than the backoff', async () => {
    // random() = 0.99 makes the backoff about 495 ms; the server asks for 40 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { fetch, calls } = fakeFetch(
      problem(429, 'rate_limited', { headers: { 'retry-after': '0.04' } }),
      problem(503, 'service_unavailable', { headers: { 'retry-after': '0.02' } }),
      json(HEALTH),
    );
    await expect(client(fetch).status()).resolves.toEqual(HEALTH);
    expect(calls).toHaveLength(3);
    const delays = setTimeoutSpy.mock.calls.map(([, ms]) => ms);
    expect(delays).toContain(40);
    expect(delays).toContain(20);
    expect(delays).not.toContain(0.99 * 500);
  });

  it('waits with backoff when there is no Retry-After', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { fetch } = fakeFetch(problem(500, 'internal_error'), problem(500, 'internal_error'), json(HEALTH));
    await client(fetch).status();
    const delays = setTimeoutSpy.mock.calls.map(([, ms]) => ms);
    expect(delays).toContain(50);
    expect(delays).toContain(100);
  });
});

describe('Idempotency-Key', () => {
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const created = () => json({ ...apiKey('key_1'), key: 'sk_sigmax_secret' }, 201);

  it('is generated for every POST and reused by its retries', async () => {
    const { fetch, calls } = fakeFetch(
      problem(503, 'service_unavailable'),
      () => Promise.reject(new TypeError('fetch failed')),
      created(),
    );
    await client(fetch).apiKeys.create({ name: 'ci', scopes: ['read'] });
    const keys = calls.map((call) => call.request.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(calls.map((call) => call.body)).size).toBe(1);
  });

  it('differs between calls', async () => {
    const { fetch, calls } = fakeFetch(created());
    const sigmax = client(fetch);
    await sigmax.apiKeys.create({ name: 'a', scopes: ['read'] });
    await sigmax.apiKeys.create({ name: 'b', scopes: ['read'] });
    const [first, second] = calls.map((call) => call.request.headers.get('idempotency-key'));
    expect(first).toBeTruthy();
    expect(first).not.toBe(second);
  });

  it('is the caller’s when given as an option or a header', async () => {
    const { fetch, calls } = fakeFetch(problem(500, 'internal_error'), created());
    const sigmax = client(fetch);
    await sigmax.apiKeys.create({ name: 'a', scopes: ['read'] }, { idempotencyKey: 'my-key-1' });
    await sigmax.apiKeys.create(
      { name: 'b', scopes: ['read'] },
      { headers: { 'Idempotency-Key': 'my-key-2' } },
    );
    expect(calls.map((call) => call.request.headers.get('idempotency-key'))).toEqual([
      'my-key-1',
      'my-key-1',
      'my-key-2',
    ]);
  });

  it('falls back to getRandomValues where randomUUID is missing (plain-http pages)', async () => {
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const { fetch, calls } = fakeFetch(created());
      await client(fetch).apiKeys.create({ name: 'a', scopes: ['read'] });
      expect(calls[0]?.request.headers.get('idempotency-key')).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      // The property lives on Crypto.prototype; deleting the own one restores it.
      Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
    }
  });

  it('is not sent on GET or DELETE', async () => {
    const { fetch, calls } = fakeFetch(json(apiKey('key_1')));
    const sigmax = client(fetch);
    await sigmax.apiKeys.get('key_1');
    await sigmax.apiKeys.revoke('key_1');
    expect(calls.map((call) => call.request.headers.has('idempotency-key'))).toEqual([false, false]);
  });
});
