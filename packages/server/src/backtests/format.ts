import type { JobReport, MetricsReport } from '@sigmax/engine';
import type { BacktestRow } from '../db/queries/backtests';
import type { components } from '../generated/openapi';

type Schemas = components['schemas'];

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** A job without its result, as the API shows it. */
export function backtestSummary(row: Omit<BacktestRow, 'result' | 'spec'>): Schemas['BacktestSummary'] {
  return {
    id: row.id,
    kind: row.kind as Schemas['BacktestKind'],
    status: row.status as Schemas['BacktestStatus'],
    progress: row.progress,
    strategy: row.strategy as Schemas['BacktestStrategy'],
    data: row.data as Schemas['BacktestDataSummary'],
    createdAt: row.createdAt.toISOString(),
    startedAt: isoOrNull(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
    error: (row.error as Schemas['BacktestError'] | null) ?? null,
  };
}

/** A job with its report, as the API shows it. */
export function backtestBody(row: BacktestRow): Schemas['Backtest'] {
  return {
    ...backtestSummary(row),
    request: row.request as Schemas['BacktestRequestEcho'],
    result: row.result ? backtestReport(row.result as Omit<JobReport, 'series'>) : null,
  };
}

const metrics = (m: MetricsReport): Schemas['BacktestMetrics'] => m;

/** The engine's job report (times in ms) as the API's `BacktestReport` (ISO times). */
export function backtestReport(report: Omit<JobReport, 'series'>): Schemas['BacktestReport'] {
  const out: Schemas['BacktestReport'] = {
    run: {
      ...report.run,
      metrics: metrics(report.run.metrics),
      trades: report.run.trades.map((t) => ({
        ...t,
        entryTime: iso(t.entryTime),
        exitTime: iso(t.exitTime),
      })),
    },
  };
  if (report.search) {
    out.search = {
      ...report.search,
      best: { ...report.search.best, metrics: metrics(report.search.best.metrics) },
      top: report.search.top.map((p) => ({ ...p, metrics: metrics(p.metrics) })),
    };
  }
  if (report.walkForward) {
    out.walkForward = {
      windows: report.walkForward.windows.map((w) => ({
        index: w.index,
        trainFrom: iso(w.trainFrom),
        trainTo: iso(w.trainTo),
        testFrom: iso(w.testFrom),
        testTo: iso(w.testTo),
        params: w.params,
        score: w.score,
        evaluated: w.evaluated,
        inSample: metrics(w.inSample),
        outOfSample: metrics(w.outOfSample),
      })),
    };
  }
  if (report.monteCarlo) {
    const mc = report.monteCarlo;
    out.monteCarlo = {
      method: mc.method,
      runs: mc.runs,
      trades: mc.trades,
      seed: mc.seed,
      ruinThreshold: mc.ruinThreshold,
      original: mc.original,
      finalReturn: mc.finalReturn,
      maxDrawdown: mc.maxDrawdown,
      probabilityOfRuin: mc.probabilityOfRuin,
    };
  }
  return out;
}

/**
 * At most `maxPoints` points of a curve: the series cut into equal buckets, each keeping its point of
 * deepest drawdown (the first and last points always kept), so the maximum drawdown survives.
 */
export function equitySamples(
  series: JobReport['series'],
  maxPoints: number | undefined,
): Schemas['EquitySample'][] {
  const n = series.times.length;
  const point = (i: number): Schemas['EquitySample'] => ({
    time: iso(series.times[i] as number),
    equity: series.equity[i] as string,
    drawdown: series.drawdown[i] as number,
  });
  if (maxPoints === undefined || n <= maxPoints) return Array.from({ length: n }, (_, i) => point(i));
  const picks: number[] = [0];
  const inner = maxPoints - 2;
  for (let b = 0; b < inner; b++) {
    const from = 1 + Math.floor((b * (n - 2)) / inner);
    const to = 1 + Math.floor(((b + 1) * (n - 2)) / inner);
    let best = from;
    for (let i = from + 1; i < to; i++) {
      if ((series.drawdown[i] as number) < (series.drawdown[best] as number)) best = i;
    }
    if (from < to) picks.push(best);
  }
  picks.push(n - 1);
  return picks.map(point);
}
