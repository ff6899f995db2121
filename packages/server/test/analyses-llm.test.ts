import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, LlmError, parseNarration } from '../src/adapters/llm';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startTestServer, type TestServer } from './support';
import { replayAt } from './support/trading';

const API_KEY = 'sk-test-llm-key-0123456789abcdefghij';

/**
 * A local stand-in for an OpenAI-compatible chat-completions endpoint: it answers with the prose set in
 * `mode`, or never answers (`hang`), or fails. It records every request it gets.
 */
class FakeLlm {
  mode: 'answer' | 'hang' | 'error' | 'junk' = 'answer';
  prose = {
    bull: 'The trend is up and buyers keep stepping in. Write to bull@example.com for the charts.',
    bear: 'Momentum is fading and volumes are thin.',
    judge: 'On balance the evidence supports the verdict the engine reached.',
  };
  readonly requests: Array<{
    url: string;
    authorization: string | undefined;
    body: { model: string; messages: Array<{ role: string; content: string }> };
  }> = [];
  private readonly hanging: Array<() => void> = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close(): Promise<void> {
    for (const release of this.hanging.splice(0)) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    this.requests.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      body: JSON.parse(text),
    });
    if (this.mode === 'hang') {
      this.hanging.push(() => res.destroy());
      return;
    }
    if (this.mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'overloaded' } }));
      return;
    }
    const content =
      this.mode === 'junk' ? 'I would rather not.' : `\`\`\`json\n${JSON.stringify(this.prose)}\n\`\`\``;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      }),
    );
  }
}

describe('analyses narrated by an LLM', () => {
  const llm = new FakeLlm();
  let t: TestServer;
  beforeAll(async () => {
    await llm.start();
    t = await startTestServer({
      market: replayAt('2020-01-01T00:00:00Z').feed,
      config: { llmBaseUrl: llm.url, llmApiKey: API_KEY, llmModel: 'fake-model', llmTimeoutMs: 300 },
    });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await llm.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: bodies are checked against the spec by the test server
  async function analyse(capital: string): Promise<any> {
    const res = await t.request('/v1/analyses', { json: { symbol: 'BTC/USDT', capital } });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json;
  }
  const summary = (a: { agents: Array<{ agent: string; summary: string }> }, agent: string) =>
    a.agents.find((f) => f.agent === agent)?.summary;

  it('falls back to templated text when the LLM hangs past the timeout, naming llm as missing', async () => {
    llm.mode = 'hang';
    const started = Date.now();
    const a = await analyse('1111');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(a.narration).toBe('template');
    expect(a.missingInputs).toContain('llm');
    expect(summary(a, 'bull')).not.toBe(llm.prose.bull);
    expect(llm.requests).toHaveLength(1);
  });

  it('falls back when the LLM fails or answers with something else', async () => {
    llm.mode = 'error';
    const failed = await analyse('2222');
    expect(failed.narration).toBe('template');
    expect(failed.missingInputs).toContain('llm');
    llm.mode = 'junk';
    const junk = await analyse('3333');
    expect(junk.narration).toBe('template');
    expect(junk.missingInputs).toContain('llm');
  });

  let narrated: { id: string; decision: unknown; provenance: { inputHash: string } } | undefined;

  it('uses the prose the LLM answers with, redacted, and leaves the decision alone', async () => {
    llm.mode = 'answer';
    const calls = llm.requests.length;
    const a = await analyse('1111');
    narrated = a;
    expect(llm.requests).toHaveLength(calls + 1);
    const request = llm.requests.at(-1);
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body.model).toBe('fake-model');
    expect(request?.body.messages[1]?.content).toContain(`"action":"${a.decision.action}"`);

    expect(a.narration).toBe('llm');
    expect(a.missingInputs).not.toContain('llm');
    expect(summary(a, 'bull')).toBe(
      'The trend is up and buyers keep stepping in. Write to [redacted:email] for the charts.',
    );
    expect(summary(a, 'bear')).toBe(llm.prose.bear);
    expect(summary(a, 'judge')).toBe(llm.prose.judge);
    // The same input as the first analysis, which the hanging LLM did not narrate: same decision.
    const templated = (await (await t.request('/v1/analyses?limit=500')).json()).data.find(
      (x: { narration: string; provenance: { inputHash: string } }) =>
        x.narration === 'template' && x.provenance.inputHash === a.provenance.inputHash,
    );
    expect(templated.decision).toEqual(a.decision);
    expect(templated.debate).toEqual(a.debate);

    const explanation = await (await t.request(`/v1/analyses/${a.id}/explanation`)).text();
    expect(explanation).toContain('buyers keep stepping in');
    expect(explanation).not.toContain('bull@example.com');
  });

  it('answers the same input from its cache, without a second call', async () => {
    if (!narrated) throw new Error('no narrated analysis');
    const calls = llm.requests.length;
    const again = await analyse('1111');
    const rerun = await (await t.request(`/v1/analyses/${narrated.id}/rerun`, { method: 'POST' })).json();
    expect(llm.requests).toHaveLength(calls);
    for (const a of [again, rerun]) {
      expect(a.narration).toBe('llm');
      expect(summary(a, 'judge')).toBe(llm.prose.judge);
      expect(a.provenance.inputHash).toBe(narrated.provenance.inputHash);
      expect(a.decision).toEqual(narrated.decision);
    }
    // The cache is in the database too, keyed by a hash, holding no key.
    const rows = await t.server.services.database.db.query.llmCache.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.model).toBe('fake-model');
    expect(JSON.stringify(rows)).not.toContain(API_KEY);
  });
});

