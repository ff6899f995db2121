import type { OrderStatus } from './order';

/** Stable machine codes of {@link OrderStateError}; the API answers them with 409. */
export type OrderStateErrorCode =
  | 'order_not_cancelable'
  | 'illegal_order_transition'
  | 'order_overfilled'
  | 'duplicate_order';

/**
 * An order was asked to do something its status does not allow: cancel a filled order, fill a
 * canceled one, fill more than was ordered.
 *
 * @example
 * try { cancelOrder(order, { reason: 'user', at }) } catch (error) {
 *   if (error instanceof OrderStateError && error.code === 'order_not_cancelable') { ... } // 409
 * }
 */
export class OrderStateError extends Error {
  override readonly name = 'OrderStateError';
  constructor(
    readonly code: OrderStateErrorCode,
    message: string,
    readonly orderId: string,
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(message);
  }
}

/**
 * An order request is malformed (a limit order without a price, a quantity off the lot grid...).
 * Raised before anything is created, so the API answers 422 and stores nothing.
 */
export class OrderValidationError extends Error {
  override readonly name = 'OrderValidationError';
  readonly code = 'invalid_order';
  constructor(
    /** The request field at fault (`quantity`, `limitPrice`, ...). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** No working order has this id (the API answers 404). */
export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
  readonly code = 'order_not_found';
  constructor(readonly orderId: string) {
    super(`no open order ${orderId}`);
  }
}
