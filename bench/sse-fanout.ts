// Fan-out of GET /v1/events: 1,000 SSE clients on loopback, a burst of 10,000 events published on the
// server's event bus, and the latency of every delivery (publish → client receipt), p50/p99, with
// the server's RSS. The server runs in a child process (this file, in its server role), started as
// `pnpm start` starts the server; the parent drives it over IPC (the burst is published in-process,
// on `services.events`: there is no HTTP way to publish, by design). Clients are raw http.request
// connections with a minimal frame scanner, to keep the load generator's own cost low.
import { type ChildProcess, fork } from 'node:child_process';
import { request } from 'node:http';
import { createHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY, benchRoot, log, median, readMemory, SERVER_NODE_ARGS, sleep } from './lib';

const CLIENTS = 1_000;
const EVENTS = 10_000;
const ROUNDS = 3;
const DELIVERY_TIMEOUT_MS = 300_000;

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
const now = () => performance.timeOrigin + performance.now();

type ToServer = { kind: 'burst'; count: number; round: number } | { kind: 'listeners' } | { kind: 'stop' };
type FromServer =
  | { kind: 'ready'; url: string }
  | { kind: 'published'; round: number; ms: number }
  | { kind: 'listeners'; count: number };

// ---------------------------------------------------------------------------------------------
// Server role: the reference server, publishing bursts on request.

async function serverRole(): Promise<void> {
  const { createServer, listen, parseConfig } = await import('@sigmax/server');
  const server = await createServer(
    parseConfig({
      dataDir: 'memory://',
      adminKey: ADMIN_KEY,
      logLevel: 'silent',
      rateLimitPerMinute: 100_000_000,
      port: 0,
      host: '127.0.0.1',
      ...(process.env.BENCH_DATABASE_URL ? { databaseUrl: process.env.BENCH_DATABASE_URL } : {}),
    }),
  );
  const running = await listen(server);
  const send = (message: FromServer) => process.send?.(message);
  process.on('message', (message: ToServer) => {
    if (message.kind === 'burst') {
      const started = now();
      for (let i = 0; i < message.count; i++) {
        // `t`: when it was published, read back by the clients
        server.services.events.publish({
          type: 'control.loop',
          loop: { t: now(), i, round: message.round } as never,
        });
      }
      send({ kind: 'published', round: message.round, ms: now() - started });
    } else if (message.kind === 'listeners') {
      send({ kind: 'listeners', count: server.services.eventStore.listenerCount });
    } else if (message.kind === 'stop') {
      void running.close().then(() => process.exit(0));
    }
  });
  send({ kind: 'ready', url: running.url });
}

// ---------------------------------------------------------------------------------------------
// Driver role.

interface Round {
  deliveries: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** From the first publish to the last delivery. */
  drainMs: number;
  deliveriesPerSec: number;
  publishMs: number;
  serverRssMB: number;
  serverPeakRssMB: number;
}

export interface SseFanoutResult {
  method: string;
  clients: number;
  eventsPerBurst: number;
  idleWithClientsRssMB: number;
  idleRssMB: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  drainMs: number;
  deliveriesPerSec: number;
  serverPeakRssMB: number;
  rounds: Round[];
}

const T_KEY = Buffer.from('"t":');
const FRAME_END = Buffer.from('\n\n');

