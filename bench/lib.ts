import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type BacktestResult, type Candle, runBacktest, type Strategy } from '@sigmax/engine';

/** The bench package folder. */
export const benchRoot = fileURLToPath(new URL('.', import.meta.url));
/** The server package folder (its entry point is `src/bin/start.ts`). */
export const serverRoot = fileURLToPath(new URL('../packages/server/', import.meta.url));

export const ADMIN_KEY = 'sk_sigmax_bench_admin_key_0123456789abcdef';

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarise(values: number[], digits = 1): Summary {
  const round = (n: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.map(round),
  };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    os: `${os.type()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** A TCP port that was free a moment ago (bound to port 0, then released). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** One GET on a fresh connection; resolves with the status code, rejects on connection errors. */
export function httpGet(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 2_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end();
  });
}

export interface Child {
  child: ChildProcess;
  pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the URL once the child prints `is running at <url>` or `listening at <url>`. */
  ready: Promise<string>;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The Node/V8 flags `pnpm start` gives the server (read from packages/server/package.json, so a
 * benchmark always measures the server as shipped).
 */
export const SERVER_NODE_ARGS: string[] = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../packages/server/package.json', import.meta.url), 'utf8'));
  const words = String(pkg.scripts.start).split(/\s+/);
  const flags: string[] = [];
  for (const word of words.slice(1)) {
    if (word === '--import') break;
    flags.push(word);
  }
  return flags;
})();

/** Runs `node --import tsx --conditions=@sigmax/source <script>` (how `pnpm start` runs the server). */
export function spawnTs(
  script: string,
  options: { cwd: string; env: Record<string, string>; nodeArgs?: string[] },
): Child {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', '--conditions=@sigmax/source', script];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let exitCode: number | null | undefined;
  let resolveReady: (url: string) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before it was ready:\n${text}`)),
    );
  });
  ready.catch(() => {});
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    const match = /(?:is running at|listening at) ([a-z]+:\/\/\S+)/.exec(text);
    if (match?.[1]) resolveReady(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = once(child, 'exit').then(([code]) => {
    exitCode = code as number | null;
    return exitCode;
  });
  const stop = async (graceMs = 10_000) => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  if (child.pid === undefined) throw new Error(`could not spawn ${script}`);
  return { child, pid: child.pid, output: () => text, ready, exited, stop };
}

export interface MemoryReading {
  /** Resident set size (VmRSS), MB. */
  rssMB: number;
  /** Peak resident set size (VmHWM), MB. */
  peakRssMB: number;
  /** Anonymous resident memory (heap, WebAssembly memory, ...), MB. */
  anonMB: number;
  /** File-backed resident memory (the node binary, shared libraries), MB. */
  fileMB: number;
  /** Resident part of the WebAssembly linear memories (PGlite's PostgreSQL heap), MB. */
  wasmMB: number;
}

const toMB = (kb: number) => Math.round((kb / 1024) * 10) / 10;

/** Reads /proc/<pid>/status and /proc/<pid>/smaps (Linux only). */
export function readMemory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  let wasmKb = 0;
  try {
    // A WebAssembly memory is an accessible mapping directly followed by its inaccessible guard
    // region; V8 reserves several GB for the pair, so any guard of 1 GB or more marks one.
    const maps: { start: bigint; end: bigint; perms: string; anonymous: boolean; rssKb: number }[] = [];
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (header) {
        maps.push({
          start: BigInt(`0x${header[1]}`),
          end: BigInt(`0x${header[2]}`),
          perms: header[3] ?? '',
          anonymous: !header[4],
          rssKb: 0,
        });
      } else if (line.startsWith('Rss:')) {
        const last = maps.at(-1);
        if (last) last.rssKb = Number(line.split(/\s+/)[1]);
      }
    }
    for (let i = 0; i + 1 < maps.length; i++) {
      const map = maps[i];
      const guard = maps[i + 1];
      if (!map || !guard || !map.anonymous || !guard.anonymous) continue;
      if (!map.perms.startsWith('rw') || guard.perms !== '---p' || guard.start !== map.end) continue;
      if (guard.end - guard.start >= 1n << 30n) wasmKb += map.rssKb;
    }
  } catch {
    wasmKb = Number.NaN;
  }
  return {
    rssMB: toMB(field('VmRSS')),
    peakRssMB: toMB(field('VmHWM')),
    anonMB: toMB(field('RssAnon')),
    fileMB: toMB(field('RssFile') + field('RssShmem')),
    wasmMB: toMB(wasmKb),
  };
}

/** The kernel's USER_HZ, the unit of the CPU times in /proc/<pid>/stat: 100 on Linux x64. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a process has used so far, in µs, from /proc (Linux only). */
export function cpuTimeUs(pid: number): number {
  // The fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
}

/** Median of each field over several readings. */
export function medianMemory(readings: MemoryReading[]): MemoryReading {
  const pick = (key: keyof MemoryReading) => Math.round(median(readings.map((r) => r[key])) * 10) / 10;
  return {
    rssMB: pick('rssMB'),
    peakRssMB: pick('peakRssMB'),
    anonMB: pick('anonMB'),
    fileMB: pick('fileMB'),
    wasmMB: pick('wasmMB'),
  };
}

