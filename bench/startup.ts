// Start-up time and idle memory of the real server entry point (`src/bin/start.ts`, as `pnpm start`
// runs it), each run in a child process on an embedded PGlite database in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ADMIN_KEY,
  benchRoot,
  type Child,
  freePort,
  httpGet,
  log,
  type MemoryReading,
  medianMemory,
  readMemory,
  SERVER_NODE_ARGS,
  type Summary,
  serverRoot,
  sleep,
  spawnTs,
  summarise,
} from './lib';

const RUNS = 5;
const POLL_MS = 15;
export const IDLE_MS = 5_000;
const START_TIMEOUT_MS = 120_000;

export interface StartRun {
  /** Spawn to first 200 from GET /v1/health, ms. */
  healthyMs: number;
  /** Spawn to the "is running at" line on stdout, ms. */
  bannerMs: number;
  /** After start, a few requests and {@link IDLE_MS} of idle. */
  idleMemory: MemoryReading;
  exitCode: number | null;
}

export interface StartupResult {
  method: string;
  runsPerCase: number;
  pollIntervalMs: number;
  idleMs: number;
  firstStart: { healthyMs: Summary; bannerMs: Summary; idleMemory: MemoryReading; runs: StartRun[] };
  restart: { healthyMs: Summary; bannerMs: Summary; idleMemory: MemoryReading; runs: StartRun[] };
  /** The same idle measurement on a bare Hono app under the same runtime (node + tsx): the floor. */
  bareHonoIdleMemory: { median: MemoryReading; runs: MemoryReading[] };
}

/** Polls `url` until it answers 200. Resolves with performance.now() at that moment. */
export async function waitHealthy(url: string, child: Child, timeoutMs = START_TIMEOUT_MS): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (performance.now() < deadline) {
    const status = await httpGet(url, {}, 1_000).catch(() => 0);
    if (status === 200) return performance.now();
    if (exited) throw new Error(`server exited before it was healthy:\n${child.output()}`);
    await sleep(POLL_MS);
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${child.output()}`);
}

/** A few typical requests, then idle, then the memory reading. */
export async function idleMemoryAfterUse(base: string, pid: number, paths: string[]): Promise<MemoryReading> {
  for (const path of paths) {
    const status = await httpGet(`${base}${path}`, { authorization: `Bearer ${ADMIN_KEY}` });
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  }
  await sleep(IDLE_MS);
  return readMemory(pid);
}

const SERVER_PATHS = [
  '/v1/health',
  '/v1/status',
  '/v1/health',
  '/v1/status',
  '/v1/health',
  '/v1/status',
  '/v1/openapi.json',
  '/docs',
];

/** One start of the real entry point on `dataDir`. */
export async function startOnce(
  dataDir: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<StartRun> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawnTs('src/bin/start.ts', {
    cwd: serverRoot,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      SIGMAX_DATA_DIR: dataDir,
      SIGMAX_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    nodeArgs: options.nodeArgs ?? SERVER_NODE_ARGS,
  });
  const banner = child.ready.then(() => performance.now());
  banner.catch(() => {});
  try {
    const healthyAt = await waitHealthy(`${base}/v1/health`, child);
    const bannerAt = await banner;
    const idleMemory = await idleMemoryAfterUse(base, child.pid, SERVER_PATHS);
    await child.stop();
    const exitCode = await child.exited;
    return { healthyMs: healthyAt - t0, bannerMs: bannerAt - t0, idleMemory, exitCode };
  } finally {
    await child.stop();
  }
}

async function bareHonoIdle(): Promise<MemoryReading> {
  const child = spawnTs('servers/bare.ts', { cwd: benchRoot, env: {} });
  try {
    const url = await child.ready;
    return await idleMemoryAfterUse(url, child.pid, ['/hello', '/hello', '/hello']);
  } finally {
    await child.stop();
  }
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sigmax-bench-'));
}

const fmt = (run: StartRun) =>
  `healthy ${run.healthyMs.toFixed(0)} ms, banner ${run.bannerMs.toFixed(0)} ms, idle RSS ${run.idleMemory.rssMB} MB`;

export async function runStartup(): Promise<StartupResult> {
  const dirs: string[] = [];
  try {
    const firstRuns: StartRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = tempDataDir();
      dirs.push(dir);
      const run = await startOnce(dir);
      log(`  first start ${i + 1}/${RUNS}: ${fmt(run)}`);
      firstRuns.push(run);
    }
    const restartRuns: StartRun[] = [];
    const existing = dirs[0] as string;
    for (let i = 0; i < RUNS; i++) {
      const run = await startOnce(existing);
      log(`  restart ${i + 1}/${RUNS}: ${fmt(run)}`);
      restartRuns.push(run);
    }
    const bareRuns: MemoryReading[] = [];
    for (let i = 0; i < 3; i++) {
      const reading = await bareHonoIdle();
      log(`  bare hono ${i + 1}/3: idle RSS ${reading.rssMB} MB`);
      bareRuns.push(reading);
    }
    const group = (runs: StartRun[]) => ({
      healthyMs: summarise(runs.map((r) => r.healthyMs)),
      bannerMs: summarise(runs.map((r) => r.bannerMs)),
      idleMemory: medianMemory(runs.map((r) => r.idleMemory)),
      runs,
    });
    return {
      method:
        'node --import tsx --conditions=@sigmax/source src/bin/start.ts in a child process, PGlite in a fresh ' +
        'temporary SIGMAX_DATA_DIR (first start: creates the database and applies migrations) or in one ' +
        'already created (restart); time from spawn to the first 200 from GET /v1/health, polled every ' +
        `${POLL_MS} ms. Idle memory: VmRSS of that process after 8 requests and ${IDLE_MS / 1000} s idle.`,
      runsPerCase: RUNS,
      pollIntervalMs: POLL_MS,
      idleMs: IDLE_MS,
      firstStart: group(firstRuns),
      restart: group(restartRuns),
      bareHonoIdleMemory: { median: medianMemory(bareRuns), runs: bareRuns },
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
