import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, listen, parseConfig, type SigmaxServer } from '@sigmax/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `sigmax events` of the built binary against a listening reference server.

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(cliRoot, 'dist/cli.js');
const ADMIN = 'sk_sigmax_cli_events_admin_key_0123456789a';

let server: SigmaxServer;
let env: Record<string, string>;
let stop: () => Promise<void>;

const cleanEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: mkdtempSync(join(tmpdir(), 'sigmax-home-')),
  ...env,
});

function publishFill(n: number, symbol = 'BTC/USDT'): void {
  server.services.events.publish({
    type: 'fill',
    fill: {
      id: `fil_${n}`,
      orderId: `ord_${n}`,
      symbol,
      side: 'buy',
      price: '30000.5',
      quantity: '0.01',
      fee: '0.3',
      feeAsset: 'USDT',
    } as never,
  });
}

function publishLoop(n: number): void {
  server.services.events.publish({ type: 'control.loop', loop: { n } as never });
}

beforeAll(async () => {
  if (!existsSync(bin))
    await run('pnpm', ['--filter', '@sigmax/sdk', '--filter', '@sigmax/cli', 'build'], { cwd: cliRoot });
  server = await createServer(
    parseConfig({ dataDir: 'memory://', adminKey: ADMIN, logLevel: 'silent', port: 0, host: '127.0.0.1' }),
  );
  const running = await listen(server);
  env = { SIGMAX_URL: running.url, SIGMAX_API_KEY: ADMIN };
  stop = running.close;
  publishFill(1);
  publishFill(2, 'ETH/USDT');
  publishLoop(3);
  await server.services.eventStore.idle();
}, 120_000);
afterAll(() => stop?.());

async function sigmax(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: cleanEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sigmax events', () => {
  it('prints the stored events, oldest first, filtered by type and symbol', async () => {
    // The server publishes a portfolio point of its own at start: left out by the type filter
    const all = await sigmax(['events', '--type', 'fill,control.*', '--json']);
    expect(all.code).toBe(0);
    const events = JSON.parse(all.stdout) as Array<{ id: string; type: string; symbol: string | null }>;
    expect(events.map((e) => [e.type, e.symbol])).toEqual([
      ['fill', 'BTC/USDT'],
      ['fill', 'ETH/USDT'],
      ['control.loop', null],
    ]);

    const table = await sigmax(['events', '--type', 'fill', '--symbol', 'ETH-USDT']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TIME\s+TYPE\s+SYMBOL\s+SUMMARY$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/fill\s+ETH\/USDT\s+buy 0\.01 @ 30000\.5 fee 0\.3 USDT ord_2/);

    const after = await sigmax(['events', '--since', events[0]?.id as string, '--limit', '1', '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).map((e: { id: string }) => e.id)).toEqual([events[1]?.id]);

    const bad = await sigmax(['events', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since must be an event id/);
    const badType = await sigmax(['events', '--type', 'Fill!']);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toMatch(/422 validation_failed: query\.types/);
  });

  it('follows live events, one line each, until Ctrl-C (and with --json, one JSON per line from --since)', async () => {
    const history = JSON.parse(
      (await sigmax(['events', '--type', 'fill,control.*', '--json'])).stdout,
    ) as Array<{
      id: string;
    }>;
    const child = spawn(
      process.execPath,
      [bin, 'events', '--follow', '--type', 'fill,control.*', '--since', history[1]?.id as string],
      { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const lines = () => stdout.split('\n').filter(Boolean);
    const until = async (condition: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out; stdout: ${stdout}; stderr: ${stderr}`);
        await new Promise((done) => setTimeout(done, 20));
      }
    };
    // The stored event after --since first (the loop event), then live ones
    await until(() => lines().length >= 1);
    publishFill(4);
    publishLoop(5);
    await until(() => lines().length >= 3);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [first, second, third] = lines();
    expect(first).toMatch(/^\S+Z\s+control\.loop\s+-\s+\{"loop":\{"n":3\}\}\s+#\d+$/);
    expect(second).toMatch(/^\S+Z\s+fill\s+BTC\/USDT\s+buy 0\.01 @ 30000\.5 fee 0\.3 USDT ord_4\s+#\d+$/);
    expect(third).toMatch(/control\.loop .*"n":5/);

    const json = spawn(
      process.execPath,
      [bin, 'events', '--follow', '--json', '--type', 'fill,control.*', '--since', history[0]?.id as string],
      {
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    json.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const deadline = Date.now() + 20_000;
    while (out.split('\n').filter(Boolean).length < 4 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 20));
    }
    json.kill('SIGINT');
    await once(json, 'exit');
    const events = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.type)).toEqual(['fill', 'control.loop', 'fill', 'control.loop']);
    expect(events.map((e) => Number(e.id))).toEqual(
      [...events.map((e) => Number(e.id))].sort((a, b) => a - b),
    );
  });
});
