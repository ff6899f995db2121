import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, listen, parseConfig } from '@sigmax/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(cliRoot, 'dist/cli.js');
const ADMIN = 'sk_sigmax_cli_test_admin_key_0123456789ab';

let url: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  // The test runs the built binary as a user would; build it when the suite runs alone.
  if (!existsSync(bin))
    await run('pnpm', ['--filter', '@sigmax/sdk', '--filter', '@sigmax/cli', 'build'], { cwd: cliRoot });
  const server = await createServer(
    parseConfig({ dataDir: 'memory://', adminKey: ADMIN, logLevel: 'silent', port: 0 }),
  );
  const running = await listen(server);
  url = running.url;
  stop = running.close;
});
afterAll(() => stop?.());

/** Runs `sigmax …` in a clean environment and returns its exit code and output. */
async function sigmax(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'sigmax-home-')), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the sigmax binary', () => {
  it('prints help and exits 0 with --help, 2 without a command', async () => {
    const help = await sigmax(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: sigmax <command>');
    expect((await sigmax([])).code).toBe(2);
  });

  it('reports health without a key', async () => {
    const r = await sigmax(['health', '--url', url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status:\s+ok/);
  });

  it('reads the key from the environment and prints status as a table or JSON', async () => {
    const table = await sigmax(['status'], { SIGMAX_URL: url, SIGMAX_API_KEY: ADMIN });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/trading mode:\s+paper/);
    const json = await sigmax(['status', '--json'], { SIGMAX_URL: url, SIGMAX_API_KEY: ADMIN });
    expect(JSON.parse(json.stdout).apiKey.scopes).toEqual(['admin']);
  });

  it('reads settings from the config file, and flags win over it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sigmax-cfg-')), 'config.json');
    writeFileSync(file, JSON.stringify({ url, apiKey: 'sk_sigmax_wrong_key' }));
    const wrong = await sigmax(['status'], { SIGMAX_CONFIG_FILE: file });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401 unauthorized');
    const right = await sigmax(['status', '--api-key', ADMIN], { SIGMAX_CONFIG_FILE: file });
    expect(right.code).toBe(0);
  });

  it('creates, lists and revokes keys', async () => {
    const env = { SIGMAX_URL: url, SIGMAX_API_KEY: ADMIN };
    const created = await sigmax(['keys', 'create', 'ci-bot', '--scope', 'read', '--json'], env);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key.key).toMatch(/^sk_sigmax_/);
    const list = await sigmax(['keys', 'list'], env);
    expect(list.stdout).toContain('ci-bot');
    const revoked = await sigmax(['keys', 'revoke', key.id], env);
    expect(revoked.code).toBe(0);
    expect((await sigmax(['status'], { SIGMAX_URL: url, SIGMAX_API_KEY: key.key })).code).toBe(1);
  });

  it('exits 2 on usage errors and 1 on API or connection errors', async () => {
    const env = { SIGMAX_URL: url, SIGMAX_API_KEY: ADMIN };
    expect((await sigmax(['frobnicate'], env)).code).toBe(2);
    expect((await sigmax(['keys', 'create', 'x', '--scope', 'root'], env)).code).toBe(2);
    expect((await sigmax(['status', '--bogus-flag'], env)).code).toBe(2);
    const missing = await sigmax(['keys', 'revoke', 'key_nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404 not_found');
    const down = await sigmax(['health', '--url', 'http://127.0.0.1:1']);
    expect(down.code).toBe(1);
  });
});
