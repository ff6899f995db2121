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
  /**
   * Sends a `pending_new` order. A live venue also takes an `unknown` order (an earlier `place` got no
   * answer): it looks the order up by `clientOrderId` first and sends it only if the venue does not have it.
   */
  place(order: Order): Promise<VenueReport>;
  /** Cancels an open order; a venue that filled it meanwhile reports the fills instead. */
  cancel(order: Order): Promise<VenueReport>;
  /**
   * Asks the venue where an order stands, by its `clientOrderId`: reconciliation after `unknown`, and after
   * a restart for orders still `pending_new` (the process may have died after sending them).
   *
   * When the venue has no such order, the order never arrived: the report has no `venueOrderId`, no fills
   * and no transitions, and the order comes back `pending_new` — unchanged, or, for an `unknown` order
   * (an ambiguous `place`), set back to `pending_new` without a transition record, since it never left
   * that status at the venue. The caller may then `place` it again, once, with the same `clientOrderId`,
   * or give it up. A failure to ask (the venue unreachable) rejects with a {@link VenueError}: it never
   * means "not placed".
   */
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
