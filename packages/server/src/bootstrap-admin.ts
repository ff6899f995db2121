import type { Db } from './db/database';
import {
  countActiveAdminKeys,
  findActiveKeyByHash,
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
    if (!(await findActiveKeyByHash(db, hashKey(configuredKey)))) {
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
