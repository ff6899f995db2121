import type { Db } from './db/database';
import {
  countActiveAdminKeys,
  findKeyByHash,
  generateKey,
  hashKey,
  insertApiKey,
} from './db/queries/api-keys';

/**
 * Makes sure an admin key exists. With `SIGMAX_ADMIN_KEY` set, that key is registered (once); otherwise,
 * on first start only, a key is generated. Returns the generated secret so the caller can show it once.
 */
export async function ensureAdminKey(
  db: Db,
  configuredKey: string | undefined,
  now: Date,
): Promise<{ generatedKey?: string }> {
  if (configuredKey) {
    const existing = await findKeyByHash(db, hashKey(configuredKey));
    if (existing?.revokedAt) {
      // Never registered again: a revoked key must stay revoked. (Neither the key nor its hash is shown.)
      throw new Error(
        'SIGMAX_ADMIN_KEY names a key that was revoked; unset it, or set a new key, and start again',
      );
    }
    if (!existing) {
      await insertApiKey(db, {
        name: 'admin (SIGMAX_ADMIN_KEY)',
        scopes: ['admin'],
        key: configuredKey,
        now,
      });
    }
    return {};
  }
  if ((await countActiveAdminKeys(db)) > 0) return {};
  const key = generateKey();
  await insertApiKey(db, { name: 'admin (generated at first start)', scopes: ['admin'], key, now });
  return { generatedKey: key };
}
