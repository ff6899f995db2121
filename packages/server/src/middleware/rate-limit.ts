import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../problem';

export type RateLimitClass = 'default' | 'trading';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per API key and endpoint class, in memory: each replica counts its own
 * requests, so N replicas allow up to N times the limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limits: Record<RateLimitClass, number>) {}

  /** Counts one request and says whether it is allowed, with the header values to send. */
  take(keyId: string, kind: RateLimitClass, now = Date.now()) {
    const id = `${kind}:${keyId}`;
    let window = this.windows.get(id);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(id, window);
    }
    window.count++;
    const limit = this.limits[kind];
    return {
      allowed: window.count <= limit,
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)),
    };
  }

  private prune(now: number): void {
    for (const [id, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(id);
  }
}

/**
 * Applies the key's limit for this class. Sends `RateLimit-Limit/Remaining/Reset` on every response,
 * and 429 with `Retry-After` past the limit. Goes after `requireScope`, which identifies the key.
 */
export function rateLimit(kind: RateLimitClass = 'default') {
  return createMiddleware<AppEnv>(async (c, next) => {
    const verdict = c.get('services').rateLimiter.take(c.get('principal').id, kind);
    const headers = {
      'RateLimit-Limit': String(verdict.limit),
      'RateLimit-Remaining': String(verdict.remaining),
      'RateLimit-Reset': String(verdict.resetSeconds),
    };
    if (!verdict.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        `Rate limit of ${verdict.limit} requests per minute exceeded.`,
        {
          headers: { ...headers, 'Retry-After': String(verdict.resetSeconds) },
        },
      );
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  });
}
