// Throughput and latency of POST /v1/orders on the paper exchange, over loopback, at 1, 8 and 32
// connections, on in-memory PGlite and on PostgreSQL (when it answers), with the bare Hono route of
// the Foundation benchmark loaded in the same run for scale. Each order is a small market order,
// buys and sells alternating so the account never runs dry; every one is matched against the book,
// written (order, transitions, fills, ledger) in one transaction and answered 201.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { createScratchDatabase, postgresReachable } from '@sigmax/server/testing';
import autocannon from 'autocannon';
import { ADMIN_KEY, benchRoot, type Child, log, median, SERVER_NODE_ARGS, spawnTs } from './lib';

const CONNECTIONS = [1, 8, 32] as const;
const ROUNDS = 3;
const DURATION_S = 8;
const WARMUP_S = 2;

export interface OrdersRound {
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface OrdersCase {
  target: string;
  connections: number;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  rounds: OrdersRound[];
}

export interface OrdersHttpResult {
  method: string;
  cases: OrdersCase[];
  skipped: string[];
}

const body = (side: 'buy' | 'sell') =>
  JSON.stringify({ symbol: 'BTC/USDT', side, type: 'market', quantity: '0.001' });

function load(
  url: string,
  connections: number,
  duration: number,
  post: boolean,
): Promise<{ result: autocannon.Result; latencyUs: RecordableHistogram }> {
  const latencyUs = createHistogram();
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const requests = post
    ? [
        { method: 'POST' as const, headers, body: body('buy') },
        { method: 'POST' as const, headers, body: body('sell') },
      ]
    : [{ method: 'GET' as const }];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, pipelining: 1, duration, requests }, (error, result) =>
      error ? reject(error) : resolve({ result, latencyUs }),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode < 300) latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
}

async function measure(name: string, url: string, post: boolean): Promise<OrdersCase[]> {
  const cases: OrdersCase[] = [];
  for (const connections of CONNECTIONS) {
    const rounds: OrdersRound[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await load(url, connections, WARMUP_S, post);
      const { result, latencyUs } = await load(url, connections, DURATION_S, post);
      const r: OrdersRound = {
        requestsPerSec: result.requests.average,
        latencyP50Ms: Math.round(latencyUs.percentile(50)) / 1000,
        latencyP99Ms: Math.round(latencyUs.percentile(99)) / 1000,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      };
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
      rounds.push(r);
      log(
        `  ${name} c=${connections} ${round}/${ROUNDS}: ${r.requestsPerSec.toFixed(0)} req/s, ` +
          `p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms`,
      );
    }
    cases.push({
      target: name,
      connections,
      requestsPerSec: median(rounds.map((r) => r.requestsPerSec)),
      latencyP50Ms: median(rounds.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(rounds.map((r) => r.latencyP99Ms)),
      rounds,
    });
  }
  return cases;
}

async function withChild<T>(child: Child, run: (url: string) => Promise<T>): Promise<T> {
  try {
    return await run(await child.ready);
  } finally {
    await child.stop();
  }
}

export async function runOrdersHttp(): Promise<OrdersHttpResult> {
  const cases: OrdersCase[] = [];
  const skipped: string[] = [];
  cases.push(
    ...(await withChild(spawnTs('servers/bare.ts', { cwd: benchRoot, env: {} }), (url) =>
      measure('GET /hello (bare Hono)', `${url}/hello`, false),
    )),
  );
  cases.push(
    ...(await withChild(
      spawnTs('servers/sigmax.ts', { cwd: benchRoot, env: {}, nodeArgs: SERVER_NODE_ARGS }),
      (url) => measure('POST /v1/orders (PGlite)', `${url}/v1/orders`, true),
    )),
  );
  if (await postgresReachable()) {
    const scratch = await createScratchDatabase();
    try {
      cases.push(
        ...(await withChild(
          spawnTs('servers/sigmax.ts', {
            cwd: benchRoot,
            env: { BENCH_DATABASE_URL: scratch.url },
            nodeArgs: SERVER_NODE_ARGS,
          }),
          (url) => measure('POST /v1/orders (PostgreSQL)', `${url}/v1/orders`, true),
        )),
      );
    } finally {
      await scratch.drop();
    }
  } else {
    skipped.push('PostgreSQL did not answer; its case was not measured');
  }
  return {
    method:
      'Each server in its own child process; SIGMAX built by createServer() (replay market, paper exchange, ' +
      'log level silent, rate limits raised out of the way, 1,000,000,000 USDT and 10,000 BTC). autocannon in ' +
      `the parent: market orders of 0.001 BTC, buy and sell alternating, ${WARMUP_S} s warm-up then ` +
      `${DURATION_S} s measured, ${ROUNDS} rounds per connection count; medians of the rounds.`,
    cases,
    skipped,
  };
}
