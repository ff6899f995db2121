import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../database';
import { idempotencyKeys } from '../schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Claims (apiKeyId, key) for a new request. Returns false when the pair exists already. */
export async function claimIdempotencyKey(
  db: Db,
  row: { apiKeyId: string; key: string; method: string; path: string; requestHash: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ...row, createdAt: row.now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

export async function findIdempotencyKey(
  db: Db,
  apiKeyId: string,
  key: string,
): Promise<IdempotencyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

export async function completeIdempotencyKey(
  db: Db,
  apiKeyId: string,
  key: string,
  response: { status: number; body: unknown; headers: Record<string, string> },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: response.status, responseBody: response.body, responseHeaders: response.headers })
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
}

export async function releaseIdempotencyKey(db: Db, apiKeyId: string, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
}

export async function purgeIdempotencyKeys(db: Db, olderThan: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, olderThan));
}
