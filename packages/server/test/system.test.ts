import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from './support';

describe.each(await testDrivers())('health, status and the spec on %s', (driver) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ driver });
  });
  afterAll(() => t?.close());

  it('health is public and reports the database', async () => {
    const res = await t.request('/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('status needs a key and reports the driver in use', async () => {
    expect((await t.request('/v1/status', { key: null })).status).toBe(401);
    const res = await t.request('/v1/status');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.database.driver).toBe(driver);
    expect(body.tradingMode).toBe('paper');
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeGreaterThan(0);
  });

  it('serves the spec it implements and the interactive docs', async () => {
    const spec = await (await t.request('/v1/openapi.json', { key: null })).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/v1/status');
    const docs = await t.request('/docs', { key: null });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    const bundle = await t.request('/docs/swagger-ui-bundle.js', { key: null });
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});

describe('health when the database is gone', () => {
  it('answers 503 with database down', async () => {
    const t = await startTestServer();
    await t.server.services.database.close();
    const res = await t.request('/v1/health', { key: null });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: 'down' });
  });
});