describe('the chat-completions client', () => {
  it('times out with an LlmError that holds no key', async () => {
    const llm = new FakeLlm();
    await llm.start();
    try {
      llm.mode = 'hang';
      const client = new ChatClient({ baseUrl: llm.url, apiKey: API_KEY, model: 'm', timeoutMs: 150 });
      const error = await client.complete([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmError);
      expect((error as Error).message).toBe('no answer in 150 ms');
      const unreachable = new ChatClient({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: API_KEY,
        model: 'm',
        timeoutMs: 2000,
      });
      const down = await unreachable.complete([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);
      expect((down as Error).message).toBe('the LLM API is unreachable');
      expect(
        JSON.stringify({ message: (down as Error).message, cause: String((down as Error).cause) }),
      ).not.toContain(API_KEY);
    } finally {
      await llm.close();
    }
  });

  it('reads the JSON object out of a reply, fenced or not, and refuses anything else', () => {
    expect(parseNarration('{"bull":"a","bear":"b","judge":"c"}')).toEqual({
      bull: 'a',
      bear: 'b',
      judge: 'c',
    });
    expect(parseNarration('Sure!\n```json\n{"bull":" a ","bear":"b","judge":"c"}\n```')).toEqual({
      bull: 'a',
      bear: 'b',
      judge: 'c',
    });
    expect(() => parseNarration('{"bull":"a","bear":"b"}')).toThrow(LlmError);
    expect(() => parseNarration('{"bull":"a","bear":"b","judge":3}')).toThrow(LlmError);
    expect(() => parseNarration('no json')).toThrow(LlmError);
  });

  it('keeps the LLM key and the CryptoPanic token out of the logs', () => {
    let logged = '';
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          logged += chunk.toString();
          done();
        },
      }) as never,
    );
    const config = parseConfig({
      llmBaseUrl: 'http://127.0.0.1:1/v1',
      llmApiKey: API_KEY,
      newsSource: 'cryptopanic',
      cryptopanicToken: 'cp-token-0123456789',
    });
    logger.info({ config }, 'configured');
    expect(logged).toContain('configured');
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain('cp-token-0123456789');
  });
});
