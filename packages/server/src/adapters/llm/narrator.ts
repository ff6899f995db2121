import { createHash } from 'node:crypto';
import type { AnalysisResult } from '@sigmax/engine';
import type { ChatClient, ChatMessage } from './chat-client';
import { LlmError } from './chat-client';

/** Prose for the three voices of the debate. */
export interface Narration {
  bull: string;
  bear: string;
  judge: string;
}

/** Where answers are kept between calls (memory, then the database). */
export interface NarrationCache {
  get(key: string): Promise<Narration | undefined>;
  set(key: string, narration: Narration): Promise<void>;
}

/** Bump when the prompt changes, so that cached answers to the old prompt are not reused. */
const PROMPT_VERSION = 1;
const MAX_CHARS = 2000;

const SYSTEM_PROMPT = `You narrate a finished crypto market analysis for a reader.
The decision was made by a deterministic engine from the scores given; it is final. Never change,
question or contradict it, never suggest another action, and use no number that is not in the facts.
Answer with one JSON object and nothing else: {"bull": "...", "bear": "...", "judge": "..."} where
"bull" is the bull's case in 2 to 4 sentences, "bear" the bear's case in 2 to 4 sentences, and "judge"
explains in 2 to 4 sentences why the verdict is what it is.`;

/**
 * Narrates the bull, bear and judge of an analysis in prose through an LLM, after the decision is
 * made: it only rewrites texts, never the decision, the scores or the sizing. Answers are cached by a
 * hash of the model and the prompt, so the same analysis input costs one call. Resolves `null` when
 * the LLM fails or times out; the caller then keeps the templated texts.
 */
export class LlmNarrator {
  constructor(
    private readonly client: ChatClient,
    private readonly cache: NarrationCache,
    private readonly onError: (error: LlmError) => void = () => {},
  ) {}

  async narrate(result: AnalysisResult): Promise<Narration | null> {
    const messages = narrationPrompt(result);
    const key = createHash('sha256')
      .update(JSON.stringify({ v: PROMPT_VERSION, model: this.client.model, messages }))
      .digest('hex');
    const cached = await this.cache.get(key);
    if (cached) return cached;
    try {
      const narration = parseNarration(await this.client.complete(messages));
      await this.cache.set(key, narration);
      return narration;
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      this.onError(error);
      return null;
    }
  }
}

/** The facts the LLM narrates: the decision, the verdict, the debate and the agents' summaries. */
export function narrationPrompt(result: AnalysisResult): ChatMessage[] {
  const facts = {
    symbol: result.symbol,
    decision: {
      action: result.decision.action,
      confidence: result.decision.confidence,
      size: result.decision.size,
      entryPrice: result.decision.entryPrice,
      stopLoss: result.decision.stopLoss,
      takeProfit: result.decision.takeProfit,
    },
    verdict: result.debate.verdict,
    debate: result.debate.turns.map((t) => ({ round: t.round, side: t.side, argument: t.argument })),
    agents: result.agents.map((a) => ({ agent: a.agent, score: a.score, summary: a.summary })),
  };
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: JSON.stringify(facts) },
  ];
}

/** The JSON object of the reply (fenced in Markdown or not); an {@link LlmError} when it is not there. */
export function parseNarration(reply: string): Narration {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  let value: unknown;
  try {
    value = start >= 0 && end > start ? JSON.parse(reply.slice(start, end + 1)) : undefined;
  } catch {
    value = undefined;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  const text = (name: string) => {
    const v = record[name];
    return typeof v === 'string' && v.trim() ? v.trim().slice(0, MAX_CHARS) : undefined;
  };
  const bull = text('bull');
  const bear = text('bear');
  const judge = text('judge');
  if (!bull || !bear || !judge) throw new LlmError('the LLM answer is not the JSON object asked for');
  return { bull, bear, judge };
}
