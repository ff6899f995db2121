import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartableStorage, startTestServer, type TestServer, testDrivers } from './support';

describe.each(await testDrivers())('API keys on %s', (driver) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ driver });
  });
  afterAll(() => t?.close());

  async function createKey(scopes: string[], name = 'bot') {
    const res = await t.request('/v1/api-keys', { json: { name, scopes } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; key: string; prefix: string };
  }

  it('creates a key shown once, stored only as a hash', async () => {
    const created = await createKey(['read'], 'reader');
    expect(created.key).toMatch(/^sk_sigmax_[A-Za-z0-9]{40}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const got = await (await t.request(`/v1/api-keys/${created.id}`)).json();
    expect(got).not.toHaveProperty('key');
    const rows = await t.server.services.database.db.query.apiKeys.findMany();
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it('a new key authenticates with exactly its scopes', async () => {
    const reader = await createKey(['read']);
    const status = await t.request('/v1/status', { key: reader.key });
    expect(status.status).toBe(200);
    expect((await status.json()).apiKey).toMatchObject({ id: reader.id, scopes: ['read'] });
    const denied = await t.request('/v1/api-keys', { key: reader.key });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'forbidden' });
  });

  it('rejects a missing, malformed or unknown key with 401', async () => {
    expect((await t.request('/v1/status', { key: null })).status).toBe(401);
    expect(
      (await t.request('/v1/status', { key: null, headers: { Authorization: 'Basic abc' } })).status,
    ).toBe(401);
    expect((await t.request('/v1/status', { key: 'sk_sigmax_nope' })).status).toBe(401);
  });

  it('revokes a key: it stops working at once and stays listed as revoked', async () => {
    const k = await createKey(['trade']);
    expect((await t.request('/v1/status', { key: k.key })).status).toBe(200);
    const revoked = await t.request(`/v1/api-keys/${k.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).not.toBeNull();
    expect((await t.request('/v1/status', { key: k.key })).status).toBe(401);
    const active = await (await t.request('/v1/api-keys?limit=500')).json();
    expect(active.data.map((x: { id: string }) => x.id)).not.toContain(k.id);
    const all = await (await t.request('/v1/api-keys?limit=500&includeRevoked=true')).json();
    expect(all.data.map((x: { id: string }) => x.id)).toContain(k.id);
  });

  it('refuses to revoke the last active admin key', async () => {
    const list = await (await t.request('/v1/api-keys?limit=500')).json();
    const admins = list.data.filter((k: { scopes: string[] }) => k.scopes.includes('admin'));
    expect(admins).toHaveLength(1);
    const res = await t.request(`/v1/api-keys/${admins[0].id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'last_admin_key' });
    expect((await t.request('/v1/status')).status).toBe(200);
  });

  it('pages through keys with cursors, each key exactly once', async () => {
    for (let i = 0; i < 5; i++) await createKey(['read'], `page-${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response = await t.request(`/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = await res.json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((k: { id: string }) => k.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const everything = await (await t.request('/v1/api-keys?limit=500')).json();
    expect(seen).toEqual(everything.data.map((k: { id: string }) => k.id));
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('rejects bad list parameters with 422 naming the field', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=abc',
      'cursor=bogus',
      'includeRevoked=yes',
      'nope=1',
    ]) {
      const res = await t.request(`/v1/api-keys?${query}`);
      expect(res.status, query).toBe(422);
      const body = await res.json();
      expect(body.errors[0].path, query).toMatch(/^query\./);
    }
  });

  it('answers 404 for an unknown key id', async () => {
    expect((await t.request('/v1/api-keys/key_nope')).status).toBe(404);
    expect((await t.request('/v1/api-keys/key_nope', { method: 'DELETE' })).status).toBe(404);
  });

  it('makes creation safe to retry with Idempotency-Key, without storing the secret', async () => {
    const headers = { 'Idempotency-Key': `idem-${driver}-1` };
    const first = await t.request('/v1/api-keys', { json: { name: 'idem', scopes: ['read'] }, headers });
    expect(first.status).toBe(201);
    const created = await first.json();
    const again = await t.request('/v1/api-keys', { json: { name: 'idem', scopes: ['read'] }, headers });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toContain(created.id);
    const other = await t.request('/v1/api-keys', { json: { name: 'other', scopes: ['read'] }, headers });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const stored = await t.server.services.database.db.query.idempotencyKeys.findMany();
    expect(JSON.stringify(stored)).not.toContain(created.key);
    const named = await (await t.request('/v1/api-keys?limit=500')).json();
    expect(named.data.filter((k: { name: string }) => k.name === 'idem')).toHaveLength(1);
  });

  it('creates exactly one key for concurrent duplicates with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': `idem-${driver}-race` };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request('/v1/api-keys', { json: { name: 'race', scopes: ['read'] }, headers }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses) expect([201, 409]).toContain(r.status);
    const named = await (await t.request('/v1/api-keys?limit=500')).json();
    expect(named.data.filter((k: { name: string }) => k.name === 'race')).toHaveLength(1);
  });
});

describe('a revoked SIGMAX_ADMIN_KEY', () => {
  it('is never registered again: the server refuses to start with it, without showing it', async () => {
    const storage = await restartableStorage('pglite', 'keys');
    const bootstrap = 'sk_sigmax_bootstrap_key_that_gets_revoked_01';
    try {
      const first = await startTestServer({ config: { ...storage.config, adminKey: bootstrap } });
      const other = await first.request('/v1/api-keys', {
        json: { name: 'ops', scopes: ['admin'] },
        key: bootstrap,
      });
      const { key: replacement } = await other.json();
      const keys = await (await first.request('/v1/api-keys', { key: bootstrap })).json();
      const id = keys.data.find((k: { name: string }) => k.name === 'admin (SIGMAX_ADMIN_KEY)').id;
      expect((await first.request(`/v1/api-keys/${id}`, { method: 'DELETE', key: replacement })).status).toBe(
        200,
      );
      await first.close();
      const error = await startTestServer({ config: { ...storage.config, adminKey: bootstrap } }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/SIGMAX_ADMIN_KEY names a key that was revoked/);
      expect(error?.message).not.toContain(bootstrap.slice(10));
    } finally {
      await storage.cleanup();
    }
  }, 60_000);
});
