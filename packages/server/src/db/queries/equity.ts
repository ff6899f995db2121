import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import type { Db } from '../database';
import { equityPoints } from '../schema';

export type EquityPointRow = typeof equityPoints.$inferSelect;

/** One point of the equity history; decimals as strings. */
export interface EquityPointInput {
  time: Date;
  equity: string;
  cash: string;
  positionsValue: string;
  realizedPnl: string;
  unrealizedPnl: string;
}

/** Stores a point of the equity history (the statement, to run alone or in a step). */
export function insertEquityPointQuery(db: Db, accountId: string, point: EquityPointInput) {
  return db.insert(equityPoints).values({ accountId, ...point });
}

export interface EquityFilter {
  since?: Date | undefined;
  until?: Date | undefined;
  /** The `seq` of the last point of the previous page. */
  after?: number | undefined;
  limit: number;
}

/** A page of the equity history, oldest first. */
export async function listEquityPoints(
  db: Db,
  accountId: string,
  filter: EquityFilter,
): Promise<EquityPointRow[]> {
  const conditions = [eq(equityPoints.accountId, accountId)];
  if (filter.since !== undefined) conditions.push(gte(equityPoints.time, filter.since));
  if (filter.until !== undefined) conditions.push(lt(equityPoints.time, filter.until));
  if (filter.after !== undefined) conditions.push(gt(equityPoints.seq, filter.after));
  return db
    .select()
    .from(equityPoints)
    .where(and(...conditions))
    .orderBy(asc(equityPoints.seq))
    .limit(filter.limit);
}
