import type { APIPromise } from '../core/api-promise';
import type { PagePromise } from '../core/pagination';
import { path } from '../core/path';
import type { HTTPClient, RequestOptions } from '../core/request';
import type {
  CancelAllResult,
  Order,
  OrderCancelAllParams,
  OrderCreateParams,
  OrderListParams,
  OrderReplaceParams,
  OrderTransitionList,
} from '../types';

/**
 * Orders on the paper exchange or the configured real one. Placing, replacing and canceling need the
 * `trade` scope; reading needs `read`. Prices and quantities are decimal strings: pass `'0.01'`, never
 * `0.01`.
 *
 * @example
 * ```ts
 * const order = await sigmax.orders.create({
 *   symbol: 'BTC/USDT',
 *   side: 'buy',
 *   type: 'limit',
 *   quantity: '0.01',
 *   price: '60000',
 * });
 * await sigmax.orders.cancel(order.id);
 * ```
 */
export class Orders {
  readonly #http: HTTPClient;

  /** @internal */
  constructor(http: HTTPClient) {
    this.#http = http;
  }

  /**
   * Places an order and resolves with it as the venue left it: a market order has filled (fully,
   * partly or not at all); a limit order has filled what crossed and rests the remainder. Retries
   * reuse one `Idempotency-Key`, so a retried call never places two orders. A `clientOrderId` that is
   * already taken throws `DuplicateClientOrderIdError`, whose `order` is the existing order.
   *
   * @example
   * ```ts
   * const order = await sigmax.orders.create({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.01' });
   * console.log(order.status, order.filledQuantity, order.averageFillPrice);
   * ```
   */
  create(body: OrderCreateParams, options?: RequestOptions): APIPromise<Order> {
    return this.#http.post('/v1/orders', body, options);
  }

  /**
   * Lists orders, newest first. `await` it for one page, or `for await` it for every order.
   * `status` takes one or more statuses, comma-separated; `open` also matches `partially_filled` and
   * `pending_new`.
   *
   * @example
   * ```ts
   * for await (const order of sigmax.orders.list({ symbol: 'BTC/USDT', status: 'open' })) console.log(order.id);
   * ```
   */
  list(params: OrderListParams = {}, options?: RequestOptions): PagePromise<Order> {
    return this.#http.getPage('/v1/orders', params, options);
  }

  /**
   * Gets one order by id.
   *
   * @example
   * ```ts
   * const order = await sigmax.orders.get('ord_01JD2ZB9M4ZQ5V5T4W8K6C2N3P');
   * ```
   */
  get(id: string, options?: RequestOptions): APIPromise<Order> {
    return this.#http.get(() => path`/v1/orders/${id}`, options);
  }

  /**
   * Cancels an open order; it keeps the fills it had. An order that can no longer be canceled throws
   * `OrderNotCancelableError`.
   *
   * @example
   * ```ts
   * const canceled = await sigmax.orders.cancel(order.id);
   * console.log(canceled.status, canceled.filledQuantity);
   * ```
   */
  cancel(id: string, options?: RequestOptions): APIPromise<Order> {
    return this.#http.delete(() => path`/v1/orders/${id}`, options);
  }

  /**
   * Cancels every open order of one market, or of all markets, and resolves with those orders.
   *
   * @example
   * ```ts
   * const { data: canceled } = await sigmax.orders.cancelAll({ symbol: 'BTC/USDT' });
   * ```
   */
  cancelAll(params: OrderCancelAllParams = {}, options?: RequestOptions): APIPromise<CancelAllResult> {
    return this.#http.delete('/v1/orders', options, { query: params });
  }

  /**
   * Replaces an open limit order: the old one ends `replaced`, and a new one with the same symbol,
   * side and type takes its place with the given changes. `quantity` is the new total, what already
   * filled included. Both happen or neither does. Resolves with the new order.
   *
   * @example
   * ```ts
   * const replacement = await sigmax.orders.replace(order.id, { price: '61000' });
   * console.log(replacement.replaces === order.id);
   * ```
   */
  replace(id: string, body: OrderReplaceParams, options?: RequestOptions): APIPromise<Order> {
    return this.#http.post(() => path`/v1/orders/${id}/replace`, body, options);
  }

  /**
   * Every status change of an order, oldest first.
   *
   * @example
   * ```ts
   * for (const { from, to, at } of (await sigmax.orders.transitions(order.id)).data) console.log(at, from, '→', to);
   * ```
   */
  transitions(id: string, options?: RequestOptions): APIPromise<OrderTransitionList> {
    return this.#http.get(() => path`/v1/orders/${id}/transitions`, options);
  }
}
