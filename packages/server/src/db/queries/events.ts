import { and, asc, gt, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../database';
import { events } from '../schema';

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = Omit<EventRow, 'seq'>;

/**
 * Stores events in the order given; resolves with their `seq`, in the same order. PostgreSQL numbers
 * the rows of one INSERT in the order of its VALUES, so sorting the returned numbers restores it.
 */
export async function insertEvents(db: Db, rows: readonly NewEventRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(events)
    .values([...rows])
    .returning({ seq: events.seq });
  return inserted.map((row) => row.seq).sort((a, b) => a - b);
}

/** Which events a reader wants: exact types, type prefixes (`order` for `order.*`), symbols. */
export interface EventFilter {
  types?: readonly string[] | undefined;
  prefixes?: readonly string[] | undefined;
  /** Unified symbols (`BTC/USDT`); events without a symbol always pass. */
  symbols?: readonly string[] | undefined;
}

/** LIKE treats `_` and `%` as wildcards; a type prefix means them literally. */
/** `text` with LIKE's wildcards (and the escape character) escaped, to match it literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(filter: EventFilter): SQL[] {
  const conditions: SQL[] = [];
  const byType: SQL[] = [];
  if (filter.types?.length) byType.push(inArray(events.type, [...filter.types]));
  for (const prefix of filter.prefixes ?? []) byType.push(like(events.type, `${escapeLike(prefix)}.%`));
  if (byType.length > 0) conditions.push(or(...byType) as SQL);
  if (filter.symbols?.length) {
    conditions.push(or(isNull(events.symbol), inArray(events.symbol, [...filter.symbols])) as SQL);
  }
  return conditions;
}

/** Stored events after `after` (a seq; all without), oldest first, at most `limit`. */
export async function listEvents(
  db: Db,
  filter: EventFilter & { after?: number | undefined; limit: number },
): Promise<EventRow[]> {
  const conditions = filterConditions(filter);
  if (filter.after !== undefined) conditions.push(gt(events.seq, filter.after));
  return db
    .select()
    .from(events)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(events.seq))
    .limit(filter.limit);
}

/** The `seq` of the newest stored event, 0 when there is none. */
/** Deletes the events stored before `before`. */
export async function purgeEventsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(events).where(lt(events.at, before));
}