/**
 * Pins a process (all its threads) to one CPU with `taskset` (Linux), so a server under load and the
 * load generator each keep a core of their own instead of being moved around and contending; `'all'`
 * undoes it. Returns false (and changes nothing) when the machine has a single CPU or no `taskset`.
 */
export function pinToCpu(pid: number, cpu: number | 'all'): boolean {
  // The machine's CPUs, not this process's share of them (which pinning it has just narrowed).
  const cpus = os.cpus().length;
  if (cpus < 2) return false;
  const list = cpu === 'all' ? `0-${cpus - 1}` : String(cpu);
  // A thread that ends while taskset walks the process's threads makes it fail: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = spawnSync('taskset', ['-a', '-pc', list, String(pid)], { stdio: 'ignore' });
    if (result.status === 0) return true;
  }
  return false;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * A shipped candle file of the replay market (`packages/server/data/candles/<file>`: gzip'd CSV
 * `time,open,high,low,close,volume`, Unix seconds, oldest first) as engine candles (time in ms).
 */
export function shippedCandles(file: string): Candle[] {
  const text = gunzipSync(readFileSync(join(serverRoot, 'data', 'candles', file))).toString('utf8');
  const candles: Candle[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const [time, open, high, low, close, volume] = line.split(',').map(Number) as number[];
    candles.push({
      time: (time as number) * 1000,
      open: open as number,
      high: high as number,
      low: low as number,
      close: close as number,
      volume: volume as number,
    });
  }
  return candles;
}

/** A small deterministic generator (mulberry32), so every run sees the same stream. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BacktestThroughputOptions {
  /** Measured runs (one unmeasured warm-up run comes first). @default 5 */
  runs?: number;
  /** Least duration of one measured run, seconds. @default 1 */
  minSeconds?: number;
}

export interface BacktestThroughputResult<Name extends string> {
  name: Name;
  candlesPerBacktest: number;
  /** Candles per second over the runs (median, min, max, each run). */
  candlesPerSecond: Summary;
  /** The target this benchmark checks, and whether the median met it. */
  target: number;
  met: boolean;
  /** What one backtest did, to show the work is real. */
  perBacktest: { fills: number; trades: number; finalEquity: string; sharpe: number | null };
  machine: ReturnType<typeof machineInfo>;
}

/**
 * Backtester throughput of one strategy over every 4h BTC-USD candle the server ships: long and
 * short, all-in, 0.1 % taker fees, a fresh strategy and exchange per backtest. Each measured run
 * repeats whole backtests until at least `minSeconds` have passed; candles per second = candles
 * processed / time. One unmeasured warm-up run, then `runs` measured runs.
 */
export function measureBacktestThroughput<Name extends string>(
  name: Name,
  target: number,
  strategy: () => Strategy,
  options: BacktestThroughputOptions = {},
): BacktestThroughputResult<Name> {
  const runs = options.runs ?? 5;
  const minSeconds = options.minSeconds ?? 1;
  const candles = shippedCandles('coinbase-btc-usd-4h.csv.gz');
  const backtest = (): BacktestResult =>
    runBacktest({
      candles,
      strategy: strategy(),
      symbol: 'BTC/USD',
      initialCash: '10000',
      paper: { takerFeeRate: '0.001', makerFeeRate: '0.001' },
      sizing: { kind: 'all-in' },
      lotSize: '0.00001',
      allowShort: true,
    });
  const runOnce = (seconds: number): number => {
    const started = performance.now();
    let processed = 0;
    let elapsed = 0;
    do {
      backtest();
      processed += candles.length;
      elapsed = (performance.now() - started) / 1000;
    } while (elapsed < seconds);
    return processed / elapsed;
  };
  const sample = backtest();
  runOnce(minSeconds / 2);
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const rate = runOnce(minSeconds);
    rates.push(rate);
    log(`${name} run ${i + 1}/${runs}: ${Math.round(rate).toLocaleString('en-US')} candles/s`);
  }
  const candlesPerSecond = summarise(rates, 0);
  return {
    name,
    candlesPerBacktest: candles.length,
    candlesPerSecond,
    target,
    met: candlesPerSecond.median >= target,
    perBacktest: {
      fills: sample.fills.length,
      trades: sample.metrics.trades,
      finalEquity: sample.finalEquity.toFixed(2),
      sharpe: sample.metrics.sharpe,
    },
    machine: machineInfo(),
  };
}

/** Prints a backtest throughput result the way a benchmark run alone does. */
export function printBacktestThroughput(result: BacktestThroughputResult<string>): void {
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `${result.name}: ${result.candlesPerSecond.median.toLocaleString('en-US')} candles/s (median of ${result.candlesPerSecond.runs.length}; target ≥ ${result.target.toLocaleString('en-US')}: ${result.met ? 'met' : 'not met'})`,
  );
}