/** One SSE client: counts frames carrying `"t":`, recording publish → receipt latency (µs). */
function openClient(url: string, onDelivery: (latencyUs: number) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/events?types=control.loop&heartbeatSeconds=300`,
      { headers: { authorization: `Bearer ${ADMIN_KEY}`, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET /v1/events answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let rest: Buffer | undefined;
        res.on('data', (chunk: Buffer) => {
          const received = now();
          const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
          let start = 0;
          for (;;) {
            const end = buf.indexOf(FRAME_END, start);
            if (end < 0) break;
            const at = buf.indexOf(T_KEY, start);
            if (at >= 0 && at < end) {
              let i = at + T_KEY.length;
              let digits = '';
              for (; i < end; i++) {
                const c = buf[i] as number;
                if ((c >= 48 && c <= 57) || c === 46) digits += String.fromCharCode(c);
                else break;
              }
              onDelivery(Math.max(1, Math.round((received - Number(digits)) * 1000)));
            }
            start = end + 2;
          }
          rest = start < buf.length ? buf.subarray(start) : undefined;
        });
        res.on('error', () => {});
        resolve({ close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function startServer(): {
  child: ChildProcess;
  next<K extends FromServer['kind']>(kind: K): Promise<Extract<FromServer, { kind: K }>>;
} {
  const script = fileURLToPath(import.meta.url);
  const child = fork(script, [], {
    cwd: benchRoot,
    execArgv: [...SERVER_NODE_ARGS, '--import', 'tsx', '--conditions=@sigmax/source'],
    env: {
      PATH: process.env.PATH ?? '',
      SSE_FANOUT_ROLE: 'server',
      ...(process.env.BENCH_DATABASE_URL ? { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: Array<{ kind: string; resolve: (m: FromServer) => void }> = [];
  child.on('message', (message: FromServer) => {
    const index = waiting.findIndex((w) => w.kind === message.kind);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(message);
  });
  return {
    child,
    next: (kind) =>
      new Promise((resolve) => waiting.push({ kind, resolve: resolve as (m: FromServer) => void })),
  };
}

export async function runSseFanout(): Promise<SseFanoutResult> {
  const server = startServer();
  const { url } = await server.next('ready');
  const pid = server.child.pid as number;
  const ask = <K extends FromServer['kind']>(message: ToServer, kind: K) => {
    const answer = server.next(kind);
    server.child.send(message);
    return answer;
  };
  await sleep(1_000);
  const idleRssMB = readMemory(pid).rssMB;
  let histogram = createHistogram();
  let deliveries = 0;
  let lastDelivery = 0;
  const onDelivery = (us: number) => {
    histogram.record(us);
    deliveries++;
    lastDelivery = now();
  };
  const clients: Array<{ close(): void }> = [];
  try {
    // Connect in waves: a thousand handshakes at once would only measure the accept queue.
    for (let i = 0; i < CLIENTS; i += 50) {
      clients.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, CLIENTS - i) }, () => openClient(url, onDelivery)),
        )),
      );
    }
    for (;;) {
      const { count } = await ask({ kind: 'listeners' }, 'listeners');
      if (count >= CLIENTS) break;
      await sleep(50);
    }
    await sleep(1_000);
    const idleWithClientsRssMB = readMemory(pid).rssMB;
    log(
      `  ${CLIENTS} clients connected; server RSS ${idleRssMB} MB idle, ${idleWithClientsRssMB} MB with clients`,
    );

    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      histogram = createHistogram();
      deliveries = 0;
      let peakRss = 0;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, readMemory(pid).rssMB);
      }, 200);
      const started = now();
      const published = await ask({ kind: 'burst', count: EVENTS, round }, 'published');
      const expected = CLIENTS * EVENTS;
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      while (deliveries < expected && Date.now() < deadline) await sleep(50);
      clearInterval(sampler);
      const memory = readMemory(pid);
      if (deliveries < expected) throw new Error(`round ${round}: ${deliveries} of ${expected} deliveries`);
      const drainMs = lastDelivery - started;
      const r: Round = {
        deliveries,
        latencyP50Ms: Math.round(histogram.percentile(50) / 100) / 10,
        latencyP99Ms: Math.round(histogram.percentile(99) / 100) / 10,
        latencyMaxMs: Math.round(histogram.max / 100) / 10,
        drainMs: Math.round(drainMs),
        deliveriesPerSec: Math.round(deliveries / (drainMs / 1000)),
        publishMs: Math.round(published.ms * 10) / 10,
        serverRssMB: memory.rssMB,
        serverPeakRssMB: Math.max(peakRss, memory.peakRssMB),
      };
      rounds.push(r);
      log(
        `  round ${round}/${ROUNDS}: ${r.deliveries} deliveries in ${r.drainMs} ms (${r.deliveriesPerSec}/s), ` +
          `latency p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, max ${r.latencyMaxMs} ms; ` +
          `server RSS ${r.serverRssMB} MB (peak ${r.serverPeakRssMB} MB)`,
      );
      await sleep(1_000);
    }
    return {
      method:
        `${CLIENTS} SSE clients (raw http.request, loopback) on GET /v1/events; ${EVENTS} events published ` +
        "at once on the server's bus (stored in the events table, then fanned out); latency = client receipt " +
        `minus publish time, over every delivery; ${ROUNDS} rounds, medians; PGlite in memory unless BENCH_DATABASE_URL`,
      clients: CLIENTS,
      eventsPerBurst: EVENTS,
      idleRssMB,
      idleWithClientsRssMB,
      latencyP50Ms: median(rounds.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(rounds.map((r) => r.latencyP99Ms)),
      drainMs: median(rounds.map((r) => r.drainMs)),
      deliveriesPerSec: median(rounds.map((r) => r.deliveriesPerSec)),
      serverPeakRssMB: Math.max(...rounds.map((r) => r.serverPeakRssMB)),
      rounds,
    };
  } finally {
    for (const client of clients) client.close();
    server.child.send({ kind: 'stop' } satisfies ToServer);
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    await new Promise((done) => server.child.once('exit', done));
    clearTimeout(timer);
  }
}

if (process.env.SSE_FANOUT_ROLE === 'server') await serverRole();
