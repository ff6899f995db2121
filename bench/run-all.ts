// Runs the benchmarks (all, or those named on the command line: `pnpm bench startup`) and writes
// their raw numbers with the machine they ran on to results/latest.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysesHttp } from './analyses-http';
import { run as runAnalysisEngine } from './analysis-engine';
import { run as runBacktestAgents } from './backtest-agents';
import { run as runBacktestEngine } from './backtest-engine';
import { run as runBacktestSearch } from './backtest-search';
import { run as runEnginePaper } from './engine-paper';
import { runHttpStatus } from './http-status';
import { summaryLines as indicatorLines, run as runIndicators } from './indicators';
import { benchRoot, log, machineInfo } from './lib';
import { runMemory } from './memory';
import { runOrdersHttp } from './orders-http';
import { run as runRiskChecks } from './risk-checks';
import { runSseFanout } from './sse-fanout';
import { runStartup } from './startup';

const benchmarks: Record<string, () => Promise<unknown>> = {
  startup: runStartup,
  'http-status': runHttpStatus,
  memory: runMemory,
  'engine-paper': async () => runEnginePaper(),
  'analysis-engine': async () => runAnalysisEngine(),
  'orders-http': runOrdersHttp,
  'analyses-http': runAnalysesHttp,
  indicators: async () => runIndicators(),
  'backtest-engine': async () => runBacktestEngine(),
  'backtest-search': () => runBacktestSearch(),
  'risk-checks': async () => runRiskChecks(),
  'backtest-agents': async () => runBacktestAgents(),
  'sse-fanout': runSseFanout,
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
      `${(h.ratio * 100).toFixed(1)}% (target ≥ ${h.targetRatio * 100}%: ${h.met ? 'met' : 'not met'}); ` +
      `server CPU ${h.status.serverCpuUsPerRequest} against ${h.bare.serverCpuUsPerRequest} µs/request`,
  );
}
if (names.includes('memory')) {
  for (const v of r.memory.variants) log(`idle RSS ${v.idleMemory.rssMB} MB: ${v.name}`);
  log(`idle RSS ${r.memory.pgliteAlone.idleMemory.rssMB} MB: PGlite alone (the floor on PGlite)`);
  if (r.memory.postgres) log(`idle RSS ${r.memory.postgres.idleMemory.rssMB} MB: the server on PostgreSQL`);
}
if (names.includes('engine-paper')) {
  const e = r['engine-paper'];
  log(`paper matching ${e.ordersPerSecond.median} orders/s (median of ${e.ordersPerSecond.runs.length})`);
}
if (names.includes('analysis-engine')) {
  const a = r['analysis-engine'];
  log(
    `analysis (engine only, 3 × ${a.candlesPerTimeframe} candles, ${a.debateRounds} rounds): p50 ${a.latencyMs.p50} ms, ` +
      `p99 ${a.latencyMs.p99} ms over ${a.runs} calls (target p99 < ${a.targetP99Ms} ms: ${a.met ? 'met' : 'not met'})`,
  );
}
if (names.includes('analyses-http')) {
  const a = r['analyses-http'];
  for (const c of a.cases) {
    log(
      `POST /v1/analyses c=${c.connections}: ${Math.round(c.requestsPerSec)} req/s, p50 ${c.latencyMs.p50} ms, ` +
        `p95 ${c.latencyMs.p95} ms, p99 ${c.latencyMs.p99} ms`,
    );
  }
  log(`analyses-http: target p95 < ${a.targetP95Ms} ms at 1 connection: ${a.met ? 'met' : 'not met'}`);
}
if (names.includes('orders-http')) {
  for (const c of r['orders-http'].cases) {
    log(
      `${c.target} c=${c.connections}: ${Math.round(c.requestsPerSec)} req/s, p50 ${c.latencyP50Ms} ms, p99 ${c.latencyP99Ms} ms`,
    );
  }
}
if (names.includes('indicators')) {
  const i = r.indicators;
  for (const line of indicatorLines(i)) log(line);
  log(
    i.slower.length === 0
      ? 'indicators: ours at least as fast as the fastest library on all five'
      : `indicators: ours slower on ${i.slower.join('; ')}`,
  );
  for (const line of i.disagreements) log(`indicators disagreement: ${line}`);
}
if (names.includes('backtest-search')) {
  const b = r['backtest-search'];
  log(
    `backtest grid of ${b.gridPoints} on ${b.candles} candles: 1 thread ${b.serialSeconds.median} s, ` +
      `${b.threads} threads ${b.parallelSeconds.median} s, speed-up ×${b.speedup.median} (identical: ${b.identical})`,
  );
}
if (names.includes('backtest-engine')) {
  const b = r['backtest-engine'];
  log(
    `backtester: ${b.candlesPerSecond.median.toLocaleString('en-US')} candles/s, SMA crossover over ${b.candlesPerBacktest} BTC 4h bars ` +
      `(target ≥ ${b.target.toLocaleString('en-US')}: ${b.met ? 'met' : 'not met'})`,
  );
}
if (names.includes('backtest-agents')) {
  const b = r['backtest-agents'];
  log(
    `multi-agent backtest: ${b.candlesPerSecond.median.toLocaleString('en-US')} candles/s over ${b.candlesPerBacktest} BTC 4h bars ` +
      `(target ≥ ${b.target.toLocaleString('en-US')}: ${b.met ? 'met' : 'not met'})`,
  );
}
if (names.includes('sse-fanout')) {
  const f = r['sse-fanout'];
  log(
    `SSE fan-out, ${f.clients} clients × ${f.eventsPerBurst} events: delivery latency p50 ${f.latencyP50Ms} ms, ` +
      `p99 ${f.latencyP99Ms} ms, ${f.deliveriesPerSec.toLocaleString('en-US')} deliveries/s; server RSS ` +
      `${f.idleRssMB} MB idle, ${f.idleWithClientsRssMB} MB with clients, peak ${f.serverPeakRssMB} MB`,
  );
}
