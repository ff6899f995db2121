import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type Backtest,
  type BacktestCreateParams,
  type BacktestKind,
  type BacktestMetrics,
  type BacktestStatus,
  type BacktestSummary,
  type ParamValue,
  type Sigmax,
  SigmaxError,
  type Strategy,
} from '@sigmax/sdk';
import { count, decimal, oneOf, required, TIMEFRAMES, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { createProgress } from '../progress';
import { UsageError } from '../settings';

const KINDS: BacktestKind[] = ['run', 'search', 'walk-forward', 'monte-carlo'];
const STATUSES: BacktestStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const OBJECTIVES = ['sharpe', 'calmar', 'totalReturn', 'returnWithDrawdownCap'] as const;
/** Milliseconds between polls while waiting for a job. */
const POLL_MS = 250;
/** Rows printed by `backtest list` without `--limit`. */
const DEFAULT_ROWS = 50;

export interface BacktestFlags {
  strategy?: string | undefined;
  param?: string[] | undefined;
  range?: string[] | undefined;
  kind?: string | undefined;
  objective?: string | undefined;
  walkForward?: string | undefined;
  monteCarlo?: string | undefined;
  csv?: string | undefined;
  cash?: string | undefined;
  feeBps?: string | undefined;
  noWait?: boolean | undefined;
  chart?: string | undefined;
  symbol?: string | undefined;
  timeframe?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
  limit?: string | undefined;
}

/** Where progress goes: stderr, drawn as a bar only when it is a terminal. */
export interface ProgressIo {
  stderr: (text: string) => void;
  stderrIsTTY?: boolean | undefined;
}

const RUN_USAGE =
  'sigmax backtest run --strategy <name> --symbol <symbol> [--param k=v]... [--timeframe T] [--from <date>] [--to <date>] ' +
  '[--kind run|search|walk-forward|monte-carlo] [--range k=min:max[:step]]... [--objective O] ' +
  '[--walk-forward train=N,test=N] [--monte-carlo runs=N] [--csv <file>] [--cash <amount>] [--fee-bps <n>] ' +
  '[--no-wait] [--chart <file.svg>]';

// Formatting.

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const num = (x: number | null) => (x === null ? null : x.toFixed(2));
const paramsText = (params: Record<string, ParamValue> | undefined) =>
  Object.entries(params ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(' ') || '(defaults)';

function metricsTable(m: BacktestMetrics): string {
  return formatTable(
    ['METRIC', 'VALUE'],
    [
      ['total return', pct(m.totalReturn)],
      ['annualized return', pct(m.annualizedReturn)],
      ['volatility', pct(m.volatility)],
      ['sharpe', num(m.sharpe)],
      ['sortino', num(m.sortino)],
      ['calmar', num(m.calmar)],
      ['max drawdown', `${pct(m.maxDrawdown)} over ${m.maxDrawdownBars} bars`],
      ['trades', m.trades],
      ['win rate', m.winRate === null ? null : pct(m.winRate)],
      ['profit factor', num(m.profitFactor)],
      ['expectancy', m.expectancy],
      ['exposure', pct(m.exposure)],
      ['fees paid', m.feesPaid],
      ['equity', `${m.startEquity} → ${m.endEquity}`],
    ],
  );
}

/** A job as `key: value` lines and, once it has succeeded, its report. */
export function backtestText(b: Backtest): string {
  const d = b.data;
  const sections = [
    formatFields([
      ['id', b.id],
      ['kind', b.kind],
      ['status', b.status === 'running' ? `running (${Math.floor(b.progress * 100)}%)` : b.status],
      ['strategy', `${b.strategy.name} ${paramsText(b.strategy.params)}`],
      [
        'data',
        `${d.symbol}${d.timeframe ? ` ${d.timeframe}` : ''} (${d.source}), ${d.candles} candles from ${d.from} to ${d.to}`,
      ],
      ['created', b.createdAt],
      ['finished', b.finishedAt],
      ...(b.error ? [['error', `${b.error.code}: ${b.error.message}`] as [string, string]] : []),
    ]),
  ];
  const r = b.result;
  if (!r) return sections[0] ?? '';
  sections.push(
    formatFields([
      [b.kind === 'walk-forward' ? 'out of sample' : 'run', paramsText(r.run.params)],
      ['trades', r.run.trades.length],
      ['final equity', r.run.finalEquity],
      ...(r.run.outOfMoney ? ([['out of money', 'yes: trading stopped']] as Array<[string, string]>) : []),
    ]),
    metricsTable(r.run.metrics),
  );
  if (r.search) {
    const s = r.search;
    sections.push(
      `search: ${s.method}, objective ${s.objective}, ${s.evaluated} evaluated\n` +
        `best: ${paramsText(s.best.params)} (score ${num(s.best.score) ?? '-'})\n\n` +
        formatTable(
          ['RANK', 'PARAMS', 'SCORE', 'RETURN', 'MAX DD', 'TRADES'],
          s.top
            .slice(0, 10)
            .map((p, i) => [
              i + 1,
              paramsText(p.params),
              num(p.score),
              pct(p.metrics.totalReturn),
              pct(p.metrics.maxDrawdown),
              p.metrics.trades,
            ]),
        ),
    );
  }
  if (r.walkForward) {
    sections.push(
      `walk-forward: ${r.walkForward.windows.length} windows\n\n` +
        formatTable(
          ['#', 'TEST FROM', 'TEST TO', 'PARAMS', 'IS SCORE', 'OOS RETURN', 'OOS SHARPE', 'OOS TRADES'],
          r.walkForward.windows.map((w) => [
            w.index,
            w.testFrom,
            w.testTo,
            paramsText(w.params),
            num(w.score),
            pct(w.outOfSample.totalReturn),
            num(w.outOfSample.sharpe),
            w.outOfSample.trades,
          ]),
        ),
    );
  }
  if (r.monteCarlo) {
    const mc = r.monteCarlo;
    const keys = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;
    sections.push(
      `monte carlo: ${mc.method}, ${mc.runs} runs of ${mc.trades} trades, ` +
        `probability of ruin ${pct(mc.probabilityOfRuin)} (equity down to ${pct(mc.ruinThreshold)} of the start)\n\n` +
        formatTable(
          ['PERCENTILE', 'FINAL RETURN', 'MAX DRAWDOWN'],
          [
            ...keys.map((k) => [k, pct(mc.finalReturn[k]), pct(mc.maxDrawdown[k])]),
            ['original', pct(mc.original.finalReturn), pct(mc.original.maxDrawdown)],
          ],
        ),
    );
  }
  return sections.join('\n\n');
}

export function backtestTable(list: BacktestSummary[]): string {
  return formatTable(
    ['ID', 'KIND', 'STATUS', 'PROGRESS', 'STRATEGY', 'SYMBOL', 'CANDLES', 'CREATED'],
    list.map((b) => [
      b.id,
      b.kind,
      b.status,
      `${Math.floor(b.progress * 100)}%`,
      b.strategy.name,
      b.data.symbol,
      b.data.candles,
      b.createdAt,
    ]),
  );
}

/** Every strategy, then a table of its parameters. */
export function strategiesText(list: Strategy[]): string {
  return list
    .map(
      (s) =>
        `${s.name}: ${s.description}\n` +
        formatTable(
          ['  PARAM', 'TYPE', 'DEFAULT', 'RANGE', 'DESCRIPTION'],
          s.params.map((p) => [
            `  ${p.name}`,
            p.type,
            p.default,
            p.type === 'choice'
              ? (p.choices ?? []).join('|')
              : `${p.min ?? ''}..${p.max ?? ''}${p.step !== undefined ? ` step ${p.step}` : ''}`,
            p.description,
          ]),
        ),
    )
    .join('\n\n');
}

// Command-line values.

/** `name=value` pairs of a repeated or comma-separated flag. */
function pairs(items: string[], flag: string, example: string): Array<[string, string]> {
  return items.map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} takes name=value, e.g. ${flag} ${example}; got '${item}'`);
    return [item.slice(0, at).trim(), item.slice(at + 1).trim()];
  });
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const paramValue = (value: string): ParamValue => (NUMBER.test(value) ? Number(value) : value);

function numberIn(value: string, flag: string, min: number, max: number, integer = false): number {
  const n = Number(value);
  if (!NUMBER.test(value) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${flag} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, got '${value}'`,
    );
  }
  return n;
}

