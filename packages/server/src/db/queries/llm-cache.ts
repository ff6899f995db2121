import { eq } from 'drizzle-orm';
import type { Db } from '../database';
import { llmCache } from '../schema';

/** A cached LLM answer, or undefined. */
export async function findLlmAnswer(db: Db, key: string): Promise<unknown | undefined> {
  const [row] = await db
    .select({ response: llmCache.response })
    .from(llmCache)
    .where(eq(llmCache.key, key))
    .limit(1);
  return row?.response;
}

/** Stores an answer; a concurrent writer of the same key wins and this one is dropped. */
export async function storeLlmAnswer(
  db: Db,
  entry: { key: string; model: string; response: unknown; at: Date },
): Promise<void> {
  await db
    .insert(llmCache)
    .values({ key: entry.key, model: entry.model, response: entry.response, createdAt: entry.at })
    .onConflictDoNothing();
}
