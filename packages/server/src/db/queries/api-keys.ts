import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { components } from '../../generated/openapi';
import { newId } from '../../ids';
import type { Db } from '../database';
import { apiKeys } from '../schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;
type Scope = components['schemas']['Scope'];

const KEY_PREFIX = 'sk_sigmax_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A new secret: `sk_sigmax_` and 40 base62 characters (about 238 bits). */
export function generateKey(): string {
  let out = KEY_PREFIX;
  for (const byte of randomBytes(40)) out += BASE62[byte % 62];
  return out;
}

// Keys are long random secrets, so a fast unsalted hash is enough: there is nothing to brute-force.
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 4);
}

export async function insertApiKey(
  db: Db,
  input: { name: string; scopes: Scope[]; key: string; now: Date },
): Promise<ApiKeyRow> {
  const [row] = await db
    .insert(apiKeys)
    .values({
      id: newId('key', input.now.getTime()),
      name: input.name,
      prefix: keyPrefix(input.key),
      hash: hashKey(input.key),
      scopes: input.scopes,
      createdAt: input.now,
    })
    .returning();
  return row as ApiKeyRow;
}

/** The key with this hash, revoked or not, or undefined. */
export async function findKeyByHash(db: Db, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash)).limit(1);
  return row;
}

export async function findActiveKeyByHash(db: Db, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export async function listApiKeys(
  db: Db,
  options: { after?: string | undefined; limit: number; includeRevoked: boolean },
): Promise<ApiKeyRow[]> {
  const conditions = [];
  if (options.after) conditions.push(gt(apiKeys.id, options.after));
  if (!options.includeRevoked) conditions.push(isNull(apiKeys.revokedAt));
  return db
    .select()
    .from(apiKeys)
    .where(and(...conditions))
    .orderBy(asc(apiKeys.id))
    .limit(options.limit);
}

export async function touchKey(db: Db, id: string, now: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}

export async function countActiveAdminKeys(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(isNull(apiKeys.revokedAt), sql`'admin' = any(${apiKeys.scopes})`));
  return row?.n ?? 0;
}

/**
 * Revokes a key unless it is the last active admin key (that would lock everyone out). The check and
 * the update run in one transaction under a lock, so two concurrent revocations cannot both pass it.
 */
export async function revokeApiKey(
  db: Db,
  id: string,
  now: Date,
): Promise<{ row: ApiKeyRow } | { lastAdmin: true } | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7405)`);
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
    if (!row) return undefined;
    if (row.revokedAt) return { row };
    if (row.scopes.includes('admin') && (await countActiveAdminKeys(tx as unknown as Db)) <= 1) {
      return { lastAdmin: true as const };
    }
    const [updated] = await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning();
    return { row: updated as ApiKeyRow };
  });
}

/** The public view of a key: never the hash, never the secret. */
export function toApiKey(row: ApiKeyRow): components['schemas']['ApiKey'] {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
