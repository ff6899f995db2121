import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { APIPromise, type APIResponse } from './api-promise';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  makeAPIError,
  SigmaxError,
} from './errors';
import { Page, type PageBody, PagePromise } from './pagination';
import { isRetryableStatus, retryDelay, sleep } from './retry';

/**
 * A WHATWG `fetch`. The SDK calls it with a `Request` (URL, method, headers, body and signal all
 * set) and a second argument that is usually empty.
 *
 * @example
 * ```ts
 * const logged: Fetch = async (request, init) => {
 *   console.log(request.method, request.url);
 *   return fetch(request, init);
 * };
 * const sigmax = new Sigmax({ fetch: logged });
 * ```
 */
export type Fetch = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Options every method takes as its last argument; they override the client's for that call.
 *
 * @example
 * ```ts
 * await sigmax.status({ timeout: 5_000, maxRetries: 0, headers: { 'X-Request-Id': 'req_debug_1' } });
 * ```
 */
export interface RequestOptions {
  /** Cancels the call, including any wait between retries; the call then rejects with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Milliseconds to wait for each attempt's response and body. */
  timeout?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** `Idempotency-Key` for a POST; by default each call gets a random one, reused by its retries. */
  idempotencyKey?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** @internal */
export interface HTTPClientConfig {
  baseUrl: string;
  apiKey: string | undefined;
  timeout: number;
  maxRetries: number;
  fetch: Fetch;
  defaultHeaders: Record<string, string>;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Builds one page of a list from its body; `fetchPage` gets the page at a cursor. */
type PageFactory<Item, P extends Page<Item>> = (
  body: PageBody<Item>,
  fetchPage: (cursor: string) => Promise<P>,
) => P;

/** A path, or a function building one with `path` so that a bad id rejects the call instead of throwing. */
type PathInput = string | (() => string);

/**
 * @internal A request body sent as it is rather than as JSON: its text and its content type. Being
 * text built once per call, every retry sends the very same bytes (with the same `Idempotency-Key`).
 */
export class RawBody {
  constructor(
    readonly content: string,
    readonly contentType: string,
  ) {}

