import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from './support/spawn-server';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sigmax-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('starts on PGlite, prints the admin key on first start only, logs no secret, stops on SIGTERM', async () => {
    const dir = dataDir();
    const first = spawnServer({ SIGMAX_DATA_DIR: dir, LOG_LEVEL: 'debug' });
    const url = await first.ready;
    expect(first.output()).toContain(`API docs:     ${url}/docs`);
    const key = /(sk_sigmax_[A-Za-z0-9]{40})/.exec(first.output())?.[1];
    expect(key).toBeDefined();

    const status = await fetch(`${url}/v1/status`, { headers: { Authorization: `Bearer ${key}` } });
    expect(status.status).toBe(200);
    await fetch(`${url}/v1/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'logged?', scopes: ['read'] }),
    });
    const logLines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain('sk_sigmax_');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = spawnServer({ SIGMAX_DATA_DIR: dir });
    const url2 = await second.ready;
    expect(second.output()).not.toContain('sk_sigmax_');
    const again = await fetch(`${url2}/v1/status`, { headers: { Authorization: `Bearer ${key}` } });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('uses SIGMAX_ADMIN_KEY instead of generating one', async () => {
    const adminKey = 'sk_sigmax_automation_key_for_the_test_0001';
    const server = spawnServer({ SIGMAX_DATA_DIR: dataDir(), SIGMAX_ADMIN_KEY: adminKey });
    const url = await server.ready;
    expect(server.output()).not.toContain('An admin API key was created');
    const res = await fetch(`${url}/v1/api-keys`, { headers: { Authorization: `Bearer ${adminKey}` } });
    expect(res.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('refuses bad configuration with a clear message and exit code 78', async () => {
    const server = spawnServer({ PORT: 'eighty', LOG_LEVEL: 'loud', SIGMAX_ADMIN_KEY: 'short' });
    expect(await server.exited).toBe(78);
    const out = server.output();
    expect(out).toContain('invalid configuration');
    expect(out).toContain('PORT (port)');
    expect(out).toContain('LOG_LEVEL (logLevel)');
    expect(out).toContain('SIGMAX_ADMIN_KEY (adminKey)');
    expect(out).not.toContain('short');
  }, 30_000);

  it('refuses to start when the database cannot be reached, without printing its password', async () => {
    const server = spawnServer({ DATABASE_URL: 'postgres://sigmax:hunter2@127.0.0.1:1/nowhere' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(
      'cannot open the database at postgres://sigmax:***@127.0.0.1:1/nowhere',
    );
    expect(server.output()).not.toContain('hunter2');
  }, 30_000);
});
