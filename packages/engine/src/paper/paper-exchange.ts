import type { Clock } from '../clock';
import { Decimal } from '../decimal';
import { InsufficientFundsError, LedgerError } from '../ledger/errors';
import { Ledger, type LedgerEntry, type LedgerOptions, orderReservation } from '../ledger/ledger';
import { OrderNotFoundError, OrderStateError } from '../orders/errors';
import {
  createOrder,
  type InstrumentRules,
  type Order,
  type OrderRequest,
  parseSymbol,
} from '../orders/order';
import { cancelOrder, isTerminal } from '../orders/state-machine';
import { type PaperConfig, type PaperSettings, paperSettings } from './config';
import type { MarketView } from './market-view';
import { type MatchResult, matchIncomingOrder, matchRestingOrder, restingLiquidity } from './matching';
import { PAPER_REASONS } from './reasons';

export interface PaperExchangeOptions {
  /** Where every timestamp comes from. */
  clock: Clock;
  /** The account to trade; a new ledger is built from options. @default new Ledger() (empty, USDT) */
  ledger?: Ledger | LedgerOptions;
  config?: PaperConfig;
  /** Tick, lot and minimum sizes per symbol, checked when an order is submitted. */
  rules?: Readonly<Record<string, InstrumentRules>>;
  /** Ids for orders submitted without one. @default 'paper-1', 'paper-2', ... */
  nextOrderId?: () => string;
}

/** An order request; the id may be left to the exchange. */
export type NewOrder = Omit<OrderRequest, 'id'> & { id?: string };

/** Everything one exchange step changed, in the order it happened: persist all of it. */
export interface ExchangeUpdate extends MatchResult {
  readonly ledgerEntries: readonly LedgerEntry[];
}

/**
 * A paper venue: matches orders against market views handed to it, keeps the resting ones, and books
 * every fill, lock and release in its {@link Ledger}. Time comes from the injected clock, so a
 * backtest and a live paper session run the same code. Deterministic: the same calls with the same
 * clock readings give the same results.
 *
 * @example
 * const exchange = new PaperExchange({ clock, ledger: { balances: { USDT: '10000' } } });
 * const book = marketView({ bids: [['64990', '2']], asks: [['65010', '1.5']], last: '65000' });
 * const { order, fills } = exchange.submit({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: '0.1' }, book);
 */
export class PaperExchange {
  readonly ledger: Ledger;
  readonly settings: PaperSettings;
  private readonly clock: Clock;
  private readonly rules: Readonly<Record<string, InstrumentRules>>;
  private readonly nextOrderId: () => string;
  /** Resting orders per symbol, in arrival order (time priority). */
  private readonly resting = new Map<string, Map<string, Order>>();
  private readonly openById = new Map<string, Order>();

  constructor(options: PaperExchangeOptions) {
    this.clock = options.clock;
    this.ledger = options.ledger instanceof Ledger ? options.ledger : new Ledger(options.ledger);
    this.settings = paperSettings(options.config);
    this.rules = options.rules ?? {};
    let sequence = 0;
    this.nextOrderId = options.nextOrderId ?? (() => `paper-${++sequence}`);
  }

  /**
   * Accepts an order and matches it against `market` (the current view of its symbol). Funds are
   * checked first — a sell needs its base free, a limit buy its reservation, a market buy the cost of
   * its fills plus fees — so a refused order changes nothing. Resting orders lock their funds.
   * @throws {OrderValidationError} for a malformed request; {@link InsufficientFundsError};
   * {@link LedgerError} `unsupported_symbol`; {@link OrderStateError} `duplicate_order` for the id
   * of an order that is still open.
   */
  submit(request: NewOrder, market: MarketView): ExchangeUpdate {
    const at = this.clock.now();
    const order = createOrder(
      request.id === undefined ? { ...request, id: this.nextOrderId() } : (request as OrderRequest),
      {
        at,
        rules: this.rules[request.symbol],
      },
    );
    const { base, quote } = parseSymbol(order.symbol);
    if (quote !== this.ledger.quoteAsset) {
      throw new LedgerError(
        'unsupported_symbol',
        `${order.symbol} is not quoted in ${this.ledger.quoteAsset}`,
      );
    }
    if (this.openById.has(order.id)) {
      throw new OrderStateError(
        'duplicate_order',
        `order ${order.id} is already open`,
        order.id,
        'open',
        'pending_new',
      );
    }
    // In margin mode a sell may open or grow a short, so it needs no base.
    if (order.side === 'sell') {
      if (!this.ledger.margin) this.ledger.requireAvailable(base, order.quantity);
    } else if (order.type === 'limit')
      this.ledger.requireAvailable(quote, orderReservation(order, this.settings).amount);

    const result = matchIncomingOrder(order, market, this.settings, at);
    const covering =
      this.ledger.margin && (this.ledger.position(order.symbol)?.quantity.isNegative() ?? false);
    if (order.side === 'buy' && order.type === 'market' && !covering) {
      let cost = Decimal.ZERO;
      for (const fill of result.fills) cost = cost.add(fill.notional).add(fill.fee);
      this.ledger.requireAvailable(quote, cost);
    }
    const ledgerEntries = this.ledger.transaction(() => {
      const entries: LedgerEntry[] = [];
      for (const fill of result.fills) entries.push(...this.ledger.applyFill(fill));
      if (!isTerminal(result.order.status)) {
        const reservation = orderReservation(result.order, this.settings);
        entries.push(...this.ledger.lock(order.id, reservation.asset, reservation.amount, at));
      }
      return entries;
    });
    this.track(result.order);
    return { ...result, ledgerEntries };
  }

