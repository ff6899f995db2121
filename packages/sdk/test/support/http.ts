import { type ClientOptions, Sigmax } from '@sigmax/sdk';

export const BASE_URL = 'http://sigmax.test';

export interface Call {
  request: Request;
  /** The request body as text, read before the handler ran. */
  body: string;
}

type Handler = (request: Request, index: number) => Response | Promise<Response>;

/**
 * A `fetch` that answers from `handlers`, one per call in order (the last one repeats), and
 * records every request it was given.
 */
export function fakeFetch(...handlers: Array<Handler | Response>) {
  const calls: Call[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const index = calls.length;
    calls.push({ request, body: await request.clone().text() });
    const handler = handlers[Math.min(index, handlers.length - 1)];
    if (handler === undefined) throw new Error('fakeFetch needs at least one handler');
    return typeof handler === 'function' ? handler(request, index) : handler.clone();
  };
  return { fetch, calls };
}

export function client(fetch: ClientOptions['fetch'], options: ClientOptions = {}): Sigmax {
  return new Sigmax({ baseUrl: BASE_URL, apiKey: 'sk_sigmax_test', fetch, ...options });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_ok', ...headers },
  });
}

/** An RFC 9457 problem response as the SIGMAX server sends it. */
export function problem(
  status: number,
  code: string,
  options: { detail?: string; requestId?: string; headers?: Record<string, string>; extra?: object } = {},
): Response {
  const requestId = options.requestId ?? `req_${status}`;
  const body = {
    type: `urn:sigmax:problem:${code}`,
    title: code.replaceAll('_', ' '),
    status,
    ...(options.detail ? { detail: options.detail } : {}),
    code,
    requestId,
    ...options.extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId, ...options.headers },
  });
}

/** A fetch that never answers on its own: it settles only when the request's signal aborts. */
export function hangingFetch() {
  return fakeFetch(
    (request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      }),
  );
}

export const HEALTH = {
  status: 'ok',
  version: '0.1.0',
  time: '2025-01-01T00:00:00.000Z',
  database: 'up',
} as const;

export function apiKey(id: string) {
  return {
    id,
    name: `key ${id}`,
    prefix: 'sk_sigmax_Ab12',
    scopes: ['read' as const],
    createdAt: '2025-01-01T00:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
  };
}

/** Resolves with the error a promise rejects with, and fails if it fulfils. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
