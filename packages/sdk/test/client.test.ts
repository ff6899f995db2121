import { once } from 'node:events';
import { createServer } from 'node:net';
import {
  APIConnectionError,
  APIPromise,
  APITimeoutError,
  APIUserAbortError,
  type Health,
  Sigmax,
  SigmaxError,
} from '@sigmax/sdk';
import { KyError } from 'ky';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  apiKey,
  BASE_URL,
  client,
  fakeFetch,
  HEALTH,
  hangingFetch,
  json,
  problem,
  rejection,
} from './support/http';

beforeEach(() => {
  // Full jitter with random() = 0 retries at once, keeping retry tests fast.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('new Sigmax()', () => {
  it('defaults to localhost:8080, 60 s and 2 retries', () => {
    vi.stubEnv('SIGMAX_URL', '');
    const sigmax = new Sigmax({ fetch: fakeFetch(json(HEALTH)).fetch });
    expect(sigmax.baseUrl).toBe('http://localhost:8080');
    expect(sigmax.timeout).toBe(60_000);
    expect(sigmax.maxRetries).toBe(2);
  });

  it('reads SIGMAX_URL and SIGMAX_API_KEY from the environment', async () => {
    vi.stubEnv('SIGMAX_URL', 'http://env.test:9000/');
    vi.stubEnv('SIGMAX_API_KEY', 'sk_sigmax_from_env');
    const { fetch, calls } = fakeFetch(json(HEALTH));
    const sigmax = new Sigmax({ fetch });
    expect(sigmax.baseUrl).toBe('http://env.test:9000');
    await sigmax.status();
    expect(calls[0]?.request.url).toBe('http://env.test:9000/v1/status');
    expect(calls[0]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_from_env');
  });

  it('prefers options to the environment', async () => {
    vi.stubEnv('SIGMAX_URL', 'http://env.test');
    vi.stubEnv('SIGMAX_API_KEY', 'sk_sigmax_from_env');
    const { fetch, calls } = fakeFetch(json(HEALTH));
    await new Sigmax({ baseUrl: 'http://option.test', apiKey: 'sk_sigmax_option', fetch }).status();
    expect(calls[0]?.request.url).toBe('http://option.test/v1/status');
    expect(calls[0]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_option');
  });

  it('keeps a path in the base URL', async () => {
    const { fetch, calls } = fakeFetch(json(HEALTH));
    await new Sigmax({ baseUrl: 'https://proxy.test/sigmax/', fetch }).health();
    expect(calls[0]?.request.url).toBe('https://proxy.test/sigmax/v1/health');
  });

  it('sends no Authorization header without an API key', async () => {
    vi.stubEnv('SIGMAX_API_KEY', '');
    const { fetch, calls } = fakeFetch(json(HEALTH));
    await new Sigmax({ baseUrl: BASE_URL, fetch }).health();
    expect(calls[0]?.request.headers.has('authorization')).toBe(false);
  });

  it('does not expose the API key on the instance', () => {
    const sigmax = client(fakeFetch(json(HEALTH)).fetch);
    expect(JSON.stringify(sigmax)).not.toContain('sk_sigmax_test');
    expect(Object.values(sigmax)).not.toContain('sk_sigmax_test');
  });

  it.each([
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ baseUrl: 'ftp://files.test' }, /baseUrl/],
    [{ timeout: -1 }, /timeout/],
    [{ timeout: 2 ** 31 }, /timeout/],
    [{ maxRetries: 1.5 }, /maxRetries/],
  ])('rejects %o', (options, message) => {
    expect(() => new Sigmax({ fetch: fakeFetch(json(HEALTH)).fetch, ...options })).toThrow(
      expect.objectContaining({ name: 'SigmaxError', message: expect.stringMatching(message) }),
    );
  });

  it('uses the global fetch, looked up at call time', async () => {
    const sigmax = new Sigmax({ baseUrl: BASE_URL });
    const { fetch, calls } = fakeFetch(json(HEALTH));
    vi.stubGlobal('fetch', fetch);
    try {
      await expect(sigmax.health()).resolves.toEqual(HEALTH);
      expect(calls).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('requests', () => {
  it('health() and status() GET their paths and resolve with the body', async () => {
    const status = { version: '0.1.0', tradingMode: 'paper' };
    const { fetch, calls } = fakeFetch(json(HEALTH), json(status));
    const sigmax = client(fetch);
    await expect(sigmax.health()).resolves.toEqual(HEALTH);
    await expect(sigmax.status()).resolves.toEqual(status);
    expect(calls.map((call) => `${call.request.method} ${call.request.url}`)).toEqual([
      `GET ${BASE_URL}/v1/health`,
      `GET ${BASE_URL}/v1/status`,
    ]);
    expect(calls[0]?.request.headers.get('accept')).toBe('application/json');
    expect(calls[0]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_test');
    expect(calls[0]?.request.headers.has('idempotency-key')).toBe(false);
  });

  it('health() resolves on 503 degraded, without retrying', async () => {
    const degraded = { ...HEALTH, status: 'degraded', database: 'down' };
    const { fetch, calls } = fakeFetch(json(degraded, 503));
    await expect(client(fetch).health()).resolves.toEqual(degraded);
    expect(calls).toHaveLength(1);
  });

  it('health() still throws on a 503 problem, after retrying', async () => {
    const { fetch, calls } = fakeFetch(problem(503, 'service_unavailable'));
    const error = await rejection(client(fetch).health());
    expect(error).toMatchObject({ name: 'InternalServerError', status: 503, code: 'service_unavailable' });
    expect(calls).toHaveLength(3);
  });

  it('apiKeys.create() POSTs the JSON body', async () => {
    const { fetch, calls } = fakeFetch(json({ ...apiKey('key_1'), key: 'sk_sigmax_secret' }, 201));
    const created = await client(fetch).apiKeys.create({ name: 'ci', scopes: ['trade'] });
    expect(created.key).toBe('sk_sigmax_secret');
    expect(calls[0]?.request.method).toBe('POST');
    expect(calls[0]?.request.url).toBe(`${BASE_URL}/v1/api-keys`);
    expect(calls[0]?.request.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ name: 'ci', scopes: ['trade'] });
  });

  it('apiKeys.list() sends its query', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [], nextCursor: null }));
    await client(fetch).apiKeys.list({ limit: 10, includeRevoked: true });
    expect(calls[0]?.request.url).toBe(`${BASE_URL}/v1/api-keys?limit=10&includeRevoked=true`);
  });

  it('apiKeys.get() and revoke() encode the id', async () => {
    const { fetch, calls } = fakeFetch(json(apiKey('x')));
    const sigmax = client(fetch);
    await sigmax.apiKeys.get('a/b?c#d e');
    await sigmax.apiKeys.revoke('key_1');
    expect(calls.map((call) => `${call.request.method} ${call.request.url}`)).toEqual([
      `GET ${BASE_URL}/v1/api-keys/a%2Fb%3Fc%23d%20e`,
      `DELETE ${BASE_URL}/v1/api-keys/key_1`,
    ]);
  });

  it.each(['', '.', '..'])('rejects the id %j without sending anything', async (id) => {
    const { fetch, calls } = fakeFetch(json(apiKey('x')));
    const promise = client(fetch).apiKeys.get(id);
    expect(promise).toBeInstanceOf(APIPromise);
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(SigmaxError);
    expect((error as Error).message).toMatch(/Invalid path parameter/);
    expect(calls).toHaveLength(0);
  });

  it('merges default and per-call headers, per-call last', async () => {
    const { fetch, calls } = fakeFetch(json(HEALTH));
    const sigmax = client(fetch, { defaultHeaders: { 'X-App': 'dashboard', 'X-Trace': 'default' } });
    await sigmax.status({ headers: { 'x-trace': 'call', 'X-Request-Id': 'req_mine' } });
    const headers = calls[0]?.request.headers;
    expect(headers?.get('x-app')).toBe('dashboard');
    expect(headers?.get('x-trace')).toBe('call');
    expect(headers?.get('x-request-id')).toBe('req_mine');
  });

  it('lets a per-call Authorization header replace the client key', async () => {
    const { fetch, calls } = fakeFetch(json(HEALTH));
    await client(fetch).status({ headers: { Authorization: 'Bearer sk_sigmax_other' } });
    expect(calls[0]?.request.headers.get('authorization')).toBe('Bearer sk_sigmax_other');
  });

  it('rejects an invalid per-call timeout with a SigmaxError', async () => {
    const { fetch, calls } = fakeFetch(json(HEALTH));
    const error = await rejection(client(fetch).status({ timeout: Number.NaN }));
    expect(error).toBeInstanceOf(SigmaxError);
    expect(calls).toHaveLength(0);
  });
});

describe('APIPromise', () => {
  it('is a Promise of the body', async () => {
    const promise = client(fakeFetch(json(HEALTH)).fetch).health();
    expect(promise).toBeInstanceOf(Promise);
    expect(promise).toBeInstanceOf(APIPromise);
    const health: Health = await promise;
    expect(health).toEqual(HEALTH);
    expect(await promise.then((h) => h.status)).toBe('ok');
    expect(await Promise.all([promise, promise])).toEqual([HEALTH, HEALTH]);
  });

  it('withResponse() gives the body, the raw response and the request id', async () => {
    const { data, response, requestId } = await client(fakeFetch(json(HEALTH)).fetch)
      .health()
      .withResponse();
    expect(data).toEqual(HEALTH);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(requestId).toBe('req_ok');
  });

  it('rejects through catch() and finally()', async () => {
    const promise = client(fakeFetch(problem(404, 'not_found')).fetch).status();
    const onFinally = vi.fn();
    const caught = await promise.finally(onFinally).catch((error: unknown) => error);
    expect(caught).toMatchObject({ status: 404 });
    expect(onFinally).toHaveBeenCalledOnce();
  });
});

describe('timeouts', () => {
  it('throws APITimeoutError after the timeout, retrying first', async () => {
    const { fetch, calls } = hangingFetch();
    const error = await rejection(client(fetch, { timeout: 20, maxRetries: 1 }).health());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(calls).toHaveLength(2);
    expect(calls.every((call) => call.request.signal.aborted)).toBe(true);
  });

  it('takes a per-call timeout', async () => {
    const { fetch } = hangingFetch();
    const error = await rejection(client(fetch).health({ timeout: 10, maxRetries: 0 }));
    expect(error).toBeInstanceOf(APITimeoutError);
  });
});

describe('abort signals', () => {
  it('rejects with APIUserAbortError when aborted in flight, without retrying', async () => {
    const { fetch, calls } = hangingFetch();
    const controller = new AbortController();
    const promise = client(fetch).health({ signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error('user gave up'));
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
    expect(calls).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { fetch, calls } = fakeFetch(json(HEALTH));
    const error = await rejection(client(fetch).health({ signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  it('interrupts the wait between retries', async () => {
    const { fetch, calls } = fakeFetch(
      problem(503, 'service_unavailable', { headers: { 'retry-after': '30' } }),
    );
    const controller = new AbortController();
    const promise = client(fetch).status({ signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    expect(await rejection(promise)).toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe('connection errors', () => {
  it('maps connection refused to APIConnectionError after retrying', async () => {
    // A port that was just free and is now closed: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    server.close();
    await once(server, 'close');

    const fetchSpy = vi.fn((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
    const sigmax = new Sigmax({
      baseUrl: `http://127.0.0.1:${address.port}`,
      maxRetries: 1,
      fetch: fetchSpy,
    });
    const error = await rejection(sigmax.health());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(error).not.toBeInstanceOf(KyError);
    expect((error as Error).message).toBe('Connection error.');
    expect(String((error as { cause?: { cause?: unknown } }).cause?.cause)).toMatch(/ECONNREFUSED/);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });
});
