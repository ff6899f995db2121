import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  IdempotencyKeyReusedError,
  InsufficientFundsError,
  InternalServerError,
  LastAdminKeyError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SigmaxError,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { KyError } from 'ky';
import { describe, expect, it } from 'vitest';
import { client, fakeFetch, hangingFetch, json, problem, rejection } from './support/http';

describe('error mapping by status', () => {
  it.each([
    [400, 'bad_request', BadRequestError],
    [401, 'unauthorized', AuthenticationError],
    [403, 'forbidden', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [409, 'conflict', ConflictError],
    [422, 'validation_failed', UnprocessableEntityError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal_error', InternalServerError],
    [503, 'service_unavailable', InternalServerError],
    [405, 'method_not_allowed', APIError],
    [413, 'payload_too_large', APIError],
  ])('%i %s → %o', async (status, code, ErrorClass) => {
    const { fetch } = fakeFetch(problem(status, code, { detail: `detail of ${code}` }));
    const error = await rejection(client(fetch, { maxRetries: 0 }).status());

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(SigmaxError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(KyError);
    const apiError = error as APIError;
    expect(apiError.name).toBe(ErrorClass.name);
    expect(apiError.status).toBe(status);
    expect(apiError.code).toBe(code);
    expect(apiError.requestId).toBe(`req_${status}`);
    expect(apiError.problem).toMatchObject({ status, code, detail: `detail of ${code}` });
    expect(apiError.headers.get('content-type')).toBe('application/problem+json');
    expect(apiError.message).toBe(`${status} ${code}: detail of ${code}`);
  });

  it('keeps the field errors of a validation problem', async () => {
    const errors = [{ path: 'body.scopes[0]', message: 'must be one of read, trade, admin' }];
    const { fetch } = fakeFetch(problem(422, 'validation_failed', { extra: { errors } }));
    const error = (await rejection(
      client(fetch).apiKeys.create({ name: 'x', scopes: ['read'] }),
    )) as APIError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.problem?.errors).toEqual(errors);
  });
});

describe('error mapping by problem code', () => {
  it.each([
    [422, 'insufficient_funds', InsufficientFundsError, UnprocessableEntityError],
    [422, 'idempotency_key_reused', IdempotencyKeyReusedError, UnprocessableEntityError],
    [409, 'last_admin_key', LastAdminKeyError, ConflictError],
  ])('%i %s → %o, a kind of %o', async (status, code, ErrorClass, StatusClass) => {
    const { fetch } = fakeFetch(problem(status, code));
    const error = await rejection(client(fetch).apiKeys.revoke('key_1'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(StatusClass);
    expect((error as APIError).name).toBe(ErrorClass.name);
    expect((error as APIError).code).toBe(code);
  });

  it('falls back to the status for a code it does not know', async () => {
    const { fetch } = fakeFetch(problem(422, 'some_future_code'));
    const error = await rejection(client(fetch).status());
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).not.toBeInstanceOf(InsufficientFundsError);
    expect((error as APIError).code).toBe('some_future_code');
  });

  it('does not let a code named like an Object.prototype member pick a class', async () => {
    const { fetch } = fakeFetch(problem(404, 'constructor'));
    expect(await rejection(client(fetch).status())).toBeInstanceOf(NotFoundError);
  });
});

describe('request id', () => {
  it('comes from the X-Request-Id header', async () => {
    const response = problem(404, 'not_found', { requestId: 'req_body' });
    response.headers.set('x-request-id', 'req_header');
    const error = (await rejection(client(fakeFetch(response).fetch).status())) as APIError;
    expect(error.requestId).toBe('req_header');
  });

  it('comes from the problem body when the header is missing', async () => {
    const response = problem(404, 'not_found', { requestId: 'req_body' });
    response.headers.delete('x-request-id');
    const error = (await rejection(client(fakeFetch(response).fetch).status())) as APIError;
    expect(error.requestId).toBe('req_body');
  });

  it('is undefined when the server sent none', async () => {
    const response = new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
    const error = (await rejection(client(fakeFetch(response).fetch).status())) as APIError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBeUndefined();
    expect(error.problem).toBeUndefined();
  });
});

describe('bodies that are not problems', () => {
  it('maps an HTML 502 from a proxy by status, with the text in the message', async () => {
    const response = new Response('<h1>Bad gateway</h1>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const error = (await rejection(
      client(fakeFetch(response).fetch, { maxRetries: 0 }).status(),
    )) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.problem).toBeUndefined();
    expect(error.code).toBeUndefined();
    expect(error.message).toBe('502 <h1>Bad gateway</h1>');
  });

  it('maps an empty error body by status', async () => {
    const error = (await rejection(
      client(fakeFetch(new Response(null, { status: 403 })).fetch).status(),
    )) as APIError;
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe('403 request failed');
  });

  it('rejects a 200 whose body is not JSON with a SigmaxError, without retrying', async () => {
    const { fetch, calls } = fakeFetch(
      new Response('not json', { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const error = await rejection(client(fetch).status());
    expect(error).toBeInstanceOf(SigmaxError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(calls).toHaveLength(1);
  });
});

describe('RateLimitError.retryAfter', () => {
  it('is the Retry-After seconds', async () => {
    const { fetch } = fakeFetch(problem(429, 'rate_limited', { headers: { 'retry-after': '0' } }));
    const error = (await rejection(client(fetch, { maxRetries: 0 }).status())) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(0);
  });

  it('is the seconds until a Retry-After date', async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    const { fetch } = fakeFetch(problem(429, 'rate_limited', { headers: { 'retry-after': date } }));
    const error = (await rejection(client(fetch, { maxRetries: 0 }).status())) as RateLimitError;
    // An HTTP date has whole seconds, so up to one second is lost to rounding.
    expect(error.retryAfter).toBeGreaterThanOrEqual(28);
    expect(error.retryAfter).toBeLessThanOrEqual(30);
  });

  it('is undefined without Retry-After', async () => {
    const { fetch } = fakeFetch(problem(429, 'rate_limited'));
    const error = (await rejection(client(fetch, { maxRetries: 0 }).status())) as RateLimitError;
    expect(error.retryAfter).toBeUndefined();
  });
});

describe('transport failures', () => {
  it('maps a timeout to APITimeoutError, a kind of APIConnectionError', async () => {
    const { fetch } = hangingFetch();
    const error = await rejection(client(fetch, { timeout: 10, maxRetries: 0 }).status());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(KyError);
    expect((error as Error).name).toBe('APITimeoutError');
  });

  it('maps a fetch failure to APIConnectionError with the original error as cause', async () => {
    const cause = new TypeError('fetch failed');
    const { fetch } = fakeFetch(() => Promise.reject(cause));
    const error = await rejection(client(fetch, { maxRetries: 0 }).status());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(error).not.toBeInstanceOf(KyError);
    expect((error as Error).cause).toBe(cause);
  });

  it('maps any other error thrown by a custom fetch to APIConnectionError', async () => {
    const cause = new Error('proxy refused');
    const { fetch } = fakeFetch(() => Promise.reject(cause));
    const error = await rejection(client(fetch, { maxRetries: 0 }).status());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBe(cause);
  });
});

describe('successful responses', () => {
  it('are not errors even with a problem-like body', async () => {
    const { fetch } = fakeFetch(json({ status: 'ok', version: '1', time: 'now', database: 'up' }));
    await expect(client(fetch).health()).resolves.toMatchObject({ status: 'ok' });
  });
});
