import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import { path } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { ApiKey, ApiKeyCreated, ApiKeyCreateParams, ApiKeyListParams } from '../types';

/**
 * API keys and their scopes. Every operation needs a key with the `admin` scope.
 *
 * @example
 * ```ts
 * const { key } = await sigmax.apiKeys.create({ name: 'dashboard', scopes: ['read'] });
 * for await (const apiKey of sigmax.apiKeys.list()) console.log(apiKey.prefix, apiKey.scopes);
 * ```
 */
export class ApiKeys {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Creates a key. Its secret `key` is in this response only: store it now. Retries reuse one
   * `Idempotency-Key`, so a retried create never makes two keys.
   *
   * @example
   * ```ts
   * const created = await sigmax.apiKeys.create({ name: 'ci', scopes: ['trade'] });
   * console.log(created.id, created.key);
   * ```
   */
  create(body: ApiKeyCreateParams, options?: RequestOptions): APIPromise<ApiKeyCreated> {
    return this.#http.post('/v1/api-keys', body, options);
  }

  /**
   * Lists keys, oldest first. `await` it for one page, or `for await` it for every key.
   *
   * @example
   * ```ts
   * for await (const apiKey of sigmax.apiKeys.list({ includeRevoked: true })) console.log(apiKey.id);
   * ```
   */
  list(params: ApiKeyListParams = {}, options?: RequestOptions): PagePromise<ApiKey> {
    return this.#http.getPage('/v1/api-keys', params, options);
  }

  /**
   * Gets one key by id.
   *
   * @example
   * ```ts
   * const apiKey = await sigmax.apiKeys.get('key_01JD2ZB9M4ZQ5V5T4W8K6C2N3P');
   * ```
   */
  get(id: string, options?: RequestOptions): APIPromise<ApiKey> {
    return this.#http.get(() => path`/v1/api-keys/${id}`, options);
  }

  /**
   * Revokes a key at once; revoking a revoked key returns it unchanged. The last active admin key
   * cannot be revoked (`LastAdminKeyError`).
   *
   * @example
   * ```ts
   * const revoked = await sigmax.apiKeys.revoke(apiKey.id);
   * console.log(revoked.revokedAt);
   * ```
   */
  revoke(id: string, options?: RequestOptions): APIPromise<ApiKey> {
    return this.#http.delete(() => path`/v1/api-keys/${id}`, options);
  }
}
