import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support';

describe('bad input gets a 4xx problem and writes nothing', () => {
  let t: TestServer;
  const keyCount = async () => (await t.server.services.database.db.query.apiKeys.findMany()).length;
  beforeAll(async () => {
    t = await startTestServer({ config: { maxBodyBytes: 4096 } });
  });
  afterAll(() => t?.close());

  const cases: Array<[string, RequestInit, number, string]> = [
    [
      'malformed JSON',
      { body: '{"name": ', headers: { 'Content-Type': 'application/json' } },
      400,
      'invalid_json',
    ],
    [
      'wrong content type',
      { body: 'name=x', headers: { 'Content-Type': 'text/plain' } },
      415,
      'unsupported_media_type',
    ],
    ['no content type', { body: '{"name":"x","scopes":["read"]}' }, 415, 'unsupported_media_type'],
    [
      'unknown field',
      {
        body: '{"name":"x","scopes":["read"],"admin":true}',
        headers: { 'Content-Type': 'application/json' },
      },
      422,
      'validation_failed',
    ],
    [
      'unknown scope',
      { body: '{"name":"x","scopes":["root"]}', headers: { 'Content-Type': 'application/json' } },
      422,
      'validation_failed',
    ],
    [
      'JSON that is not an object',
      { body: '[1,2]', headers: { 'Content-Type': 'application/json' } },
      422,
      'validation_failed',
    ],
    [
      'oversized body',
      {
        body: JSON.stringify({ name: 'x'.repeat(10_000), scopes: ['read'] }),
        headers: { 'Content-Type': 'application/json' },
      },
      413,
      'payload_too_large',
    ],
  ];

  it.each(cases)('%s', async (_name, init, status, code) => {
    const before = await keyCount();
    const res = await t.request('/v1/api-keys', { method: 'POST', ...init });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status, code, requestId: res.headers.get('x-request-id') });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await keyCount()).toBe(before);
  });

  it('names each invalid field', async () => {
    const res = await t.request('/v1/api-keys', { json: { name: '', scopes: ['read', 'read'], extra: 1 } });
    const body = await res.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.extra',
      'body.name',
      'body.scopes',
    ]);
  });

  it('answers unknown routes and methods with a 404 problem', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nope'],
      ['PUT', '/v1/api-keys'],
      ['GET', '/nowhere'],
    ] as const) {
      const res = await t.request(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    const mine = await t.request('/v1/health', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const unsafe = await t.request('/v1/health', { headers: { 'X-Request-Id': 'bad id\u0007' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
