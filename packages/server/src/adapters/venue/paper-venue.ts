import {
  type Balance,
  type Clock,
  Decimal,
  Ledger,
  type MarketView,
  matchIncomingOrder,
  type NewOrder,
  type Order,
  OrderNotFoundError,
  OrderValidationError,
  orderReservation,
  type PaperConfig,
  PaperExchange,
  parseSymbol,
  transition,
  type VenueReport,
} from '@sigmax/engine';
import type { PlaceContext, TradingVenue } from '../../trading/venue';

export interface PaperVenueOptions {
  clock: Clock;
  /** Fees, slippage, fill-on-touch. */
  config?: PaperConfig;
  /** The current view of a market, for a `place()` called without one. */
  marketView: (symbol: string) => Promise<MarketView>;
}

/**
 * The paper exchange behind the {@link TradingVenue} port, in process: orders match against the
 * market views the trading service hands over (books modelled from candles in replay, real books
 * from ccxt), resting orders fill when `onMarket` shows a candle crossing them, and every fill, lock
 * and release is booked in the account's ledger, which the service persists after each step.
 */
export class PaperVenue implements TradingVenue {
  readonly id = 'paper';
  private exchange: PaperExchange;

  constructor(private readonly options: PaperVenueOptions) {
    this.exchange = this.newExchange(new Ledger());
  }

  /** The account's ledger (the one handed to {@link load}). */
  get ledger(): Ledger {
    return this.exchange.ledger;
  }

  load(ledger: Ledger, workingOrders: readonly Order[]): void {
    this.exchange = this.newExchange(ledger);
    this.exchange.restore(workingOrders);
  }

  preflight(order: Order, context: PlaceContext): void {
    const ledger = this.exchange.ledger;
    const { base, quote } = parseSymbol(order.symbol);
    if (quote !== ledger.quoteAsset) {
      throw new OrderValidationError(
        'symbol',
        `${order.symbol} is not quoted in ${ledger.quoteAsset}, the account's currency`,
      );
    }
    const settings = this.exchange.settings;
    if (order.side === 'sell') {
      ledger.requireAvailable(base, order.quantity);
    } else if (order.type === 'limit') {
      ledger.requireAvailable(quote, orderReservation(order, settings).amount);
    } else {
      // A market buy pays whatever its fills cost: match it on a copy of the book to know.
      const { fills } = matchIncomingOrder(order, context.view, settings, this.options.clock.now());
      let cost = Decimal.ZERO;
      for (const fill of fills) cost = cost.add(fill.notional).add(fill.fee);
      ledger.requireAvailable(quote, cost);
    }
  }

  async place(order: Order, context?: PlaceContext): Promise<VenueReport> {
    const view = context?.view ?? (await this.options.marketView(order.symbol));
    const { order: placed, fills, transitions } = this.exchange.submit(request(order), view);
    return { order: placed, fills, transitions };
  }

  async cancel(order: Order): Promise<VenueReport> {
    const { order: canceled, fills, transitions } = this.exchange.cancel(order);
    return { order: canceled, fills, transitions };
  }

  /**
   * Where an order stands: the resting order as the exchange holds it, else the order unchanged (as
   * the port says for an order the venue does not have). The paper exchange lives in the server's
   * process, so a `pending_new` order it does not hold after a restart never reached it.
   */
  async refresh(order: Order): Promise<VenueReport> {
    const open = this.exchange.openOrder(order.id);
    return { order: open ?? order, fills: [], transitions: [] };
  }

  async balances(): Promise<Balance[]> {
    return this.exchange.ledger.balances();
  }

  async replace(
    old: Order,
    next: Order,
    context: PlaceContext,
  ): Promise<{ old: VenueReport; next: VenueReport }> {
    const exchange = this.exchange;
    const resting = exchange.openOrder(old.id);
    if (!resting) throw new OrderNotFoundError(old.id);
    try {
      // The ledger undoes its own changes if the new order is refused; the exchange gets the old
      // order back below.
      return exchange.ledger.transaction(() => {
        exchange.cancel(resting, `replaced by ${next.id}`);
        const replaced = transition(resting, 'replaced', {
          reason: `replaced by ${next.id}`,
          at: this.options.clock.now(),
        });
        const placed = exchange.submit(request(next), context.view);
        if (placed.order.status === 'rejected') {
          // A post-only replacement that would take: refuse the replace, keep the resting order.
          throw new OrderValidationError(
            'price',
            `${placed.order.statusReason ?? 'the new order was rejected'}; the order was left as it was`,
          );
        }
        return {
          old: { order: replaced.order, fills: [], transitions: [replaced.transition] },
          next: { order: placed.order, fills: placed.fills, transitions: placed.transitions },
        };
      });
    } catch (error) {
      exchange.restore([resting]);
      throw error;
    }
  }

  onMarket(symbol: string, view: MarketView): VenueReport[] {
    return this.exchange
      .onMarket(symbol, view)
      .map(({ order, fills, transitions }) => ({ order, fills, transitions }));
  }

  restingSymbols(): string[] {
    return [...new Set(this.exchange.openOrders().map((order) => order.symbol))];
  }

  private newExchange(ledger: Ledger): PaperExchange {
    return new PaperExchange({
      clock: this.options.clock,
      ledger,
      ...(this.options.config ? { config: this.options.config } : {}),
    });
  }
}

/** The request that makes the paper exchange create this very order. */
function request(order: Order): NewOrder {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    quantity: order.quantity,
    ...(order.limitPrice ? { limitPrice: order.limitPrice } : {}),
  };
}
