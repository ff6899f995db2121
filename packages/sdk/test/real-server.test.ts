import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sigmax } from '@sigmax/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKey, HEALTH } from './support/http';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; headers?: Record<string, string>; body: unknown };

let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server?.closeAllConnections();
  if (server) await once(server, 'close');
  server = undefined;
});

/** A real HTTP server on 127.0.0.1 that answers with `replies` in order and records each request. */
async function serve(replies: Reply[]): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({ method: request.method, url: request.url, headers: request.headers, body });
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] as Reply;
    const type = reply.status >= 400 ? 'application/problem+json' : 'application/json';
    response.writeHead(reply.status, {
      'content-type': type,
      'x-request-id': `req_${seen.length}`,
      ...reply.headers,
    });
    response.end(JSON.stringify(reply.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen };
}

const failure = (status: number, code: string, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: { type: `urn:sigmax:problem:${code}`, title: code, status, code, requestId: 'req_x' },
});

describe('retries against a real HTTP server', () => {
  it('gets through a 503 and a 429 (Retry-After: 0) to the answer', async () => {
    const { baseUrl, seen } = await serve([
      failure(503, 'service_unavailable'),
      failure(429, 'rate_limited', { 'retry-after': '0' }),
      { status: 200, body: HEALTH },
    ]);
    const sigmax = new Sigmax({ baseUrl, apiKey: 'sk_sigmax_real' });

    const { data, response, requestId } = await sigmax.health().withResponse();

    expect(data).toEqual(HEALTH);
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_3');
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1/health',
      'GET /v1/health',
      'GET /v1/health',
    ]);
    expect(seen.every((request) => request.headers.authorization === 'Bearer sk_sigmax_real')).toBe(true);
  });

  it('sends one Idempotency-Key and the same body on every attempt of a POST', async () => {
    const { baseUrl, seen } = await serve([
      failure(503, 'service_unavailable'),
      failure(429, 'rate_limited', { 'retry-after': '0' }),
      { status: 201, body: { ...apiKey('key_1'), key: 'sk_sigmax_new' } },
    ]);
    const sigmax = new Sigmax({ baseUrl, apiKey: 'sk_sigmax_real' });

    const created = await sigmax.apiKeys.create({ name: 'ci', scopes: ['read'] });

    expect(created.key).toBe('sk_sigmax_new');
    expect(seen).toHaveLength(3);
    const keys = new Set(seen.map((request) => request.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(seen.map((request) => request.body))).toEqual(
      new Set([JSON.stringify({ name: 'ci', scopes: ['read'] })]),
    );
  });
});
