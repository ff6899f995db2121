import { Sigmax } from '@sigmax/sdk';
import { startTestServer, type TestServer } from '@sigmax/server/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { quickstart } from '../quickstart';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

it('quickstart runs against the reference server', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const options = { baseUrl: 'http://localhost', apiKey: t.adminKey, fetch: t.fetch };
  const { readOnlyKeyId } = await quickstart(options);
  const lines = log.mock.calls.map((call) => String(call[0]));
  log.mockRestore();
  expect(lines[0]).toMatch(/is ok, database up/);
  expect(lines.some((line) => line.includes('dashboard  [read]'))).toBe(true);
  expect(lines.at(-1)).toMatch(/a wrong key gets 401 unauthorized/);
  expect((await new Sigmax(options).apiKeys.get(readOnlyKeyId)).scopes).toEqual(['read']);
});