/** `fast=5:50:5` (min:max:step, either bound may be left empty) or `exit=middle,opposite` (choices). */
function parseRange(value: string): Record<string, number | ParamValue[]> {
  if (!value.includes(':')) return { choices: value.split(',').map((v) => paramValue(v.trim())) };
  const parts = value.split(':');
  if (parts.length > 3 || parts.some((p) => p !== '' && !NUMBER.test(p))) {
    throw new UsageError(`--range takes name=min:max[:step] or name=a,b,c, got '${value}'`);
  }
  const [min, max, step] = parts;
  return {
    ...(min ? { min: Number(min) } : {}),
    ...(max ? { max: Number(max) } : {}),
    ...(step ? { step: Number(step) } : {}),
  };
}

/** A date (`2022-01-01`, midnight UTC) or an ISO 8601 time, as the server's date-time. */
function isoTime(value: string, flag: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw new UsageError(`${flag} must be a date or an ISO 8601 time, got '${value}'`);
  return new Date(time).toISOString();
}

/** The request the flags describe; every mistake is a usage error, caught before anything is sent. */
export function backtestRequest(flags: BacktestFlags): BacktestCreateParams {
  const name = required(flags.strategy, RUN_USAGE);
  const symbol = required(flags.symbol, RUN_USAGE);
  const params = Object.fromEntries(
    pairs(flags.param ?? [], '--param', 'fast=10').map(([k, v]) => [k, paramValue(v)]),
  );
  const ranges = Object.fromEntries(
    pairs(flags.range ?? [], '--range', 'fast=5:50:5').map(([k, v]) => [k, parseRange(v)]),
  );
  const hasRanges = Object.keys(ranges).length > 0;
  const kind: BacktestKind = flags.kind
    ? oneOf(flags.kind, KINDS, '--kind')
    : flags.walkForward
      ? 'walk-forward'
      : flags.monteCarlo
        ? 'monte-carlo'
        : hasRanges
          ? 'search'
          : 'run';
  if ((kind === 'search' || kind === 'walk-forward') && !hasRanges) {
    throw new UsageError(`--kind ${kind} needs at least one --range, e.g. --range fast=5:50:5`);
  }
  if ((kind === 'run' || kind === 'monte-carlo') && (hasRanges || flags.objective)) {
    throw new UsageError(`--range and --objective are for --kind search or walk-forward, not ${kind}`);
  }
  if (flags.walkForward && kind !== 'walk-forward')
    throw new UsageError('--walk-forward needs --kind walk-forward');
  if (flags.monteCarlo && kind !== 'monte-carlo')
    throw new UsageError('--monte-carlo needs --kind monte-carlo');
  if (kind === 'walk-forward' && !flags.walkForward) {
    throw new UsageError('--kind walk-forward needs --walk-forward train=<candles>,test=<candles>');
  }
  if (flags.csv && (flags.timeframe || flags.from || flags.to)) {
    throw new UsageError('--csv takes the candles from the file: leave out --timeframe, --from and --to');
  }
  if (flags.noWait && flags.chart)
    throw new UsageError('--chart needs the job to finish: leave out --no-wait');

  const request: BacktestCreateParams = {
    kind,
    strategy: { name, ...(Object.keys(params).length > 0 ? { params } : {}) },
    data: flags.csv
      ? { source: 'upload', symbol }
      : {
          source: 'market',
          symbol,
          ...(flags.timeframe ? { timeframe: oneOf(flags.timeframe, TIMEFRAMES, '--timeframe') } : {}),
          ...(flags.from ? { from: isoTime(flags.from, '--from') } : {}),
          ...(flags.to ? { to: isoTime(flags.to, '--to') } : {}),
        },
  };
  const settings: NonNullable<BacktestCreateParams['settings']> = {};
  if (flags.cash) settings.initialCash = decimal(flags.cash, '--cash');
  if (flags.feeBps) {
    settings.makerFeeBps = numberIn(flags.feeBps, '--fee-bps', 0, 1000);
    settings.takerFeeBps = settings.makerFeeBps;
  }
  if (Object.keys(settings).length > 0) request.settings = settings;
  if (hasRanges) {
    request.search = {
      ranges,
      ...(flags.objective ? { objective: oneOf(flags.objective, OBJECTIVES, '--objective') } : {}),
    };
  }
  if (flags.walkForward) {
    const wf = Object.fromEntries(
      pairs(flags.walkForward.split(','), '--walk-forward', 'train=900,test=300'),
    );
    for (const key of Object.keys(wf)) oneOf(key, ['train', 'test', 'mode', 'warmup'], '--walk-forward keys');
    if (!wf.train || !wf.test) throw new UsageError('--walk-forward needs train=<candles>,test=<candles>');
    request.walkForward = {
      train: numberIn(wf.train, '--walk-forward train', 1, 10_000_000, true),
      test: numberIn(wf.test, '--walk-forward test', 1, 10_000_000, true),
      ...(wf.mode ? { mode: oneOf(wf.mode, ['rolling', 'anchored'] as const, '--walk-forward mode') } : {}),
      ...(wf.warmup ? { warmup: numberIn(wf.warmup, '--walk-forward warmup', 0, 10_000_000, true) } : {}),
    };
  }
  if (flags.monteCarlo) {
    const mc = Object.fromEntries(pairs(flags.monteCarlo.split(','), '--monte-carlo', 'runs=1000'));
    for (const key of Object.keys(mc)) oneOf(key, ['runs', 'method', 'seed', 'ruin'], '--monte-carlo keys');
    request.monteCarlo = {
      ...(mc.runs ? { runs: numberIn(mc.runs, '--monte-carlo runs', 1, 100_000, true) } : {}),
      ...(mc.method
        ? { method: oneOf(mc.method, ['bootstrap', 'shuffle'] as const, '--monte-carlo method') }
        : {}),
      ...(mc.seed ? { seed: paramValue(mc.seed) } : {}),
      ...(mc.ruin ? { ruinThreshold: numberIn(mc.ruin, '--monte-carlo ruin', 0, 1) } : {}),
    };
  }
  return request;
}

