import { eq } from 'drizzle-orm';
import type { Db } from '../database';
import { settings } from '../schema';

/** A persisted setting (a JSON value by name), or undefined. */
export async function readSetting<T>(db: Db, name: string): Promise<T | undefined> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.name, name))
    .limit(1);
  return row?.value as T | undefined;
}

/** Stores a setting, replacing the previous value. */
export async function writeSetting(db: Db, name: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ name, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.name, set: { value, updatedAt: now } });
}
