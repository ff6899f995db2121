import type { APIPromise } from '../core/api-promise';
import { path, symbolSegment } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type { Order, PositionList } from '../types';

/**
 * Open positions, marked to the market. Reading needs the `read` scope, closing `trade`.
 *
 * @example
 * ```ts
 * for (const position of (await sigmax.positions.list()).data) {
 *   console.log(position.symbol, position.quantity, position.unrealizedPnl);
 * }
 * ```
 */
export class Positions {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Every open position, with its mark price, market value and profit and loss.
   *
   * @example
   * ```ts
   * const { data: positions } = await sigmax.positions.list();
   * ```
   */
  list(options?: RequestOptions): APIPromise<PositionList> {
    return this.#http.get('/v1/positions', options);
  }

  /**
   * Closes a position with a market sell of its free quantity (the market's open sell orders are
   * canceled first) and resolves with that order. Retries reuse one `Idempotency-Key`, so a retried
   * call never sells twice.
   *
   * @example
   * ```ts
   * const order = await sigmax.positions.close('BTC/USDT');
   * console.log(order.status, order.filledQuantity);
   * ```
   */
  close(symbol: string, options?: RequestOptions): APIPromise<Order> {
    return this.#http.post(() => path`/v1/positions/${symbolSegment(symbol)}/close`, undefined, options);
  }
}
