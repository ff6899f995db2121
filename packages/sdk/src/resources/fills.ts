import type { PagePromise } from '../core/pagination';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { Fill, FillListParams } from '../types';

/**
 * Fills (executions) of your orders. Needs the `read` scope.
 *
 * @example
 * ```ts
 * for await (const fill of sigmax.fills.list({ symbol: 'BTC/USDT' })) console.log(fill.price, fill.quantity);
 * ```
 */
export class Fills {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Lists fills, newest first. `await` it for one page, or `for await` it for every fill. A fill's
   * `fee` is negative for a maker rebate.
   *
   * @example
   * ```ts
   * const page = await sigmax.fills.list({ orderId: order.id });
   * console.log(page.data.map((fill) => `${fill.quantity} @ ${fill.price}`));
   * ```
   */
  list(params: FillListParams = {}, options?: RequestOptions): PagePromise<Fill> {
    return this.#http.getPage('/v1/fills', params, options);
  }
}
