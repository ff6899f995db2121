import { OrderStateError } from './errors';
import type { Order, OrderStatus } from './order';

/**
 * Which status may follow which. Terminal statuses (`filled`, `canceled`, `expired`, `rejected`,
 * `denied`, `replaced`) lead nowhere. A status never transitions to itself: a second partial fill
 * changes the order's quantities, not its status.
 *
 * - `pending_new` → accepted (`open`), filled at once (`partially_filled`, `filled`), refused
 *   (`rejected` by the venue, `denied` by our own checks), or ended (`canceled` — IOC with nothing
 *   to take —, `expired` — FOK that could not fill in full), or `unknown`;
 * - `pending_cancel` → `open`/`partially_filled` again when the venue refuses the cancel, or a fill
 *   that raced the cancel (`filled`);
 * - `unknown` → whatever reconciliation with the venue finds.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  pending_new: ['open', 'partially_filled', 'filled', 'canceled', 'expired', 'rejected', 'denied', 'unknown'],
  open: ['partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired', 'replaced', 'unknown'],
  partially_filled: ['filled', 'pending_cancel', 'canceled', 'expired', 'replaced', 'unknown'],
  pending_cancel: ['open', 'partially_filled', 'filled', 'canceled', 'expired', 'unknown'],
  unknown: [
    'open',
    'partially_filled',
    'filled',
    'pending_cancel',
    'canceled',
    'expired',
    'rejected',
    'replaced',
  ],
  filled: [],
  canceled: [],
  expired: [],
  rejected: [],
  denied: [],
  replaced: [],
});

/** Statuses from which an order can never move again. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = Object.freeze(
  (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter(
    (status) => ORDER_TRANSITIONS[status].length === 0,
  ),
);

/** One status change, as it should be stored in the order's history. */
export interface OrderTransition {
  readonly orderId: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly reason: string;
  readonly at: Date;
}

/** `true` when `from → to` is in {@link ORDER_TRANSITIONS}. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** `true` for `filled`, `canceled`, `expired`, `rejected`, `denied` and `replaced`. */
export function isTerminal(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

/** `true` while the order is working (on the book or on its way): a cancel makes sense. */
export function isCancelable(status: OrderStatus): boolean {
  return canTransition(status, 'canceled');
}

/**
 * Moves an order to `to`, returning the new order and the record to store.
 * @throws {OrderStateError} `order_not_cancelable` when `to` is `canceled`/`pending_cancel` and the
 * order is past canceling (filled, canceled...), `illegal_order_transition` for any other move the
 * table does not allow. Both map to HTTP 409.
 * @example
 * const { order: canceled, transition: record } = transition(order, 'canceled', { reason: 'user request', at });
 */
export function transition(
  order: Order,
  to: OrderStatus,
  details: { reason: string; at: Date },
): { order: Order; transition: OrderTransition } {
  const from = order.status;
  if (!canTransition(from, to)) {
    const canceling = to === 'canceled' || to === 'pending_cancel';
    throw new OrderStateError(
      canceling ? 'order_not_cancelable' : 'illegal_order_transition',
      canceling
        ? `order ${order.id} is ${from} and can no longer be canceled`
        : `order ${order.id} cannot go from ${from} to ${to}`,
      order.id,
      from,
      to,
    );
  }
  return {
    order: { ...order, status: to, statusReason: details.reason, updatedAt: details.at },
    transition: { orderId: order.id, from, to, reason: details.reason, at: details.at },
  };
}

/**
 * Cancels a working order at once (what a paper venue does; a live venue goes through
 * `pending_cancel` first).
 * @throws {OrderStateError} `order_not_cancelable` for an order that is filled or otherwise over.
 */
export function cancelOrder(
  order: Order,
  details: { reason: string; at: Date },
): { order: Order; transition: OrderTransition } {
  return transition(order, 'canceled', details);
}
