/** One message of a chat-completions request. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatClientOptions {
  /** The API's base URL, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; never logged, never part of an error message. */
  apiKey?: string | undefined;
  model: string;
  /** Milliseconds to wait for the whole answer. */
  timeoutMs: number;
}

/** The LLM did not answer in time, could not be reached, or answered with something unusable. */
export class LlmError extends Error {
  override name = 'LlmError';
}

/**
 * A minimal client of the OpenAI-compatible chat-completions API (OpenAI, and the many servers that
 * speak its shape: vLLM, Ollama, LM Studio, llama.cpp, OpenRouter…): one non-streaming request, the
 * first choice's text back. Temperature 0, so the same prompt tends to the same prose.
 */
export class ChatClient {
  readonly model: string;

  constructor(private readonly options: ChatClientOptions) {
    this.model = options.model;
  }

  /** The assistant's reply to `messages`; an {@link LlmError} when there is none. */
  async complete(messages: readonly ChatMessage[]): Promise<string> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, messages, temperature: 0 }),
        signal,
      });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || signal.aborted;
      throw new LlmError(
        timedOut ? `no answer in ${this.options.timeoutMs} ms` : 'the LLM API is unreachable',
      );
    }
    if (!response.ok) {
      const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      throw new LlmError(
        `the LLM API answered ${response.status}${typeof message === 'string' ? `: ${message.slice(0, 200)}` : ''}`,
      );
    }
    const content = (body as { choices?: Array<{ message?: { content?: unknown } }> } | undefined)
      ?.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      throw new LlmError('the LLM API answered without text');
    }
    return content;
  }
}
