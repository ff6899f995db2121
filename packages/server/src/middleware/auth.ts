import type { Clock } from '@sigmax/engine';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/database';
import { findActiveKeyByHash, hashKey, touchKey } from '../db/queries/api-keys';
import type { AppEnv, Principal, Scope } from '../env';
import { ApiError } from '../problem';

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

/**
 * Turns a bearer secret into the key's principal. Resolving costs a database round trip, so answers
 * are cached briefly: revocation clears this server's cache at once, other replicas see it within
 * `cacheMs`. `lastUsedAt` is written at most once a minute per key, to keep writes off the hot path.
 */
export class KeyResolver {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cacheMs = 5_000,
    private readonly touchMs = 60_000,
  ) {}

  async resolve(header: string | undefined): Promise<Principal> {
    if (!header) throw new ApiError(401, 'unauthorized', 'Send an API key as `Authorization: Bearer <key>`.');
    const match = BEARER.exec(header);
    if (!match?.[1])
      throw new ApiError(401, 'unauthorized', 'The Authorization header must be `Bearer <key>`.');
    const hash = hashKey(match[1]);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.until < now) {
      const row = await findActiveKeyByHash(this.db, hash);
      const principal = row ? { id: row.id, name: row.name, scopes: row.scopes as Scope[] } : null;
      entry = { principal, until: now + this.cacheMs };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
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
 * Requires `Authorization: Bearer <key>` with the given scope: 401 for a missing, unknown or revoked
 * key, 403 for a key without the scope.
 */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    let principal = c.get('principal') as Principal | undefined;
    if (!principal) {
      principal = await c.get('services').keys.resolve(c.req.header('authorization'));
      c.set('principal', principal);
    }
    if (!hasScope(principal, scope)) {
      throw new ApiError(403, 'forbidden', `This operation needs an API key with the '${scope}' scope.`);
    }
    await next();
  });
}