// Commands.

export async function strategies(sigmax: Sigmax, out: Output): Promise<void> {
  const { data } = await sigmax.strategies.list();
  out.print(data, () => strategiesText(data));
}

/**
 * Starts a job and, unless `--no-wait`, follows it to the end with progress on stderr, then prints
 * the report. A job that failed or was cancelled exits 1, after its summary is printed.
 */
export async function backtestRun(sigmax: Sigmax, out: Output, flags: BacktestFlags, io: ProgressIo) {
  const request = backtestRequest(flags);
  let job: Backtest;
  if (flags.csv) {
    let csv: string;
    try {
      csv = await readFile(flags.csv, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --csv ${flags.csv}: ${(error as Error).message}`);
    }
    const { data, ...rest } = request;
    job = await sigmax.backtests.createFromCsv(
      { ...rest, data: { symbol: data.symbol } },
      new File([csv], basename(flags.csv), { type: 'text/csv' }),
    );
  } else {
    job = await sigmax.backtests.create(request);
  }
  if (flags.noWait) {
    out.print(job, () => backtestText(job));
    return;
  }
  const progress = createProgress(io.stderr, io.stderrIsTTY === true);
  try {
    job = await sigmax.backtests.wait(job.id, {
      intervalMs: POLL_MS,
      onProgress: (b) => progress.update(b.progress, `backtest ${b.id}: ${b.status}`),
    });
  } finally {
    progress.done();
  }
  let chartLine = '';
  if (flags.chart && job.status === 'succeeded') {
    await saveChart(sigmax, job.id, flags.chart);
    chartLine = `\n\nchart written to ${flags.chart}`;
  }
  out.print(job, () => backtestText(job) + chartLine);
  if (job.status !== 'succeeded') {
    const why = job.error ? `: ${job.error.code}: ${job.error.message}` : '';
    throw new SigmaxError(`backtest ${job.id} ${job.status}${why}`);
  }
}

export async function backtestGet(sigmax: Sigmax, out: Output, id: string | undefined) {
  const job = await sigmax.backtests.get(required(id, 'sigmax backtest get <id>'));
  out.print(job, () => backtestText(job));
}

export async function backtestList(sigmax: Sigmax, out: Output, flags: BacktestFlags) {
  const limit = count(flags.limit, '--limit', DEFAULT_ROWS, 10_000);
  const list = await take(
    sigmax.backtests.list({
      limit: Math.min(limit, 500),
      ...(flags.status ? { status: oneOf(flags.status, STATUSES, '--status') } : {}),
      ...(flags.kind ? { kind: oneOf(flags.kind, KINDS, '--kind') } : {}),
    }),
    limit,
  );
  out.print(list, () => backtestTable(list));
}

export async function backtestCancel(sigmax: Sigmax, out: Output, id: string | undefined) {
  const job = await sigmax.backtests.cancel(required(id, 'sigmax backtest cancel <id>'));
  out.print(job, () => backtestText(job));
}

/** Writes the chart to `-o <file>`; without it, prints the SVG (with --json, as a JSON string). */
export async function backtestChart(
  sigmax: Sigmax,
  out: Output,
  id: string | undefined,
  file: string | undefined,
) {
  const jobId = required(id, 'sigmax backtest chart <id> [-o <file.svg>]');
  if (file === undefined) {
    const svg = await sigmax.backtests.chart(jobId);
    out.print(svg, () => svg.trimEnd());
    return;
  }
  const bytes = await saveChart(sigmax, jobId, file);
  out.print({ id: jobId, file, bytes }, () => `chart written to ${file} (${bytes} bytes)`);
}

async function saveChart(sigmax: Sigmax, id: string, file: string): Promise<number> {
  const svg = await sigmax.backtests.chart(id);
  try {
    await writeFile(file, svg);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
  return Buffer.byteLength(svg);
}
