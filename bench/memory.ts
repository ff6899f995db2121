// Where the idle memory of the real server goes: the start-up benchmark's restart case, repeated with
// one Node/V8 setting changed at a time; then two reference points: the embedded database alone (the
// floor under any server on PGlite), and the server on PostgreSQL (BENCH_DATABASE_URL, when set).
import { rmSync } from 'node:fs';
import {
  benchRoot,
  log,
  type MemoryReading,
  medianMemory,
  readMemory,
  SERVER_NODE_ARGS,
  type Summary,
  sleep,
  spawnTs,
  summarise,
} from './lib';
import { IDLE_MS, startOnce, tempDataDir } from './startup';

const RUNS = 3;

interface Variant {
  name: string;
  /** Node/V8 flags for the server process. */
  nodeArgs: string[];
}

// The server already runs PGlite with shared_buffers = 16MB (set in its start parameters) and Node
// with the flags of its start script; the variants show what those choices are worth.
const variants: Variant[] = [
  { name: `as shipped (node ${SERVER_NODE_ARGS.join(' ')})`, nodeArgs: SERVER_NODE_ARGS },
  { name: 'node with its defaults (no flags)', nodeArgs: [] },
  {
    name: 'as shipped but WebAssembly compiled by as many background tasks as V8 likes',
    nodeArgs: SERVER_NODE_ARGS.filter((flag) => !flag.startsWith('--wasm-num-compilation-tasks')),
  },
  {
    name: 'as shipped + node --liftoff-only (WebAssembly never tiered up to the optimising compiler)',
    nodeArgs: [...SERVER_NODE_ARGS, '--liftoff-only'],
  },
];

export interface MemoryVariantResult {
  name: string;
  nodeArgs: string[];
  idleMemory: MemoryReading;
  restartHealthyMs: Summary;
  runs: MemoryReading[];
}

export interface MemoryResult {
  method: string;
  runsPerVariant: number;
  variants: MemoryVariantResult[];
  /** PGlite opened as the server opens it, in a process that loads nothing else. */
  pgliteAlone: { idleMemory: MemoryReading; runs: MemoryReading[] };
  /** The server as shipped on PostgreSQL (no PGlite in the process); absent without BENCH_DATABASE_URL. */
  postgres?: { idleMemory: MemoryReading; restartHealthyMs: Summary; runs: MemoryReading[] };
}

/** PGlite alone on `dataDir` (an existing database), under the server's Node flags: idle memory. */
async function pgliteAloneOnce(dataDir: string): Promise<MemoryReading> {
  const child = spawnTs('servers/pglite-alone.ts', {
    cwd: benchRoot,
    env: { SIGMAX_DATA_DIR: dataDir },
    nodeArgs: SERVER_NODE_ARGS,
  });
  try {
    await child.ready;
    await sleep(IDLE_MS);
    return readMemory(child.pid);
  } finally {
    await child.stop();
  }
}

export async function runMemory(): Promise<MemoryResult> {
  const results: MemoryVariantResult[] = [];
  let pgliteAlone: MemoryResult['pgliteAlone'] | undefined;
  for (const variant of variants) {
    const dir = tempDataDir();
    try {
      await startOnce(dir); // creates the database; not measured
      const runs: MemoryReading[] = [];
      const healthy: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await startOnce(dir, { nodeArgs: variant.nodeArgs });
        log(
          `  ${variant.name} ${i + 1}/${RUNS}: idle RSS ${run.idleMemory.rssMB} MB, healthy ${run.healthyMs.toFixed(0)} ms`,
        );
        runs.push(run.idleMemory);
        healthy.push(run.healthyMs);
      }
      if (!pgliteAlone) {
        const aloneRuns: MemoryReading[] = [];
        for (let i = 0; i < RUNS; i++) {
          const reading = await pgliteAloneOnce(dir);
          log(`  PGlite alone ${i + 1}/${RUNS}: idle RSS ${reading.rssMB} MB`);
          aloneRuns.push(reading);
        }
        pgliteAlone = { idleMemory: medianMemory(aloneRuns), runs: aloneRuns };
      }
      results.push({
        name: variant.name,
        nodeArgs: variant.nodeArgs,
        idleMemory: medianMemory(runs),
        restartHealthyMs: summarise(healthy),
        runs,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const postgres = await onPostgres();
  return {
    method:
      'Restart case of the start-up benchmark (existing PGlite data folder, 8 requests, 5 s idle, VmRSS), ' +
      `${RUNS} runs per variant, one setting changed at a time. PGlite alone: the server's openDatabase() ` +
      'on the same folder in a process that loads nothing else, 5 s idle. PostgreSQL: the server as shipped ' +
      'with DATABASE_URL=BENCH_DATABASE_URL (the first start, which migrates, not measured).',
    runsPerVariant: RUNS,
    variants: results,
    pgliteAlone: pgliteAlone as MemoryResult['pgliteAlone'],
    ...(postgres ? { postgres } : {}),
  };
}

async function onPostgres(): Promise<MemoryResult['postgres']> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl) {
    log('  server on PostgreSQL: skipped (set BENCH_DATABASE_URL to a database the server may migrate)');
    return undefined;
  }
  const dir = tempDataDir();
  try {
    const env = { DATABASE_URL: databaseUrl };
    await startOnce(dir, { env }); // migrates; not measured
    const runs: MemoryReading[] = [];
    const healthy: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await startOnce(dir, { env });
      log(`  server on PostgreSQL ${i + 1}/${RUNS}: idle RSS ${run.idleMemory.rssMB} MB`);
      runs.push(run.idleMemory);
      healthy.push(run.healthyMs);
    }
    return { idleMemory: medianMemory(runs), restartHealthyMs: summarise(healthy), runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
