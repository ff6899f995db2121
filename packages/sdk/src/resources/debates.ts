import type { PagePromise } from '../core/pagination';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { Debate, DebateListParams } from '../types';

/**
 * The bull/bear debates of past analyses: each turn with its argument, strength and evidence, and the
 * judge's verdict. Needs the `read` scope.
 *
 * @example
 * ```ts
 * for await (const debate of sigmax.debates.list({ symbol: 'BTC/USDT' })) {
 *   console.log(debate.analysisId, debate.verdict.action, debate.turns.length);
 * }
 * ```
 */
export class Debates {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Lists debates, newest first. `await` it for one page, or `for await` it for every one.
   *
   * @example
   * ```ts
   * const { data } = await sigmax.debates.list({ symbol: 'ETH/USDT', limit: 5 });
   * ```
   */
  list(params: DebateListParams = {}, options?: RequestOptions): PagePromise<Debate> {
    return this.#http.getPage('/v1/debates', params, options);
  }
}
