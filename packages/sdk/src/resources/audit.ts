import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { components, operations } from '../generated/openapi';

/**
 * One entry of the audit log: who (`actor`) did what (`action`) to what (`target`), chained to the
 * entry before by `prevHash`. `hash` is SHA-256 of `prevHash` and the entry's canonical JSON.
 */
export type AuditEntry = Omit<components['schemas']['AuditEntry'], 'details'> & {
  details: Record<string, unknown>;
};
/** `GET /v1/audit`: a page of entries, newest first. */
export type AuditList = components['schemas']['AuditList'];
/** Query of `GET /v1/audit`: `action` is exact, or a prefix ending in `.*` (`order.*`). */
export type AuditListParams = NonNullable<operations['audit.list']['parameters']['query']>;
/** `GET /v1/audit/verify`: whether the hash chain holds, and where it breaks first. */
export type AuditVerification = components['schemas']['AuditVerification'];

/**
 * The tamper-evident audit log. Every operation needs a key with the `admin` scope.
 *
 * @example
 * ```ts
 * for await (const entry of sigmax.audit.list({ action: 'order.*' })) console.log(entry.seq, entry.action);
 * const { valid, problem } = await sigmax.audit.verify();
 * ```
 */
export class Audit {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Lists entries, newest first. `await` it for one page, or `for await` it for every entry.
   *
   * @example
   * ```ts
   * const page = await sigmax.audit.list({ action: 'api_key.*', limit: 20 });
   * console.log(page.data.map((entry) => `${entry.action} ${entry.target}`));
   * ```
   */
  list(params: AuditListParams = {}, options?: RequestOptions): PagePromise<AuditEntry> {
    return this.#http.getPage('/v1/audit', params, options);
  }

  /**
   * Recomputes every entry's hash in order and reports the first entry that was edited, or where one
   * is missing. Keep `headHash` somewhere else too: a log cut short, or rewritten with fresh hashes,
   * is caught by comparing it.
   *
   * @example
   * ```ts
   * const check = await sigmax.audit.verify();
   * if (!check.valid) console.error(`audit log broken at ${check.firstInvalidSeq}: ${check.problem}`);
   * ```
   */
  verify(options?: RequestOptions): APIPromise<AuditVerification> {
    return this.#http.get('/v1/audit/verify', options);
  }
}
