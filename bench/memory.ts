// Where the idle memory of the real server goes: the start-up benchmark's restart case, repeated with
// one Node/V8 setting changed at a time.
import { rmSync } from 'node:fs';
import { log, type MemoryReading, medianMemory, SERVER_NODE_ARGS, type Summary, summarise } from './lib';
import { startOnce, tempDataDir } from './startup';

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
}

export async function runMemory(): Promise<MemoryResult> {
  const results: MemoryVariantResult[] = [];
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
  return {
    method:
      'Restart case of the start-up benchmark (existing PGlite data folder, 8 requests, 5 s idle, VmRSS), ' +
      `${RUNS} runs per variant, one setting changed at a time.`,
    runsPerVariant: RUNS,
    variants: results,
  };
}
