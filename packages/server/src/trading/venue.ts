import type { Ledger, MarketView, Order, Venue, VenueReport } from '@sigmax/engine';

/** What the trading service hands a venue with an order: the market it was checked against. */
export interface PlaceContext {
  /** The book and last price the order was validated on (the paper venue matches against it). */
  view: MarketView;
}

/**
 * The engine's {@link Venue} port, plus what an in-process venue (the paper exchange) can do beyond
 * it. Every extra is optional: a venue at a real exchange implements the port alone, and a venue
 * class written for the port is a valid `TradingVenue` as it is.
 */
export interface TradingVenue extends Venue {
  place(order: Order, context?: PlaceContext): Promise<VenueReport>;
  /**
   * Takes the account's ledger and its working orders (at start, and after a failed write): a venue
   * that has it books every fill, lock and release in that ledger itself.
   */
  load?(ledger: Ledger, workingOrders: readonly Order[]): void;
  /**
   * Checks that the account can pay for `order`, changing nothing; throws what a refusal would
   * (`InsufficientFundsError`, `OrderValidationError`). Runs before the order is stored.
   */
  preflight?(order: Order, context: PlaceContext): void;
  /** Replaces a resting order by `next` at once: both happen or neither does. */
  replace?(old: Order, next: Order, context: PlaceContext): Promise<{ old: VenueReport; next: VenueReport }>;
  /** Shows the venue what the market traded; returns a report per order that changed. */
  onMarket?(symbol: string, view: MarketView): VenueReport[];
  /** Symbols with orders resting at the venue (they need market updates). */
  restingSymbols?(): string[];
  /** Lets go of connections when the server stops. */
  close?(): Promise<void>;
}
