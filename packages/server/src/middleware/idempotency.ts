import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  releaseIdempotencyKey,
} from '../db/queries/idempotency';
import type { AppEnv } from '../env';
import { ApiError } from '../problem';

/** Response headers worth replaying. */
const REPLAYED_HEADERS = ['location'];

export interface IdempotencyOptions {
  /**
   * The response holds a secret that must not be stored: a replay then answers 409 naming the
   * resource instead of repeating the secret.
   */
  sensitive?: { idField: string };
}

/**
 * Makes a creating POST safe to retry with an `Idempotency-Key` header, per API key: the first
 * successful response is stored and replayed for the same key and body; the same key with another
 * body is 422; a duplicate arriving while the first is in flight is 409. Failed requests are not
 * stored, so a corrected retry may reuse the key.
 */
export function idempotent(options: IdempotencyOptions = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (key.length < 1 || key.length > 255) {
      throw new ApiError(422, 'validation_failed', 'Idempotency-Key must be 1 to 255 characters.', {
        errors: [{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 characters' }],
      });
    }
    const { database, clock } = c.env.services;
    const db = database.db;
    const apiKeyId = c.get('principal').id;
    const body = await c.req.text();
    const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${body}`).digest('hex');

    const claimed = await claimIdempotencyKey(db, {
      apiKeyId,
      key,
      method: c.req.method,
      path: c.req.path,
      requestHash,
      now: clock.now(),
    });
    if (!claimed) {
      const existing = await findIdempotencyKey(db, apiKeyId, key);
      if (!existing)
        throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is in progress; retry.');
      if (existing.requestHash !== requestHash) {
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different request; use a new key for a new request.',
        );
      }
      if (existing.status === null) {
        throw new ApiError(409, 'conflict', 'A request with this Idempotency-Key is in progress; retry.');
      }
      if (options.sensitive) {
        const id = (existing.responseBody as Record<string, unknown> | null)?.[options.sensitive.idField];
        throw new ApiError(
          409,
          'conflict',
          `This request already succeeded with this Idempotency-Key (id ${String(id)}); its secret was shown once and is not stored.`,
        );
      }
      return c.json(existing.responseBody as object, existing.status as 200, {
        ...(existing.responseHeaders ?? {}),
        'Idempotent-Replayed': 'true',
      });
    }

    try {
      await next();
    } catch (error) {
      await releaseIdempotencyKey(db, apiKeyId, key);
      throw error;
    }
    const status = c.res.status;
    if (status < 200 || status >= 300) {
      await releaseIdempotencyKey(db, apiKeyId, key);
      return;
    }
    const responseBody = (await c.res.clone().json()) as Record<string, unknown>;
    const stored = options.sensitive
      ? { [options.sensitive.idField]: responseBody[options.sensitive.idField] }
      : responseBody;
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = c.res.headers.get(name);
      if (value) headers[name] = value;
    }
    await completeIdempotencyKey(db, apiKeyId, key, { status, body: stored, headers });
  });
}
