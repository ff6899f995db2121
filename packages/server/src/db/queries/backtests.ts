import type { JobReport, JobSpec } from '@sigmax/engine';
import { and, desc, eq, getTableColumns, inArray, lt, or, sql } from 'drizzle-orm';
import type { components } from '../../generated/openapi';
import type { Db } from '../database';
import { backtestCandles, backtestSeries, backtests } from '../schema';

type Schemas = components['schemas'];

export type BacktestRow = typeof backtests.$inferSelect;
export type BacktestStatus = Schemas['BacktestStatus'];

/** Statuses a job never leaves. */
export const FINISHED: readonly BacktestStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface NewBacktest {
  id: string;
  kind: Schemas['BacktestKind'];
  strategy: Schemas['BacktestStrategy'];
  data: Schemas['BacktestDataSummary'];
  spec: JobSpec;
  request: Schemas['BacktestRequestEcho'];
  apiKeyId: string | null;
  createdAt: Date;
  /** User candles as `[time, open, high, low, close, volume]` rows, for inline and uploaded data. */
  candles?: number[][];
}

/** Stores a queued job (and its user candles) in one transaction. */
export async function insertBacktest(db: Db, job: NewBacktest): Promise<BacktestRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(backtests)
      .values({
        id: job.id,
        kind: job.kind,
        status: 'queued',
        progress: 0,
        strategy: job.strategy,
        data: job.data,
        spec: job.spec,
        request: job.request,
        attempts: 0,
        apiKeyId: job.apiKeyId,
        createdAt: job.createdAt,
      })
      .returning();
    if (job.candles) await tx.insert(backtestCandles).values({ backtestId: job.id, candles: job.candles });
    return row as BacktestRow;
  });
}

export async function findBacktest(db: Db, id: string): Promise<BacktestRow | undefined> {
  const [row] = await db.select().from(backtests).where(eq(backtests.id, id)).limit(1);
  return row;
}

export interface BacktestFilter {
  status?: BacktestStatus | undefined;
  kind?: Schemas['BacktestKind'] | undefined;
  before?: string | undefined;
  limit: number;
}

