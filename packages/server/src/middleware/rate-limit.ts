import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../problem';
import { setResponseHeader } from './headers';

export type RateLimitClass = 'default' | 'trading';

const WINDOW_MS = 60_000;

interface Window {
  start: number;
  count: number;
}

export interface RateVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Fixed one-minute windows per API key and endpoint class, in memory: each replica counts its own
 * requests, so N replicas allow up to N times the limit.
 */
export class RateLimiter {
  private readonly windows: Record<RateLimitClass, Map<string, Window>> = {
    default: new Map(),
    trading: new Map(),
  };
  private size = 0;

  constructor(private readonly limits: Record<RateLimitClass, number>) {}

  /** Counts one request and says whether it is allowed, with the header values to send. */
  take(keyId: string, kind: RateLimitClass, now = Date.now()): RateVerdict {
    const windows = this.windows[kind];
    let window = windows.get(keyId);
    if (!window || now - window.start >= WINDOW_MS) {
      if (!window) {
        if (this.size > 10_000) this.prune(now);
        this.size++;
      }
      window = { start: now, count: 0 };
      windows.set(keyId, window);
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
    for (const windows of Object.values(this.windows)) {
      for (const [id, window] of windows) {
        if (now - window.start >= WINDOW_MS) {
          windows.delete(id);
          this.size--;
        }
      }
    }
  }
}

/**
 * Counts this request against the key's limit for the class: throws the 429 (with `Retry-After`)
 * past the limit, otherwise sets `RateLimit-Limit/Remaining/Reset` on the response. Called by
 * `guard()` once it has identified the key.
 */
export function countRequest(c: Context<AppEnv>, keyId: string, kind: RateLimitClass): void {
  const verdict = c.env.services.rateLimiter.take(keyId, kind);
  const limit = String(verdict.limit);
  const remaining = String(verdict.remaining);
  const reset = String(verdict.resetSeconds);
  if (!verdict.allowed) {
    throw new ApiError(429, 'rate_limited', `Rate limit of ${verdict.limit} requests per minute exceeded.`, {
      headers: {
        'RateLimit-Limit': limit,
        'RateLimit-Remaining': remaining,
        'RateLimit-Reset': reset,
        'Retry-After': reset,
      },
    });
  }
  setResponseHeader(c, 'RateLimit-Limit', limit);
  setResponseHeader(c, 'RateLimit-Remaining', remaining);
  setResponseHeader(c, 'RateLimit-Reset', reset);
}
