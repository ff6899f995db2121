import type { Balance } from './ledger/ledger';
import type { Fill, Order } from './orders/order';
import type { OrderTransition } from './orders/state-machine';

/** What a venue did with an order: the order as it now stands, its new fills and status changes. */
export interface VenueReport {
  readonly order: Order;
  /** Fills not reported before, oldest first. A fill's `tradeId` is stable, so storing one twice is detectable. */
  readonly fills: readonly Fill[];
  /** Status changes since the order was handed over, oldest first. */
  readonly transitions: readonly OrderTransition[];
  /** The venue's own id for the order, once it has one. */
  readonly venueOrderId?: string;
}

/**
 * Where orders go: the paper exchange, or a real exchange through ccxt. The trading service stores an
 * order as `pending_new` before it calls {@link Venue.place}, so a crash or a timeout never loses it,
 * and it finds orders again by their `clientOrderId`, so nothing is ever placed twice.
 *
 * Errors: a request the venue refused outright resolves with the order `rejected`; a failure after which
 * the venue may or may not have the order (a timeout, a dropped connection) resolves with the order
 * `unknown`, to be settled by {@link Venue.refresh}; a failure that certainly placed nothing rejects with
 * a {@link VenueError}.
 */
export interface Venue {
  /** `'paper'` or `'ccxt:<exchange id>'`. */
  readonly id: string;
  /** Sends a `pending_new` order. */
  place(order: Order): Promise<VenueReport>;
  /** Cancels an open order; a venue that filled it meanwhile reports the fills instead. */
  cancel(order: Order): Promise<VenueReport>;
  /** Asks the venue where an order stands, by its `clientOrderId` (reconciliation after `unknown`). */
  refresh(order: Order): Promise<VenueReport>;
  /** The account's balances at the venue. */
  balances(): Promise<Balance[]>;
}

/** Why a venue call failed without touching any order. */
export type VenueErrorCode =
  /** The venue cannot be reached or timed out before the request left (HTTP 503). */
  | 'exchange_unavailable'
  /** The venue rate-limited us (HTTP 429). */
  | 'rate_limited'
  /** The venue answered with an error (HTTP 502). */
  | 'exchange_error'
  /** The venue has no such order (HTTP 404). */
  | 'order_not_found'
  /** The account cannot pay for the order (HTTP 422). */
  | 'insufficient_funds';

/** A venue failure with a stable machine {@link code}. */
export class VenueError extends Error {
  override name = 'VenueError';

  constructor(
    readonly code: VenueErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