/** Jobs newest first, without their results. */
export async function listBacktests(db: Db, filter: BacktestFilter) {
  const { result: _result, spec: _spec, ...summary } = getTableColumns(backtests);
  return db
    .select(summary)
    .from(backtests)
    .where(
      and(
        filter.status !== undefined ? eq(backtests.status, filter.status) : undefined,
        filter.kind !== undefined ? eq(backtests.kind, filter.kind) : undefined,
        filter.before !== undefined ? lt(backtests.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(backtests.id))
    .limit(filter.limit);
}

/** The stored user candles of a job, or undefined for market data. */
export async function findBacktestCandles(db: Db, id: string): Promise<number[][] | undefined> {
  const [row] = await db
    .select({ candles: backtestCandles.candles })
    .from(backtestCandles)
    .where(eq(backtestCandles.backtestId, id))
    .limit(1);
  return row?.candles as number[][] | undefined;
}

export async function findBacktestSeries(db: Db, id: string): Promise<JobReport['series'] | undefined> {
  const [row] = await db.select().from(backtestSeries).where(eq(backtestSeries.backtestId, id)).limit(1);
  if (!row) return undefined;
  return {
    times: row.times as number[],
    equity: row.equity as string[],
    drawdown: row.drawdown as number[],
  };
}

/**
 * Takes a job for `workerId`: a queued one, or a running one whose worker has not been heard of
 * since `staleBefore` (it died). Returns the row, or undefined when the job is finished or another
 * live worker holds it — so a message delivered twice runs the job once.
 */
export async function claimBacktest(
  db: Db,
  id: string,
  workerId: string,
  now: Date,
  staleBefore: Date,
): Promise<BacktestRow | undefined> {
  const [row] = await db
    .update(backtests)
    .set({
      status: 'running',
      workerId,
      heartbeatAt: now,
      // (A timestamp literal: postgres.js cannot bind a Date inside a raw fragment.)
      startedAt: sql`coalesce(${backtests.startedAt}, ${now.toISOString()}::timestamptz)`,
      attempts: sql`${backtests.attempts} + 1`,
      progress: 0,
    })
    .where(
      and(
        eq(backtests.id, id),
        or(
          eq(backtests.status, 'queued'),
          and(eq(backtests.status, 'running'), lt(backtests.heartbeatAt, staleBefore)),
        ),
      ),
    )
    .returning();
  return row;
}

/**
 * Records progress and that `workerId` is alive; returns the job's status, so the worker learns of a
 * cancellation (or that the job was taken from it).
 */
export async function heartbeatBacktest(
  db: Db,
  id: string,
  workerId: string,
  progress: number,
  now: Date,
): Promise<{ status: string; workerId: string | null } | undefined> {
  await db
    .update(backtests)
    .set({ progress, heartbeatAt: now })
    .where(and(eq(backtests.id, id), eq(backtests.status, 'running'), eq(backtests.workerId, workerId)));
  const [row] = await db
    .select({ status: backtests.status, workerId: backtests.workerId })
    .from(backtests)
    .where(eq(backtests.id, id))
    .limit(1);
  return row;
}

/** Stores the report of a job `workerId` still holds; false when it no longer does. */
export async function completeBacktest(
  db: Db,
  id: string,
  workerId: string,
  report: JobReport,
  now: Date,
): Promise<boolean> {
  const { series, ...result } = report;
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(backtests)
      .set({ status: 'succeeded', progress: 1, result, finishedAt: now, heartbeatAt: now })
      .where(and(eq(backtests.id, id), eq(backtests.status, 'running'), eq(backtests.workerId, workerId)))
      .returning({ id: backtests.id });
    if (updated.length === 0) return false;
    await tx
      .insert(backtestSeries)
      .values({ backtestId: id, times: series.times, equity: series.equity, drawdown: series.drawdown })
      .onConflictDoNothing();
    return true;
  });
}

/** Marks a job failed (when `workerId` still holds it, or for any unfinished job when it is null). */
export async function failBacktest(
  db: Db,
  id: string,
  workerId: string | null,
  error: Schemas['BacktestError'],
  now: Date,
): Promise<BacktestRow | undefined> {
  const [row] = await db
    .update(backtests)
    .set({ status: 'failed', error, finishedAt: now })
    .where(
      and(
        eq(backtests.id, id),
        workerId === null
          ? inArray(backtests.status, ['queued', 'running'])
          : and(eq(backtests.status, 'running'), eq(backtests.workerId, workerId)),
      ),
    )
    .returning();
  return row;
}

/** Cancels a queued or running job; undefined when it has finished (or does not exist). */
export async function cancelBacktest(db: Db, id: string, now: Date): Promise<BacktestRow | undefined> {
  const [row] = await db
    .update(backtests)
    .set({ status: 'cancelled', finishedAt: now })
    .where(and(eq(backtests.id, id), inArray(backtests.status, ['queued', 'running'])))
    .returning();
  return row;
}

/** Puts a job back in the queue (a retry after its worker died). */
export async function requeueBacktest(db: Db, id: string): Promise<boolean> {
  const updated = await db
    .update(backtests)
    .set({ status: 'queued', workerId: null, progress: 0 })
    .where(and(eq(backtests.id, id), eq(backtests.status, 'running')))
    .returning({ id: backtests.id });
  return updated.length > 0;
}

/** Jobs that are running without a sign of life since `staleBefore`, and jobs still queued. */
export async function unfinishedBacktests(
  db: Db,
  staleBefore: Date,
): Promise<{ id: string; status: string; attempts: number }[]> {
  return db
    .select({ id: backtests.id, status: backtests.status, attempts: backtests.attempts })
    .from(backtests)
    .where(
      or(
        eq(backtests.status, 'queued'),
        and(eq(backtests.status, 'running'), lt(backtests.heartbeatAt, staleBefore)),
      ),
    )
    .orderBy(backtests.id);
}