  /**
   * Shows the venue a new view of `symbol`: resting orders the market crossed fill at their limit
   * price as makers, best price first, then oldest first, sharing the liquidity of the view. Returns
   * one update per order that changed.
   */
  onMarket(symbol: string, market: MarketView): ExchangeUpdate[] {
    const book = this.resting.get(symbol);
    if (!book || book.size === 0) return [];
    const at = this.clock.now();
    const buys: Order[] = [];
    const sells: Order[] = [];
    const settings = this.settings;
    for (const order of book.values()) {
      const limit = order.limitPrice as Decimal;
      if (restingLiquidity(order.side, limit, market, settings).isZero()) continue;
      (order.side === 'buy' ? buys : sells).push(order);
    }
    if (buys.length === 0 && sells.length === 0) return [];
    // Array#sort is stable, so equal prices keep arrival order.
    buys.sort((a, b) => (b.limitPrice as Decimal).cmp(a.limitPrice as Decimal));
    sells.sort((a, b) => (a.limitPrice as Decimal).cmp(b.limitPrice as Decimal));
    const updates: ExchangeUpdate[] = [];
    for (const side of [buys, sells]) {
      let consumed = Decimal.ZERO;
      for (const order of side) {
        const update = this.fillResting(order, market, at, consumed);
        if (!update) continue;
        for (const fill of update.fills) consumed = consumed.add(fill.quantity);
        updates.push(update);
      }
    }
    return updates;
  }

  /**
   * Cancels a resting order and releases its funds. Give the order itself when you have it (the
   * server loads it from storage): an order that is already over is then refused with the right
   * status; a bare id the venue does not hold open can only be answered "not found".
   * @throws {OrderStateError} `order_not_cancelable` for an order that already filled, expired or was
   * canceled; {@link OrderNotFoundError} for an id with no open order here.
   */
  cancel(order: Order | string, reason: string = PAPER_REASONS.canceledByUser): ExchangeUpdate {
    const orderId = typeof order === 'string' ? order : order.id;
    const open = this.openById.get(orderId);
    const at = this.clock.now();
    if (!open) {
      // Let the state machine refuse an order that is over (order_not_cancelable, 409).
      if (typeof order !== 'string' && isTerminal(order.status)) cancelOrder(order, { reason, at });
      throw new OrderNotFoundError(orderId);
    }
    const canceled = cancelOrder(open, { reason, at });
    const ledgerEntries = this.ledger.release(orderId, at);
    this.track(canceled.order);
    return { order: canceled.order, fills: [], transitions: [canceled.transition], ledgerEntries };
  }

  /** Resting orders, oldest first, of one symbol or all. */
  openOrders(symbol?: string): Order[] {
    if (symbol !== undefined) return [...(this.resting.get(symbol)?.values() ?? [])];
    return [...this.openById.values()];
  }

  /** A resting order by id. */
  openOrder(orderId: string): Order | undefined {
    return this.openById.get(orderId);
  }

  /**
   * Puts resting orders back after a restart (their reservations come back with the ledger, see
   * {@link Ledger.fromSnapshot}). Orders that cannot rest are ignored.
   */
  restore(orders: Iterable<Order>): void {
    for (const order of orders) {
      if (order.type === 'limit' && (order.status === 'open' || order.status === 'partially_filled'))
        this.track(order);
    }
  }

  private fillResting(
    order: Order,
    market: MarketView,
    at: Date,
    consumed: Decimal,
  ): ExchangeUpdate | undefined {
    const result = matchRestingOrder(order, market, this.settings, at, consumed);
    if (result.fills.length === 0) return undefined;
    try {
      const ledgerEntries = this.ledger.transaction(() => {
        const entries: LedgerEntry[] = [];
        for (const fill of result.fills) entries.push(...this.ledger.applyFill(fill));
        if (isTerminal(result.order.status)) entries.push(...this.ledger.release(order.id, at));
        return entries;
      });
      this.track(result.order);
      return { ...result, ledgerEntries };
    } catch (error) {
      // Only rounding dust beyond the reservation can get here (the reservation covers the limit
      // price and the highest fee rate); an account that cannot pay even that loses the order.
      if (!(error instanceof InsufficientFundsError)) throw error;
      return this.cancel(order.id, PAPER_REASONS.insufficientFunds);
    }
  }

  private track(order: Order): void {
    if (isTerminal(order.status)) {
      this.openById.delete(order.id);
      this.resting.get(order.symbol)?.delete(order.id);
      return;
    }
    this.openById.set(order.id, order);
    let book = this.resting.get(order.symbol);
    if (!book) {
      book = new Map();
      this.resting.set(order.symbol, book);
    }
    book.set(order.id, order);
  }
}
