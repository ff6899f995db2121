import {
  AuthenticationError,
  ConflictError,
  IdempotencyKeyReusedError,
  LastAdminKeyError,
  NotFoundError,
  PermissionDeniedError,
  Sigmax,
  UnprocessableEntityError,
} from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from './support/http';

// The SDK against the reference server in-process: every response it receives is checked against
// the OpenAPI spec by the server's test fetch, so these tests fail when the SDK and the spec drift.
describe('SDK against the reference server', () => {
  let t: TestServer;
  let admin: Sigmax;
  const as = (apiKey: string) =>
    new Sigmax({ baseUrl: 'http://localhost', apiKey, fetch: t.fetch, maxRetries: 0 });

  beforeAll(async () => {
    t = await startTestServer();
    admin = as(t.adminKey);
  });
  afterAll(() => t?.close());

  it('reads health and status', async () => {
    await expect(admin.health()).resolves.toMatchObject({ status: 'ok', database: 'up' });
    const status = await admin.status();
    expect(status.apiKey.scopes).toContain('admin');
    expect(status.tradingMode).toBe('paper');
  });

  it('creates, gets, lists and revokes API keys', async () => {
    const created = await admin.apiKeys.create({ name: 'reader', scopes: ['read'] });
    expect(created.key).toMatch(/^sk_sigmax_/);
    await expect(as(created.key).status()).resolves.toMatchObject({ apiKey: { id: created.id } });

    const got = await admin.apiKeys.get(created.id);
    expect(got).toMatchObject({ id: created.id, name: 'reader', revokedAt: null });
    expect(got).not.toHaveProperty('key');

    const revoked = await admin.apiKeys.revoke(created.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(await rejection(as(created.key).status())).toBeInstanceOf(AuthenticationError);
  });

  it('walks every page of the key list', async () => {
    for (const name of ['a', 'b', 'c', 'd']) await admin.apiKeys.create({ name, scopes: ['trade'] });
    const all: string[] = [];
    for await (const key of admin.apiKeys.list({ limit: 2, includeRevoked: true })) all.push(key.id);
    const firstPage = await admin.apiKeys.list({ limit: 2, includeRevoked: true });
    expect(firstPage.data).toHaveLength(2);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 2)).toEqual(firstPage.data.map((key) => key.id));
  });

  it('maps the server’s problems to typed errors', async () => {
    const notFound = await rejection(admin.apiKeys.get('key_00000000000000000000000000'));
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).requestId).toMatch(/^req_/);
    expect((notFound as NotFoundError).requestId).toBe((notFound as NotFoundError).problem?.requestId);

    expect(await rejection(as('sk_sigmax_wrong').status())).toBeInstanceOf(AuthenticationError);

    const reader = await admin.apiKeys.create({ name: 'reader', scopes: ['read'] });
    expect(await rejection(as(reader.key).apiKeys.list())).toBeInstanceOf(PermissionDeniedError);

    const invalid = await rejection(admin.apiKeys.create({ name: '', scopes: ['read'] }));
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    expect((invalid as UnprocessableEntityError).problem?.errors?.[0]?.path).toBe('body.name');

    const { apiKey } = await admin.status();
    expect(await rejection(admin.apiKeys.revoke(apiKey.id))).toBeInstanceOf(LastAdminKeyError);
  });

  it('makes a replayed create safe through the Idempotency-Key', async () => {
    const idempotencyKey = `test-${Date.now()}`;
    const body = { name: 'once', scopes: ['read' as const] };
    await admin.apiKeys.create(body, { idempotencyKey });
    expect(await rejection(admin.apiKeys.create(body, { idempotencyKey }))).toBeInstanceOf(ConflictError);
    expect(
      await rejection(admin.apiKeys.create({ ...body, name: 'other' }, { idempotencyKey })),
    ).toBeInstanceOf(IdempotencyKeyReusedError);
  });
});
