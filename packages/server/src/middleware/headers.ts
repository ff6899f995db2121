import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * Sets a response header that middleware adds to every response (request id, rate-limit state),
 * before the handler runs.
 *
 * On `@hono/node-server` the header goes straight onto Node's `ServerResponse`, which merges it into
 * whatever response the handler returns: `c.header()` would make Hono build a `Headers` object for
 * every response, and the adapter then copy it back into a plain object. Elsewhere (`app.request()`
 * in tests, other runtimes) it falls back to `c.header()`. Either way the header reaches the wire, on
 * success and error responses alike; a header of the same name in the handler's response wins.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * A request header, read from Node's parsed headers on `@hono/node-server` (`c.req.header()` would
 * first build a WHATWG `Headers` copy of all of them), from the `Request` elsewhere.
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
