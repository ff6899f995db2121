import type { Clock } from '@sigmax/engine';
import type { Context } from 'hono';
import type { Db } from '../db/database';
import { findActiveKeyByHash, hashKey, touchKey } from '../db/queries/api-keys';
import type { AppEnv, Principal, Scope } from '../env';
import { ApiError } from '../problem';
import { type RouteWrapper, runSteps, type Steps, serveRequest } from './endpoint';
import { requestHeader } from './headers';
import { countRequest, type RateLimitClass } from './rate-limit';

/** Each scope and the scopes it includes. */
const implied: Record<Scope, Scope[]> = {
  read: ['read'],
  trade: ['trade', 'read'],
  admin: ['admin', 'trade', 'read'],
};

export function hasScope(principal: Principal, needed: Scope): boolean {
  return principal.scopes.some((scope) => implied[scope].includes(needed));
}

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/;

/** At most this many presented keys are remembered; the oldest answer is dropped first. */
const CACHE_LIMIT = 1_000;

interface CacheEntry {
  principal: Principal | null;
  until: number;
}

/**
 * Turns a bearer secret into the key's principal. Resolving costs a hash and a database round trip,
 * so answers are cached briefly, keyed by the presented `Authorization` value (held in memory only,
 * never logged): revocation clears this server's cache at once, other replicas see it within
 * `cacheMs`. `lastUsedAt` is written at most once a minute per key, to keep writes off the hot path.
 */
export class KeyResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cacheMs = 5_000,
    private readonly touchMs = 60_000,
  ) {}

  /**
   * The principal for this `Authorization` value when the answer is cached and nothing needs
   * writing, without hashing or awaiting; `undefined` means: call `resolve()`.
   */
  cached(header: string | undefined, now = Date.now()): Principal | undefined {
    if (!header) return undefined;
    const entry = this.cache.get(header);
    if (!entry?.principal || entry.until < now) return undefined;
    const touched = this.lastTouched.get(entry.principal.id) ?? 0;
    return now - touched > this.touchMs ? undefined : entry.principal;
  }

  async resolve(header: string | undefined): Promise<Principal> {
    if (!header) throw new ApiError(401, 'unauthorized', 'Send an API key as `Authorization: Bearer <key>`.');
    const now = Date.now();
    let entry = this.cache.get(header);
    if (!entry || entry.until < now) {
      const match = BEARER.exec(header);
      if (!match?.[1])
        throw new ApiError(401, 'unauthorized', 'The Authorization header must be `Bearer <key>`.');
      const row = await findActiveKeyByHash(this.db, hashKey(match[1]));
      const principal = row ? { id: row.id, name: row.name, scopes: row.scopes as Scope[] } : null;
      entry = { principal, until: now + this.cacheMs };
      this.cache.delete(header);
      if (this.cache.size >= CACHE_LIMIT) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
      this.cache.set(header, entry);
    }
    if (!entry.principal) throw new ApiError(401, 'unauthorized', 'Unknown or revoked API key.');
    const touched = this.lastTouched.get(entry.principal.id) ?? 0;
    if (now - touched > this.touchMs) {
      this.lastTouched.set(entry.principal.id, now);
      await touchKey(this.db, entry.principal.id, this.clock.now());
    }
    return entry.principal;
  }

  forget(): void {
    this.cache.clear();
  }
}

/**
 * The access rule of a route that needs an API key: `Authorization: Bearer <key>` with the given
 * scope (401 for a missing, unknown or revoked key, 403 for a key without the scope), then the
 * request is counted against the key's rate limit for `kind` (see `countRequest`). Wraps the route's
 * steps into its single handler (see `serveRequest`):
 *
 * @example
 * const read = guard('read');
 * new Hono<AppEnv>().get('/', read((c) => c.json(...)));
 */
export function guard(scope: Scope, kind: RateLimitClass = 'default') {
  const admit = (c: Context<AppEnv>, principal: Principal, steps: Readonly<Steps>) => {
    if (!hasScope(principal, scope)) {
      throw new ApiError(403, 'forbidden', `This operation needs an API key with the '${scope}' scope.`);
    }
    countRequest(c, principal.id, kind);
    return runSteps(c, steps);
  };
  // A cached key is checked without awaiting, so the request takes no promise of its own.
  const authorize = (c: Context<AppEnv>, steps: Readonly<Steps>) => {
    const header = requestHeader(c, 'authorization');
    const keys = c.env.services.keys;
    const principal = keys.cached(header);
    if (!principal) {
      return keys.resolve(header).then((resolved) => {
        c.set('principal', resolved);
        return admit(c, resolved, steps);
      });
    }
    c.set('principal', principal);
    return admit(c, principal, steps);
  };
  const wrap: RouteWrapper =
    (...steps) =>
    (c) =>
      serveRequest(c, () => authorize(c, steps));
  return wrap;
}
