import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, listen, parseConfig } from '@sigmax/server';
import { afterAll, beforeAll, expect } from 'vitest';

const run = promisify(execFile);
const cliRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The built binary (`dist/cli.js`); built before the tests when it is missing. */
export const bin = join(cliRoot, 'dist/cli.js');

/** What one run of the binary did. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliServer {
  /** `SIGMAX_URL` and `SIGMAX_API_KEY` of the listening server (set once `beforeAll` has run). */
  readonly env: Record<string, string>;
  /** Runs `sigmax …` in a clean environment and returns its exit code and output. */
  sigmax(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** `sigmax … --json`, parsed; fails the test on a non-zero exit. */
  json<T = Record<string, unknown>>(args: string[], extraEnv?: Record<string, string>): Promise<T>;
}

/**
 * Starts a listening reference server (in-memory storage, silent, on a free port) for the test file
 * — `beforeAll`, closed `afterAll` — with `adminKey` as its admin key and `config` on top, builds
 * the binary if it is missing, and returns ways to run the binary against that server.
 */
export function cliServer(adminKey: string, config: Record<string, unknown> = {}): CliServer {
  let env: Record<string, string> = {};
  let stop: () => Promise<void>;

  beforeAll(async () => {
    if (!existsSync(bin))
      await run('pnpm', ['--filter', '@sigmax/sdk', '--filter', '@sigmax/cli', 'build'], { cwd: cliRoot });
    const server = await createServer(
      parseConfig({ dataDir: 'memory://', adminKey, logLevel: 'silent', port: 0, ...config }),
    );
    const running = await listen(server);
    env = { SIGMAX_URL: running.url, SIGMAX_API_KEY: adminKey };
    stop = running.close;
  }, 120_000);
  afterAll(() => stop?.());

  async function sigmax(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: mkdtempSync(join(tmpdir(), 'sigmax-home-')),
          ...env,
          ...extraEnv,
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  async function json<T = Record<string, unknown>>(
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<T> {
    const r = await sigmax([...args, '--json'], extraEnv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as T;
  }

  return {
    get env() {
      return env;
    },
    sigmax,
    json,
  };
}
