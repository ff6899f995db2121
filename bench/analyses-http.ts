// Latency of POST /v1/analyses over loopback: the whole path of one analysis (candles read from the
// replay, news fixtures, the engine's analyze(), redaction, the analysis and its debate written, 201),
// at 1 and 4 connections on in-memory PGlite. Every request is the same body; the replay's market time
// runs 60 times the wall clock, so the input changes as candles close. No LLM (templated narration).
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { ADMIN_KEY, benchRoot, log, SERVER_NODE_ARGS, spawnTs } from './lib';

const CONNECTIONS = [1, 4] as const;
const DURATION_S = 5;
const WARMUP_S = 1;
const TARGET_P95_MS = 10;

export interface AnalysesCase {
  connections: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export interface AnalysesHttpResult {
  method: string;
  targetP95Ms: number;
  /** p95 at one connection under the target. */
  met: boolean;
  cases: AnalysesCase[];
}

const BODY = JSON.stringify({ symbol: 'BTC/USDT', timeframes: ['1h', '4h', '1d'], capital: '10000' });

function load(
  url: string,
  connections: number,
  duration: number,
): Promise<{ result: autocannon.Result; latencyUs: RecordableHistogram }> {
  const latencyUs = createHistogram();
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, pipelining: 1, duration, method: 'POST', headers, body: BODY },
      (error, result) => (error ? reject(error) : resolve({ result, latencyUs })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode === 201) latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
}

const ms = (us: number) => Math.round(us) / 1000;

/** Runs the benchmark: a SIGMAX server in a child process, autocannon here. */
export async function runAnalysesHttp(): Promise<AnalysesHttpResult> {
  const child = spawnTs('servers/sigmax.ts', { cwd: benchRoot, env: {}, nodeArgs: SERVER_NODE_ARGS });
  const cases: AnalysesCase[] = [];
  try {
    const url = `${await child.ready}/v1/analyses`;
    for (const connections of CONNECTIONS) {
      await load(url, connections, WARMUP_S);
      const { result, latencyUs } = await load(url, connections, DURATION_S);
      if (result.non2xx || result.errors) {
        throw new Error(`POST /v1/analyses: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
      }
      const c: AnalysesCase = {
        connections,
        requests: result.requests.total,
        requestsPerSec: result.requests.average,
        latencyMs: {
          p50: ms(latencyUs.percentile(50)),
          p95: ms(latencyUs.percentile(95)),
          p99: ms(latencyUs.percentile(99)),
        },
      };
      log(
        `  POST /v1/analyses c=${connections}: ${c.requestsPerSec.toFixed(0)} req/s, p50 ${c.latencyMs.p50} ms, ` +
          `p95 ${c.latencyMs.p95} ms, p99 ${c.latencyMs.p99} ms`,
      );
      cases.push(c);
    }
  } finally {
    await child.stop();
  }
  return {
    method:
      'SIGMAX built by createServer() in a child process (replay market, news fixtures, no LLM, PGlite in ' +
      `memory, rate limits out of the way); autocannon in the parent posting ${BODY} (3 × 500 candles), ` +
      `${WARMUP_S} s warm-up then ${DURATION_S} s measured per connection count.`,
    targetP95Ms: TARGET_P95_MS,
    met: (cases[0]?.latencyMs.p95 ?? Number.POSITIVE_INFINITY) < TARGET_P95_MS,
    cases,
  };
}
