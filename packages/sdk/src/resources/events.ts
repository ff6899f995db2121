import type { APIPromise } from '../core/api-promise';
import { makeAPIError, SigmaxError } from '../core/errors';
import type { Fetch, HTTPClient, RequestOptions } from '../core/request';
import { isRetryableStatus, parseRetryAfter, sleep } from '../core/retry';
import { SSEParser } from '../core/sse';
import type { components } from '../generated/openapi';

/** One event: `id` is its sequence number (pass it as `lastEventId` or `after` to resume after it). */
export type Event = components['schemas']['Event'];
/** `GET /v1/events/history`: events oldest first, and the id to pass as `after` for the next page. */
export type EventList = components['schemas']['EventList'];

/** Which events: exact types (`fill`) or prefixes (`order.*`), and symbols (`BTC/USDT`). */
export interface EventFilterParams {
  /** Event types or prefixes ending in `.*`, as a list or comma-separated. */
  types?: string | readonly string[];
  /** Markets, as a list or comma-separated; events about no market always pass. */
  symbols?: string | readonly string[];
}

/** Options of `sigmax.events.stream()`. */
export interface EventStreamParams extends EventFilterParams {
  /** Start after this event: the stored events after it come first, then live ones. */
  lastEventId?: string;
  /** Seconds between the server's heartbeats (1–300, server default 15). */
  heartbeatSeconds?: number;
  /** Stops the stream: the iteration ends and the connection is closed. */
  signal?: AbortSignal;
  /** First reconnection delay in ms, doubled after each failed attempt (with jitter). Default 500. */
  initialDelayMs?: number;
  /** Longest reconnection delay in ms. Default 30 000. */
  maxDelayMs?: number;
  /** Give up (throw the last error) after this many failed reconnections in a row. Default: never. */
  maxReconnects?: number;
  /** Called before each reconnection, with the error or `undefined` when the server ended the stream. */
  onReconnect?: (info: {
    attempt: number;
    delayMs: number;
    error: unknown;
    lastEventId: string | undefined;
  }) => void;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Query of `GET /v1/events/history`. */
export interface EventHistoryParams extends EventFilterParams {
  /** Only events after this id. */
  after?: string;
  /** Page size, 1–500 (default 50). */
  limit?: number;
}

/** @internal What the stream needs besides the shared client: it calls `fetch` itself. */
export interface EventStreamConfig {
  baseUrl: string;
  apiKey: string | undefined;
  fetch: Fetch;
  defaultHeaders: Record<string, string>;
}

const list = (value: string | readonly string[] | undefined) =>
  value === undefined ? undefined : typeof value === 'string' ? value : value.join(',');

/** A connection that answered with an error the server will keep answering (401, 403, 422…). */
class FinalError extends Error {
  constructor(readonly error: SigmaxError) {
    super(error.message);
  }
}

/**
 * Live events (orders, fills, positions, the portfolio, analyses, backtests, proposals, safety) and
 * the stored ones. Needs the `read` scope.
 *
 * @example
 * ```ts
 * for await (const event of sigmax.events.stream({ types: ['order.*', 'fill'] })) {
 *   console.log(event.id, event.type, event.symbol);
 * }
 * ```
 */
export class Events {
  readonly #http: HTTPClient;
  readonly #config: EventStreamConfig;

  /** @internal */
  constructor(http: HTTPClient, config: EventStreamConfig) {
    this.#http = http;
    this.#config = config;
  }

