import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { logRequest } from './access-log';
import { onError } from './errors';
import { assignRequestId } from './request-id';

/** A route's own middleware (Hono's `(c, next)` contract), e.g. `idempotent()`. */
export type Middleware = MiddlewareHandler<AppEnv>;

/** What a route is made of: its middleware, if any, then its handler. */
export type Steps = [...Middleware[], Handler<AppEnv>];

type Result = Response | Promise<Response>;

/**
 * Turns a route's steps into its single handler. The handler does not see the route's path in its
 * type: read path parameters with `pathParam(c, 'id')`.
 */
export type RouteWrapper = (...steps: Steps) => Handler<AppEnv>;

/**
 * Runs one request from start to end: gives it a request id, runs `run`, turns a failure into its
 * problem+json response, then writes the access log line and the request metric.
 *
 * Every route's single Hono handler is built around this (`open(...)`, or `guard(scope)(...)` for
 * routes that need a key) rather than around app-wide middleware: a route reached through exactly one
 * handler keeps Hono's synchronous fast path, and this stays synchronous as long as `run` is, so a
 * request that needs no I/O costs no promise at all. Hono's own `onError` and `notFound` come here
 * too (see `createApp`), so a failure before the route (an oversized body) is logged and counted the
 * same way.
 */
export function serveRequest(c: Context<AppEnv>, run: () => Result): Result {
  const start = performance.now();
  assignRequestId(c);
  let result: Result;
  try {
    result = run();
  } catch (error) {
    return finish(c, start, onError(error as Error, c));
  }
  if (result instanceof Promise) {
    return result.then(
      (response) => finish(c, start, response),
      (error: Error) => finish(c, start, onError(error, c)),
    );
  }
  return finish(c, start, result);
}

function finish(c: Context<AppEnv>, start: number, response: Response): Response {
  logRequest(c, start, response.status);
  c.env.services.metrics.observeRequest(c, start, response.status);
  return response;
}

/**
 * Runs a route's steps in order with Hono's middleware contract: `await next()` runs the rest and
 * leaves its response in `c.res`; a middleware may instead return a response of its own.
 */
export function runSteps(c: Context<AppEnv>, steps: Readonly<Steps>, index = 0): Result {
  if (index === steps.length - 1) {
    return (steps[index] as Handler<AppEnv>)(c, noNext) as Result;
  }
  const middleware = steps[index] as Middleware;
  const next = async () => {
    c.res = await runSteps(c, steps, index + 1);
  };
  return middleware(c, next).then((response) => response ?? c.res);
}

const noNext = async () => {};

/** A public route (no API key): `.get('/', open((c) => c.json(...)))`. */
export const open: RouteWrapper =
  (...steps) =>
  (c) =>
    serveRequest(c, () => runSteps(c, steps));

/** A path parameter of the route (`/:id`), which the router only matches with the parameter there. */
export function pathParam(c: Context, name: 'id' | 'symbol'): string {
  const value = c.req.param(name);
  if (value === undefined) throw new Error(`the route has no :${name} parameter`);
  return value;
}
