import { and, asc, desc, eq, gt, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../database';
import { auditLog } from '../schema';
import { escapeLike } from './events';

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditInsert = typeof auditLog.$inferInsert;

/** The last entry's number and hash; undefined while the log is empty. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/**
 * Appends an entry unless its `seq` is taken (another server appended first): true when it was
 * stored, false when the caller should read the head again and retry.
 */
export async function insertAuditEntry(db: Db, row: AuditInsert): Promise<boolean> {
  const inserted = await db
    .insert(auditLog)
    .values(row)
    .onConflictDoNothing({ target: auditLog.seq })
    .returning({ seq: auditLog.seq });
  return inserted.length === 1;
}

export interface AuditFilter {
  /** An action, or a prefix ending in `.*` (`order.*`). */
  action?: string | undefined;
  /** The `seq` of the last entry of the previous page. */
  before?: number | undefined;
  limit: number;
}

/** A page of entries, newest first. */
export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.action !== undefined) {
    if (filter.action.endsWith('.*')) {
      const prefix = escapeLike(filter.action.slice(0, -1));
      conditions.push(like(auditLog.action, `${prefix}%`));
    } else {
      conditions.push(eq(auditLog.action, filter.action));
    }
  }
  if (filter.before !== undefined) conditions.push(lt(auditLog.seq, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit);
}

/** Up to `limit` entries after `afterSeq`, oldest first: the pages a verification walks. */
export async function auditEntriesAfter(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}
