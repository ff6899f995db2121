// Throughput of GET /v1/status (auth, rate limit, request id, access log, JSON) against a bare Hono
// app answering GET /hello, each server in its own child process, loaded with autocannon from here.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import {
  ADMIN_KEY,
  benchRoot,
  type Child,
  cpuTimeUs,
  httpGet,
  log,
  type MemoryReading,
  median,
  pinToCpu,
  readMemory,
  SERVER_NODE_ARGS,
  spawnTs,
} from './lib';

const ROUNDS = 3;
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARMUP_S = 2;
const TARGET_RATIO = 0.7;

export interface LoadRound {
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  /** autocannon's own figures, whole milliseconds. */
  autocannonLatencyMs: { p50: number; p99: number; mean: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU time the server process used per request during the round (all its threads), µs. */
  serverCpuUsPerRequest: number;
}

export interface TargetResult {
  name: string;
  path: string;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Median over the rounds of the server's CPU time per request, µs. */
  serverCpuUsPerRequest: number;
  rounds: LoadRound[];
  /** Server process memory after all rounds. */
  memoryAfterLoad: MemoryReading;
}

export interface HttpStatusResult {
  method: string;
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  status: TargetResult;
  bare: TargetResult;
  /** median req/s of /v1/status ÷ median req/s of the bare app. */
  ratio: number;
  /** Load generator and servers each pinned to a CPU of their own (see `pinToCpu`). */
  pinned: boolean;
  targetRatio: number;
  met: boolean;
}

interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
  child: Child;
  url: string;
  rounds: LoadRound[];
}

interface Load {
  result: autocannon.Result;
  /** Latency of every 2xx response in µs (autocannon's own histogram has 1 ms resolution). */
  latencyUs: RecordableHistogram;
}

function load(url: string, headers: Record<string, string>, duration: number): Promise<Load> {
  const latencyUs = createHistogram();
  return new Promise((resolve, reject) => {
    const options = { url, headers, connections: CONNECTIONS, pipelining: 1, duration };
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, latencyUs }),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode < 300) latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
}

const toMs = (us: number) => Math.round(us) / 1000;

function toRound({ result, latencyUs }: Load, serverCpuUs: number): LoadRound {
  return {
    requestsPerSec: result.requests.average,
    latencyP50Ms: toMs(latencyUs.percentile(50)),
    latencyP99Ms: toMs(latencyUs.percentile(99)),
    latencyMeanMs: toMs(latencyUs.mean),
    autocannonLatencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuUsPerRequest: Math.round((serverCpuUs / result.requests.total) * 10) / 10,
  };
}

export async function runHttpStatus(): Promise<HttpStatusResult> {
  const sigmax = spawnTs('servers/sigmax.ts', { cwd: benchRoot, env: {}, nodeArgs: SERVER_NODE_ARGS });
  const bare = spawnTs('servers/bare.ts', { cwd: benchRoot, env: {} });
  try {
    const auth = { authorization: `Bearer ${ADMIN_KEY}` };
    const targets: Target[] = [
      {
        name: 'GET /v1/status (SIGMAX)',
        path: '/v1/status',
        headers: auth,
        child: sigmax,
        url: '',
        rounds: [],
      },
      { name: 'GET /hello (bare Hono)', path: '/hello', headers: {}, child: bare, url: '', rounds: [] },
    ];
    for (const target of targets) {
      target.url = `${await target.child.ready}${target.path}`;
      const status = await httpGet(target.url, target.headers);
      if (status !== 200) throw new Error(`${target.name} answered ${status}`);
    }
    // autocannon (here) on CPU 0, both servers on CPU 1: the server measured never shares its core
    // with the load generator, whichever of the two is running. Pinned once they are up, when their
    // threads no longer come and go.
    const pinned = pinToCpu(process.pid, 0) && targets.every((target) => pinToCpu(target.child.pid, 1));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) {
        await load(target.url, target.headers, WARMUP_S);
        const cpuBefore = cpuTimeUs(target.child.pid);
        const measured = await load(target.url, target.headers, DURATION_S);
        const result = toRound(measured, cpuTimeUs(target.child.pid) - cpuBefore);
        if (result.non2xx || result.errors) {
          throw new Error(`${target.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
        }
        target.rounds.push(result);
        log(
          `  round ${round}/${ROUNDS} ${target.name}: ${result.requestsPerSec.toFixed(0)} req/s, ` +
            `p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, server CPU ${result.serverCpuUsPerRequest} µs/request`,
        );
      }
    }
    const summary = (target: Target): TargetResult => ({
      name: target.name,
      path: target.path,
      requestsPerSec: median(target.rounds.map((r) => r.requestsPerSec)),
      latencyP50Ms: median(target.rounds.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(target.rounds.map((r) => r.latencyP99Ms)),
      serverCpuUsPerRequest: median(target.rounds.map((r) => r.serverCpuUsPerRequest)),
      rounds: target.rounds,
      memoryAfterLoad: readMemory(target.child.pid),
    });
    const [statusTarget, bareTarget] = targets as [Target, Target];
    const statusResult = summary(statusTarget);
    const bareResult = summary(bareTarget);
    const ratio = Math.round((statusResult.requestsPerSec / bareResult.requestsPerSec) * 1000) / 1000;
    return {
      method:
        'Each server in its own child process (node --import tsx --conditions=@sigmax/source); SIGMAX built by ' +
        'createServer() with in-memory PGlite, logLevel silent and the rate limit raised out of the way. ' +
        `autocannon in the parent: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s ` +
        `measured, targets alternating, ${ROUNDS} rounds each; medians of the rounds. When the machine allows, ` +
        'the load generator runs on CPU 0 and both servers on CPU 1. Server CPU per request: the server ' +
        "process's user + system time over the measured seconds (/proc), divided by the requests. Latency percentiles from " +
        'the response times autocannon reports per response, at µs resolution.',
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      rounds: ROUNDS,
      status: statusResult,
      bare: bareResult,
      ratio,
      pinned,
      targetRatio: TARGET_RATIO,
      met: ratio >= TARGET_RATIO,
    };
  } finally {
    pinToCpu(process.pid, 'all');
    await Promise.all([sigmax.stop(), bare.stop()]);
  }
}