  /**
   * A `multipart/form-data` body written out with the given `boundary`, rather than by `FormData`,
   * whose boundary is random on every serialisation.
   */
  static multipart(
    boundary: string,
    parts: ReadonlyArray<{ name: string; filename?: string; type: string; content: string }>,
  ): RawBody {
    const body = parts
      .map(({ name, filename, type, content }) => {
        const disposition = `form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
      })
      .join('');
    return new RawBody(`${body}--${boundary}--\r\n`, `multipart/form-data; boundary=${boundary}`);
  }
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: PathInput;
  query?: Query | undefined;
  /** Sent as JSON, or as it is when it is a `RawBody`. */
  body?: unknown;
  options?: RequestOptions | undefined;
  /** Non-2xx statuses whose JSON body is the answer rather than an error (health's 503). */
  okStatuses?: readonly number[];
  /** Accept header and how to read the body: JSON (the default) or text such as Markdown. */
  text?: string;
}

/**
 * The HTTP layer: one ky call per attempt (ky's own retries are off, so there is exactly one
 * retry policy), ky's errors mapped to the SDK's, retries with backoff around it.
 *
 * @internal
 */
export class HTTPClient {
  readonly #config: HTTPClientConfig;

  constructor(config: HTTPClientConfig) {
    this.#config = config;
  }

  get<T>(
    path: PathInput,
    options?: RequestOptions,
    extra?: Pick<Call, 'query' | 'okStatuses'>,
  ): APIPromise<T> {
    return new APIPromise(this.#send<T>({ method: 'GET', path, options, ...extra }));
  }

  /** A GET whose answer is text of the media type `accept` (e.g. `text/markdown`), not JSON. */
  getText(path: PathInput, accept: string, options?: RequestOptions): APIPromise<string> {
    return new APIPromise(this.#send<string>({ method: 'GET', path, options, text: accept }));
  }

  post<T>(path: PathInput, body: unknown, options?: RequestOptions): APIPromise<T> {
    return new APIPromise(this.#send<T>({ method: 'POST', path, body, options }));
  }

  /** A PUT: replaces the resource at `path` with `body`. Idempotent, so it carries no Idempotency-Key. */
  put<T>(path: PathInput, body: unknown, options?: RequestOptions): APIPromise<T> {
    return new APIPromise(this.#send<T>({ method: 'PUT', path, body, options }));
  }

  delete<T>(path: PathInput, options?: RequestOptions, extra?: Pick<Call, 'query'>): APIPromise<T> {
    return new APIPromise(this.#send<T>({ method: 'DELETE', path, options, ...extra }));
  }

  /**
   * A list whose later pages are fetched with the same query and options, only the cursor changing.
   * `makePage` builds each page, for lists whose body holds more than `data` and `nextCursor`.
   */
  getPage<Item, P extends Page<Item> = Page<Item>>(
    path: PathInput,
    query: Query = {},
    options?: RequestOptions,
    makePage: PageFactory<Item, P> = (body, fetchPage) => new Page(body, fetchPage) as P,
  ): PagePromise<Item, P> {
    const fetchPage = (cursor: string) => this.getPage(path, { ...query, cursor }, options, makePage);
    const first = this.#send<PageBody<Item>>({ method: 'GET', path, query, options });
    return new PagePromise(first.then((result) => ({ ...result, data: makePage(result.data, fetchPage) })));
  }

  async #send<T>(call: Call): Promise<APIResponse<T>> {
    const {
      signal,
      timeout = this.#config.timeout,
      maxRetries = this.#config.maxRetries,
    } = call.options ?? {};
    let url: string;
    let headers: Headers;
    try {
      checkLimits(timeout, maxRetries);
      url = this.#url(call);
      // Built once so that every retry of a POST carries the same Idempotency-Key.
      headers = this.#headers(call);
    } catch (cause) {
      throw invalidRequest(cause);
    }
    for (let retry = 0; ; retry++) {
      try {
        return await this.#attempt<T>(url, headers, timeout, call);
      } catch (caught) {
        const error = toSigmaxError(caught, signal);
        if (retry >= maxRetries || !isRetryable(error)) throw error;
        await sleep(
          retryDelay(retry + 1, error instanceof APIError ? error.headers : undefined),
          signal,
        ).catch((reason: unknown) => {
          throw new APIUserAbortError(reason);
        });
      }
    }
  }

  async #attempt<T>(url: string, headers: Headers, timeout: number, call: Call): Promise<APIResponse<T>> {
    if (call.options?.signal?.aborted) throw new APIUserAbortError(call.options.signal.reason);
    const { fetch } = this.#config;
    let pending: ReturnType<typeof ky>;
    try {
      pending = ky(url, {
        method: call.method,
        headers,
        ...(call.body instanceof RawBody ? { body: call.body.content } : { json: call.body }),
        signal: call.options?.signal,
        timeout,
        retry: 0,
        throwHttpErrors: (status) => !call.okStatuses?.includes(status),
        // Called detached: a browser's native fetch throws "Illegal invocation" when called as a
        // method of ky's options object.
        fetch: (input, init) => fetch(input as Request, init),
        parseJson: parseJson,
      });
    } catch (cause) {
      // ky validates its options synchronously: this is a bad argument, not a network failure.
      throw invalidRequest(cause);
    }
    const data = call.text === undefined ? await pending.json<T>() : ((await pending.text()) as T);
    const response = await pending;
    // An accepted non-2xx (health's 503) is still an error when the body is a problem, as from a
    // proxy or the server's own error handler.
    if (!response.ok && /^application\/problem\+json/i.test(response.headers.get('content-type') ?? '')) {
      throw makeAPIError(response.status, data, response.headers);
    }
    return { data, response, requestId: response.headers.get('x-request-id') ?? undefined };
  }

  #url(call: Call): string {
    const url = new URL(this.#config.baseUrl + (typeof call.path === 'string' ? call.path : call.path()));
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  #headers(call: Call): Headers {
    const { apiKey, defaultHeaders } = this.#config;
    const headers = new Headers({ accept: call.text ?? 'application/json' });
    // set() one by one: a Headers init with both `accept` and `Accept` would join the two values.
    for (const extra of [defaultHeaders, call.options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
    }
    if (apiKey && !headers.has('authorization')) headers.set('authorization', `Bearer ${apiKey}`);
    if (call.body instanceof RawBody) headers.set('content-type', call.body.contentType);
    const idempotencyKey = call.options?.idempotencyKey ?? headers.get('idempotency-key');
    if (idempotencyKey) headers.set('idempotency-key', idempotencyKey);
    else if (call.method === 'POST') headers.set('idempotency-key', randomKey());
    return headers;
  }
}

// ky's limit (setTimeout's): a larger timeout would only fail later, inside the request.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** @internal Throws a SigmaxError for a timeout or retry count that cannot work. */
export function checkLimits(timeout: number, maxRetries: number): void {
  if (!(Number.isFinite(timeout) && timeout >= 0 && timeout <= MAX_TIMEOUT_MS)) {
    throw new SigmaxError(`timeout must be between 0 and ${MAX_TIMEOUT_MS} ms, got ${timeout}.`);
  }
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new SigmaxError(`maxRetries must be a non-negative integer, got ${maxRetries}.`);
  }
}

function invalidRequest(cause: unknown): SigmaxError {
  if (cause instanceof SigmaxError) return cause;
  return new SigmaxError(`Invalid request: ${cause instanceof Error ? cause.message : String(cause)}`, {
    cause,
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SigmaxError('The response body is not valid JSON.', { cause });
  }
}

/** Every failure leaves the SDK as a SigmaxError: ky's and fetch's own errors never reach callers. */
function toSigmaxError(caught: unknown, signal: AbortSignal | undefined): SigmaxError {
  if (caught instanceof SigmaxError) return caught;
  if (isHTTPError(caught)) return makeAPIError(caught.response.status, caught.data, caught.response.headers);
  if (signal?.aborted) return new APIUserAbortError(signal.reason);
  if (isTimeoutError(caught)) return new APITimeoutError();
  // Anything else failed inside fetch: ky recognises the common runtimes' network errors, and an
  // unrecognised TypeError from a custom fetch is treated the same way.
  return new APIConnectionError({ cause: isNetworkError(caught) ? caught.cause : caught });
}

function isRetryable(error: SigmaxError): boolean {
  return (
    error instanceof APIConnectionError || (error instanceof APIError && isRetryableStatus(error.status))
  );
}

function randomKey(): string {
  const { crypto } = globalThis;
  // randomUUID only exists in secure contexts; a page served over plain http still has getRandomValues.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