  /**
   * The events after `after`, oldest first, a page at a time: pass `lastEventId` as the next `after`.
   *
   * @example
   * ```ts
   * let after: string | undefined;
   * const page = await sigmax.events.history({ after, types: 'fill', limit: 100 });
   * after = page.lastEventId ?? after;
   * ```
   */
  history(params: EventHistoryParams = {}, options?: RequestOptions): APIPromise<EventList> {
    return this.#http.get('/v1/events/history', options, {
      query: {
        after: params.after,
        types: list(params.types),
        symbols: list(params.symbols),
        limit: params.limit,
      },
    });
  }

  /**
   * Follows the event stream (Server-Sent Events). After a network error, or when the server ends
   * the stream, it reconnects with exponential backoff and jitter, resuming after the last event it
   * yielded (`Last-Event-ID`): no event is skipped or repeated. It ends when `signal` aborts or the
   * loop breaks, closing the connection; it throws for an answer that retrying cannot change (401,
   * 403, 422) or after `maxReconnects` failures in a row.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * for await (const event of sigmax.events.stream({ symbols: 'BTC/USDT', signal: controller.signal })) {
   *   if (event.type === 'fill') console.log(event.data);
   * }
   * ```
   */
  stream(params: EventStreamParams = {}): AsyncIterable<Event> {
    return { [Symbol.asyncIterator]: () => this.#follow(params) };
  }

  async *#follow(params: EventStreamParams): AsyncGenerator<Event, void, undefined> {
    const { signal } = params;
    const initial = params.initialDelayMs ?? 500;
    const max = params.maxDelayMs ?? 30_000;
    let lastEventId = params.lastEventId;
    let failures = 0;
    for (;;) {
      if (signal?.aborted) return;
      let error: unknown;
      let retryAfter: number | undefined;
      const connection = new AbortController();
      const stop = () => connection.abort(signal?.reason);
      signal?.addEventListener('abort', stop, { once: true });
      try {
        const response = await this.#connect(params, lastEventId, connection.signal);
        const body = response.body;
        if (!response.ok || !body) {
          retryAfter = parseRetryAfter(response.headers);
          throw await this.#failure(response);
        }
        for await (const event of this.#events(body, params, connection)) {
          failures = 0;
          lastEventId = event.id;
          yield event;
        }
      } catch (caught) {
        if (signal?.aborted) return;
        if (caught instanceof FinalError) throw caught.error;
        error = caught;
      } finally {
        signal?.removeEventListener('abort', stop);
        // Closes the body too: after a `break`, an abort or an error.
        connection.abort();
      }
      failures++;
      if (params.maxReconnects !== undefined && failures > params.maxReconnects) {
        throw error instanceof SigmaxError
          ? error
          : new SigmaxError(`The event stream failed ${failures} times in a row.`, { cause: error });
      }
      const backoff = Math.min(max, initial * 2 ** (failures - 1));
      const delayMs =
        retryAfter !== undefined ? Math.min(retryAfter, 60_000) : backoff / 2 + (Math.random() * backoff) / 2;
      params.onReconnect?.({ attempt: failures, delayMs, error, lastEventId });
      try {
        await sleep(delayMs, signal);
      } catch {
        return;
      }
    }
  }

  #connect(
    params: EventStreamParams,
    lastEventId: string | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const url = new URL(`${this.#config.baseUrl}/v1/events`);
    const query = {
      types: list(params.types),
      symbols: list(params.symbols),
      heartbeatSeconds: params.heartbeatSeconds,
    };
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers = new Headers({ accept: 'text/event-stream', 'cache-control': 'no-cache' });
    for (const [name, value] of Object.entries({ ...this.#config.defaultHeaders, ...params.headers })) {
      headers.set(name, value);
    }
    const { apiKey } = this.#config;
    if (apiKey && !headers.has('authorization')) headers.set('authorization', `Bearer ${apiKey}`);
    if (lastEventId !== undefined) headers.set('last-event-id', lastEventId);
    return this.#config.fetch(new Request(url.href, { method: 'GET', headers, signal }));
  }

  async #failure(response: Response): Promise<unknown> {
    let body: unknown;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return new SigmaxError('The event stream answered without a body.');
    const error = makeAPIError(response.status, body, response.headers);
    return isRetryableStatus(response.status) ? error : new FinalError(error);
  }

  /**
   * The events of one connection, until it ends. No byte for three heartbeat intervals means the
   * connection is dead (a half-open socket): it is dropped, and the caller reconnects.
   */
  async *#events(
    body: ReadableStream<Uint8Array>,
    params: EventStreamParams,
    connection: AbortController,
  ): AsyncGenerator<Event, void, undefined> {
    const idleMs = (params.heartbeatSeconds ?? 15) * 3_000 + 5_000;
    const parser = new SSEParser();
    const decoder = new TextDecoder();
    const reader = body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle = false;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = true;
        connection.abort();
      }, idleMs);
    };
    // A fetch whose body does not end when its signal aborts would leave `read()` waiting forever:
    // cancelling the reader on abort ends the pending read in every runtime.
    const cancel = () => {
      reader.cancel().catch(() => {});
    };
    connection.signal.addEventListener('abort', cancel, { once: true });
    try {
      arm();
      for (;;) {
        const { done, value } = await reader.read();
        if (idle) throw new SigmaxError('The event stream went quiet: reconnecting.');
        if (done && connection.signal.aborted) return;
        const messages = done ? parser.end() : parser.push(decoder.decode(value, { stream: true }));
        if (!done) arm();
        for (const message of messages) {
          if (message.data === '') continue;
          let event: Event;
          try {
            event = JSON.parse(message.data) as Event;
          } catch (cause) {
            throw new SigmaxError('The event stream sent data that is not JSON.', { cause });
          }
          yield event;
        }
        if (done) return;
      }
    } catch (error) {
      if (idle) throw new SigmaxError('The event stream went quiet: reconnecting.', { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      connection.signal.removeEventListener('abort', cancel);
      reader.cancel().catch(() => {});
    }
  }
}
