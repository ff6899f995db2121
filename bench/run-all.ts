// Runs the benchmarks (all, or those named on the command line: `pnpm bench startup`) and writes
// their raw numbers with the machine they ran on to results/latest.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runEnginePaper } from './engine-paper';
import { runHttpStatus } from './http-status';
import { benchRoot, log, machineInfo } from './lib';
import { runMemory } from './memory';
import { runOrdersHttp } from './orders-http';
import { runStartup } from './startup';

const benchmarks: Record<string, () => Promise<unknown>> = {
  startup: runStartup,
  'http-status': runHttpStatus,
  memory: runMemory,
  'engine-paper': async () => runEnginePaper(),
  'orders-http': runOrdersHttp,
};

const IDLE_RSS_TARGET_MB = 200;

const requested = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = requested.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  log(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(benchmarks);

const resultsDir = join(benchRoot, 'results');
const resultsFile = join(resultsDir, 'latest.json');
// A partial run keeps the other benchmarks' last results.
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
const results: Record<string, unknown> = { ...(previous.results ?? {}) };

for (const name of names) {
  log(`${name}…`);
  const started = Date.now();
  results[name] = { ...((await benchmarks[name]?.()) as object), machine: machineInfo() };
  log(`${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
}

mkdirSync(resultsDir, { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify({ machine: machineInfo(), results }, null, 2)}\n`);
log(`wrote ${resultsFile}`);

// A short summary of what ran.
// biome-ignore lint/suspicious/noExplicitAny: reading back our own JSON
const r = results as Record<string, any>;
if (names.includes('startup')) {
  const s = r.startup;
  log(
    `start-up to first healthy response: first start ${s.firstStart.healthyMs.median} ms ` +
      `(${s.firstStart.healthyMs.min}–${s.firstStart.healthyMs.max}), restart ${s.restart.healthyMs.median} ms ` +
      `(${s.restart.healthyMs.min}–${s.restart.healthyMs.max})`,
  );
  const rss = s.restart.idleMemory.rssMB;
  log(
    `idle RSS: ${rss} MB after restart, ${s.firstStart.idleMemory.rssMB} MB after first start ` +
      `(target < ${IDLE_RSS_TARGET_MB} MB: ${Math.max(rss, s.firstStart.idleMemory.rssMB) < IDLE_RSS_TARGET_MB ? 'met' : 'not met'}); ` +
      `bare Hono ${s.bareHonoIdleMemory.median.rssMB} MB`,
  );
}
if (names.includes('http-status')) {
  const h = r['http-status'];
  log(
    `GET /v1/status ${Math.round(h.status.requestsPerSec)} req/s (p50 ${h.status.latencyP50Ms} ms, p99 ${h.status.latencyP99Ms} ms) ` +
      `vs bare Hono ${Math.round(h.bare.requestsPerSec)} req/s (p50 ${h.bare.latencyP50Ms} ms, p99 ${h.bare.latencyP99Ms} ms): ` +
      `${(h.ratio * 100).toFixed(1)}% (target ≥ ${h.targetRatio * 100}%: ${h.met ? 'met' : 'not met'})`,
  );
}
if (names.includes('memory')) {
  for (const v of r.memory.variants) log(`idle RSS ${v.idleMemory.rssMB} MB: ${v.name}`);
}
if (names.includes('engine-paper')) {
  const e = r['engine-paper'];
  log(`paper matching ${e.ordersPerSecond.median} orders/s (median of ${e.ordersPerSecond.runs.length})`);
}
if (names.includes('orders-http')) {
  for (const c of r['orders-http'].cases) {
    log(
      `${c.target} c=${c.connections}: ${Math.round(c.requestsPerSec)} req/s, p50 ${c.latencyP50Ms} ms, p99 ${c.latencyP99Ms} ms`,
    );
  }
}
