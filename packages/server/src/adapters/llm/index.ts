import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { findLlmAnswer, storeLlmAnswer } from '../../db/queries/llm-cache';
import { ChatClient, type LlmError } from './chat-client';
import { LlmNarrator, type Narration, type NarrationCache } from './narrator';

export { ChatClient, type ChatClientOptions, type ChatMessage, LlmError } from './chat-client';
export {
  LlmNarrator,
  type Narration,
  type NarrationCache,
  narrationPrompt,
  parseNarration,
} from './narrator';

/** Answers kept in memory (up to `max`, oldest dropped first) in front of the `llm_cache` table. */
export function narrationCache(db: Db, model: string, now: () => Date, max = 1000): NarrationCache {
  const memory = new Map<string, Narration>();
  const remember = (key: string, narration: Narration) => {
    memory.set(key, narration);
    if (memory.size > max) memory.delete(memory.keys().next().value as string);
  };
  return {
    async get(key) {
      const hit = memory.get(key);
      if (hit) return hit;
      const stored = (await findLlmAnswer(db, key)) as Narration | undefined;
      if (stored) remember(key, stored);
      return stored;
    },
    async set(key, narration) {
      remember(key, narration);
      await storeLlmAnswer(db, { key, model, response: narration, at: now() });
    },
  };
}

/** The narrator `llmBaseUrl` asks for, or `null` (templated narration) when none is configured. */
export function createNarrator(
  config: Pick<Config, 'llmBaseUrl' | 'llmApiKey' | 'llmModel' | 'llmTimeoutMs'>,
  deps: { db: Db; now: () => Date; onError?: (error: LlmError) => void },
): LlmNarrator | null {
  if (!config.llmBaseUrl) return null;
  const client = new ChatClient({
    baseUrl: config.llmBaseUrl,
    apiKey: config.llmApiKey,
    model: config.llmModel,
    timeoutMs: config.llmTimeoutMs,
  });
  return new LlmNarrator(client, narrationCache(deps.db, config.llmModel, deps.now), deps.onError);
}
