import {
  type CandleClose,
  type Clock,
  createOrder,
  Decimal,
  type DecimalInput,
  type Fill,
  isCancelable,
  isTerminal,
  Ledger,
  LedgerError,
  type Order,
  type OrderRequest,
  OrderValidationError,
  parseSymbol,
  type Ticker,
  transition,
  type VenueReport,
} from '@sigmax/engine';
import type { Db } from '../db/database';
import { insertEquityPointQuery } from '../db/queries/equity';
import { createTradingAccount, findTradingAccount, listBalances, listPositions } from '../db/queries/ledger';
import {
  deletePendingOrder,
  findOrder,
  findOrderByClientId,
  insertOrder,
  listUnsettledOrders,
  type OrderRecord,
  type TransitionRecord,
  toOrderRecord,
} from '../db/queries/orders';
import { writeStep } from '../db/queries/steps';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { ApiError } from '../problem';
import { equityPoint, fillBody, orderBody, portfolioBody, transitionBody, valueAccount } from './bodies';
import { CandleWatch } from './candle-watch';
import type { MarketQuote, MarketViews } from './market-views';
import { SerialQueue } from './serial-queue';
import type { TradingVenue } from './venue';

type Schemas = components['schemas'];

/** What `POST /v1/orders` asks for. */
export type OrderInput = Schemas['OrderCreate'];
/** What `POST /v1/orders/{id}/replace` asks for. */
export type ReplaceInput = Schemas['OrderReplace'];

export interface TradingServiceOptions {
  db: Db;
  venue: TradingVenue;
  views: MarketViews;
  events: EventBus;
  /** Where order and fill times come from (wall time; market time only drives prices). */
  clock: Clock;
  logger: Logger;
  /**
   * Balances of a new account, read once, when the account is created: given (the paper balances,
   * e.g. `{ USDT: '100000' }`), or `'venue'` to take what the venue holds (live trading).
   */
  startingBalances: Readonly<Record<string, string>> | 'venue';
  /** @default 'USDT' */
  quoteAsset?: string;
  /** Milliseconds between two points of the equity history; 0 records none on a timer. */
  equityIntervalMs: number;
  /**
   * Milliseconds between two checks of the working orders at a venue that fills them itself (a real
   * exchange: there is no market view to show it). @default 5000
   */
  venuePollMs?: number;
}

/** Everything one venue step changed: written as one atomic statement, then published. */
interface Step {
  /** Orders as the step left them (rows to rewrite). */
  records: OrderRecord[];
  transitions: TransitionRecord[];
  fills: { fill: Fill; clientOrderId: string }[];
  /** Symbols whose assets and position the step may have changed. */
  symbols: Set<string>;
  /** Orders the step created (their `order.created` event comes first). */
  created: OrderRecord[];
}

/** The reason stored with an order's first transition. */
const CREATED = 'created';

/** Why an `unknown` order the venue turned out never to have received is over. */
export const NEVER_RECEIVED = 'not placed: the venue never received the order';

/** Why an order found `pending_new` after a restart (or a failed write) was not placed. */
export const NOT_PLACED_BEFORE_RESTART = 'not placed: the server stopped before the venue received the order';

/** A pre-trade check: throws (an ApiError) to refuse `order` at the current `ticker`. */
export type OrderGate = (order: Order, ticker: Ticker) => Promise<void>;

/**
 * The trading core: places, cancels and replaces orders at the venue, keeps the account's ledger,
 * persists every step and publishes it on the event bus.
 *
 * One account, one lock: every change runs in a {@link SerialQueue}, so the in-memory ledger and the
 * database never diverge. An order is stored `pending_new` before the venue sees it; the venue's step
 * (status changes, fills, balances, positions, reservations, an equity point) is then written in one
 * atomic statement. If that write fails, the in-memory state is thrown away and read back from the
 * database before the next change, and the stored `pending_new` order is settled as after a restart.
 */
export class TradingService {
  readonly accountId: string;
  private quoteAsset: string;
  private costScale = 8;
  private ledger = new Ledger();
  /** Orders not yet terminal, by id. */
  private readonly working = new Map<string, OrderRecord>();
  private readonly queue = new SerialQueue();
  private readonly candles: CandleWatch;
  private stale = true;
  private closed = false;
  private gate: OrderGate | undefined;
  private equityTimer: ReturnType<typeof setInterval> | undefined;
  private venueTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(private readonly options: TradingServiceOptions) {
    this.accountId = options.venue.id;
    this.quoteAsset = options.quoteAsset ?? 'USDT';
    this.candles = new CandleWatch(options.views.feed, (event) => this.onCandle(event));
  }

  /**
   * Opens the account (creating it with the starting balances the first time), restores the ledger
   * and the working orders, settles orders a crash left `pending_new` or `unknown`, listens to the
   * markets of resting orders, records an equity point and starts the equity timer.
   */
  static async start(options: TradingServiceOptions): Promise<TradingService> {
    const service = new TradingService(options);
    await service.openAccount();
    await service.queue.run(() => service.reload());
    await service.recordEquity();
    service.startTimers();
    return service;
  }

  /** The account's currency. */
  get quote(): string {
    return this.quoteAsset;
  }

  /**
   * Sets the check every new order passes before it is stored (the safety enforcer and the risk
   * limits): it throws to refuse the order. Closing a position does not pass through it.
   */
  setOrderGate(gate: OrderGate): void {
    this.gate = gate;
  }

  /** The quantity step of `symbol`'s market, when it has one. */
  async lotSize(symbol: string): Promise<Decimal | undefined> {
    const lot = this.options.views.rules(await this.options.views.market(symbol)).lotSize;
    return lot === undefined ? undefined : Decimal.from(lot);
  }

  /** Signed base units held in `symbol` (0 when none). */
  positionQuantity(symbol: string): Decimal {
    return this.ledger.position(symbol)?.quantity ?? Decimal.ZERO;
  }

  /** Validates an order against its market and the account, stores it, sends it to the venue. */
  async placeOrder(input: OrderInput, by: { apiKeyId?: string } = {}): Promise<Schemas['Order']> {
    parseSymbol(input.symbol); // 422 body.symbol unless BASE/QUOTE
    const market = await this.options.views.market(input.symbol);
    const order = this.newOrder(
      {
        id: newId('ord', this.options.clock.now().getTime()),
        ...(input.clientOrderId !== undefined ? { clientOrderId: input.clientOrderId } : {}),
        symbol: market.symbol,
        side: input.side,
        type: input.type,
        ...(input.timeInForce !== undefined ? { timeInForce: input.timeInForce } : {}),
        ...(input.postOnly !== undefined ? { postOnly: input.postOnly } : {}),
        quantity: input.quantity,
        ...(input.price !== undefined ? { limitPrice: input.price } : {}),
      },
      this.options.views.rules(market),
    );
    const quote = await this.options.views.quote(order.symbol);
    checkMarketNotional(order, quote, this.options.views.rules(market).minNotional);
    await this.gate?.(order, quote.ticker);
    return this.exclusive(async () =>
      orderBody(await this.place(order, quote, { apiKeyId: by.apiKeyId ?? null, replaces: null })),
    );
  }

  /** Cancels a working order; 409 `order_not_cancelable` once it is over. */
  async cancelOrder(id: string): Promise<Schemas['Order']> {
    return this.exclusive(async () => {
      const record = await this.findRecord(id);
      if (!record) throw new ApiError(404, 'not_found', `No order ${id}.`);
      if (!isCancelable(record.order.status)) {
        throw new ApiError(
          409,
          'order_not_cancelable',
          `Order ${id} is ${record.order.status} and can no longer be canceled.`,
          { order: orderBody(record) },
        );
      }
      const step = emptyStep();
      const after = this.applyReport(step, record, await this.options.venue.cancel(record.order));
      await this.commit(step);
      return orderBody(after);
    });
  }

  /** Cancels every working order, of one market or all; answers the orders canceled. */
  async cancelAll(symbol?: string): Promise<Schemas['Order'][]> {
    if (symbol !== undefined) await this.options.views.market(symbol);
    return this.exclusive(async () => {
      const step = emptyStep();
      await this.cancelWhere(step, (order) => symbol === undefined || order.symbol === symbol);
      await this.commit(step);
      return step.records.map(orderBody);
    });
  }

  /**
   * Replaces a resting limit order: the old one becomes `replaced` (with `replacedBy`), the new one
   * (with `replaces`) gets the new total quantity less what already filled. Both or neither.
   */
  async replaceOrder(
    id: string,
    input: ReplaceInput,
    by: { apiKeyId?: string } = {},
  ): Promise<Schemas['Order']> {
    return this.exclusive(async () => {
      const old = await this.findRecord(id);
      if (!old) throw new ApiError(404, 'not_found', `No order ${id}.`);
      const { order } = old;
      if (order.type !== 'limit' || (order.status !== 'open' && order.status !== 'partially_filled')) {
        throw new ApiError(
          409,
          'order_not_cancelable',
          `Order ${id} is ${order.status === 'pending_new' ? 'not placed yet' : order.status}; only an open limit order can be replaced.`,
          { order: orderBody(old) },
        );
      }
      const total = input.quantity === undefined ? order.quantity : Decimal.from(input.quantity);
      const quantity = total.sub(order.filledQuantity);
      if (!quantity.isPositive()) {
        throw new OrderValidationError(
          'quantity',
          `quantity must be more than the ${order.filledQuantity} already filled`,
        );
      }
      const market = await this.options.views.market(order.symbol);
      const next = this.newOrder(
        {
          id: newId('ord', this.options.clock.now().getTime()),
          ...(input.clientOrderId !== undefined ? { clientOrderId: input.clientOrderId } : {}),
          symbol: order.symbol,
          side: order.side,
          type: 'limit',
          timeInForce: order.timeInForce,
          postOnly: order.postOnly,
          quantity,
          limitPrice: input.price ?? (order.limitPrice as Decimal),
        },
        this.options.views.rules(market),
      );
      const quote = await this.options.views.quote(order.symbol);
      await this.gate?.(next, quote.ticker);
      const venue = this.options.venue;
      const created = await this.store(next, { apiKeyId: by.apiKeyId ?? null, replaces: order.id });
      let reports: { old: VenueReport; next: VenueReport };
      try {
        if (venue.replace) {
          reports = await venue.replace(order, next, { view: quote.view });
        } else {
          // A venue that cannot replace atomically: cancel, then place.
          const canceled = await venue.cancel(order);
          reports = { old: canceled, next: await venue.place(next, { view: quote.view }) };
        }
      } catch (error) {
        await this.forget(next.id);
        throw error;
      }
      const step = emptyStep();
      this.applyReport(step, { ...old, replacedBy: next.id }, reports.old);
      const after = this.applyReport(step, created, reports.next, true);
      this.candles.advance(order.symbol, quote.ticker.time);
      await this.commit(step);
      return orderBody(after);
    });
  }

  /**
   * Closes a position: cancels the market's working sells (so their quantity is free), then sells the
   * position's quantity at market. 404 `no_position` when there is nothing to sell.
   */
  async closePosition(symbol: string, by: { apiKeyId?: string } = {}): Promise<Schemas['Order']> {
    const market = await this.options.views.market(symbol);
    const quote = await this.options.views.quote(symbol);
    const rules = this.options.views.rules(market);
    return this.exclusive(async () => {
      const position = this.ledger.position(symbol);
      if (!position || position.quantity.isZero()) {
        throw new ApiError(404, 'no_position', `There is no open ${symbol} position to close.`);
      }
      const step = emptyStep();
      await this.cancelWhere(step, (order) => order.symbol === symbol && order.side === 'sell');
      await this.commit(step);
      const free = this.ledger.balance(parseSymbol(symbol).base).free.min(position.quantity);
      const quantity = rules.lotSize === undefined ? free : free.quantize(rules.lotSize);
      const order = this.newOrder(
        {
          id: newId('ord', this.options.clock.now().getTime()),
          symbol,
          side: 'sell',
          type: 'market',
          quantity,
        },
        rules,
      );
      checkMarketNotional(order, quote, rules.minNotional);
      return orderBody(await this.place(order, quote, { apiKeyId: by.apiKeyId ?? null, replaces: null }));
    });
  }

  /** Balances, positions at the last prices, and equity. */
  async portfolio(): Promise<Schemas['Portfolio']> {
    const marks = await this.options.views.marksFor(this.heldSymbols(), true);
    const now = this.options.clock.now();
    return portfolioBody(this.ledger, valueAccount(this.ledger, marks), now);
  }

  /** Open positions marked at the last prices. */
  async positions(): Promise<Schemas['Position'][]> {
    const marks = await this.options.views.marksFor(this.heldSymbols(), true);
    return valueAccount(this.ledger, marks).positions;
  }

  /** Records a point of the equity history at the latest prices, and publishes it. */
  async recordEquity(): Promise<Schemas['EquityPoint']> {
    const marks = await this.options.views.marksFor(this.heldSymbols(), true);
    return this.exclusive(async () => {
      const point = equityPoint(valueAccount(this.ledger, marks), this.options.clock.now());
      await insertEquityPointQuery(this.options.db, this.accountId, { ...point, time: new Date(point.time) });
      this.options.events.publish({ type: 'portfolio', point });
      return point;
    });
  }

  /** Resolves once every change queued so far has been written and published. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Asks the venue where each working order stands and writes what changed: how orders resting at a
   * real exchange learn of their fills (the paper exchange is shown candles instead).
   */
  async syncWithVenue(): Promise<void> {
    const { venue, logger } = this.options;
    await this.exclusive(async () => {
      const step = emptyStep();
      for (const record of [...this.working.values()]) {
        let report: VenueReport;
        try {
          report = await venue.refresh(record.order);
        } catch (error) {
          logger.warn({ err: error, orderId: record.order.id }, 'could not refresh an order at the venue');
          continue;
        }
        if (report.order.status === 'pending_new' && record.order.status === 'unknown') {
          // The exchange never got it: it is over, and was never placed.
          const rejected = transition(record.order, 'rejected', {
            reason: NEVER_RECEIVED,
            at: this.options.clock.now(),
          });
          report = { order: rejected.order, fills: [], transitions: [rejected.transition] };
        }
        const changed =
          report.fills.length > 0 ||
          report.transitions.length > 0 ||
          (report.venueOrderId !== undefined && report.venueOrderId !== record.venueOrderId);
        if (changed) this.applyReport(step, record, report);
      }
      await this.commit(step);
    });
  }

  /** Stops the timers and market subscriptions, and waits for the changes in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.equityTimer) clearInterval(this.equityTimer);
    if (this.venueTimer) clearInterval(this.venueTimer);
    this.candles.close();
    await this.queue.idle();
    await this.options.venue.close?.();
  }

  // --- inside the lock -------------------------------------------------------------------------

  /** Runs `task` under the account's lock, after re-reading state a failed write left unsure. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.stale) await this.reload();
      return task();
    });
  }

  /** Checks, stores (`pending_new`), sends to the venue, writes the step. */
  private async place(
    order: Order,
    quote: MarketQuote,
    meta: { apiKeyId: string | null; replaces: string | null },
  ): Promise<OrderRecord> {
    const venue = this.options.venue;
    venue.preflight?.(order, { view: quote.view });
    const record = await this.store(order, meta);
    let report: VenueReport;
    try {
      report = await venue.place(order, { view: quote.view });
    } catch (error) {
      // Refused outright (or failed before it reached the venue): nothing was placed.
      await this.forget(order.id);
      throw error;
    }
    const step = emptyStep();
    const after = this.applyReport(step, record, report, true);
    if (!isTerminal(after.order.status)) this.candles.advance(order.symbol, quote.ticker.time);
    await this.commit(step);
    return after;
  }

  /** Writes a new order as `pending_new`; 409 `duplicate_client_order_id` when its client id is taken. */
  private async store(
    order: Order,
    meta: { apiKeyId: string | null; replaces: string | null },
  ): Promise<OrderRecord> {
    const record: OrderRecord = {
      order,
      venue: this.options.venue.id,
      venueOrderId: null,
      replaces: meta.replaces,
      replacedBy: null,
      reservation: null,
    };
    const { db } = this.options;
    if (!(await insertOrder(db, this.accountId, record, meta.apiKeyId))) {
      const existing = await findOrderByClientId(db, this.accountId, order.clientOrderId);
      throw new ApiError(
        409,
        'duplicate_client_order_id',
        `An order with clientOrderId ${JSON.stringify(order.clientOrderId)} exists${existing ? `: ${existing.id}` : ''}.`,
        existing ? { order: orderBody(toOrderRecord(existing)) } : {},
      );
    }
    return record;
  }

  /** Deletes a stored `pending_new` order the venue never took. */
  private async forget(orderId: string): Promise<void> {
    try {
      await deletePendingOrder(this.options.db, orderId);
    } catch (error) {
      // The row stays pending_new; reloading settles it as after a restart.
      this.stale = true;
      this.options.logger.error({ err: error, orderId }, 'could not remove an order the venue refused');
    }
  }

  /** Cancels the working orders `which` selects, into `step`. */
  private async cancelWhere(step: Step, which: (order: Order) => boolean): Promise<void> {
    for (const record of [...this.working.values()]) {
      if (!which(record.order) || !isCancelable(record.order.status)) continue;
      this.applyReport(step, record, await this.options.venue.cancel(record.order));
    }
  }

  /** Adds a venue report on `record` to `step`; returns the record as the report leaves it. */
  private applyReport(step: Step, record: OrderRecord, report: VenueReport, created = false): OrderRecord {
    const { order } = record;
    const reservation = this.ledger.reservation(order.id);
    const after: OrderRecord = {
      ...record,
      // The stored creation time stands (the venue may stamp its own).
      order: { ...report.order, createdAt: order.createdAt },
      venueOrderId: report.venueOrderId ?? record.venueOrderId,
      reservation: reservation ? { asset: reservation.asset, amount: reservation.amount.toString() } : null,
    };
    if (!this.options.venue.load) for (const fill of report.fills) this.bookFill(fill);
    if (created) {
      step.created.push(record);
      step.transitions.push({
        orderId: order.id,
        from: null,
        to: 'pending_new',
        reason: CREATED,
        at: order.createdAt,
      });
    }
    step.records.push(after);
    step.transitions.push(...report.transitions);
    for (const fill of report.fills) step.fills.push({ fill, clientOrderId: order.clientOrderId });
    step.symbols.add(order.symbol);
    return after;
  }

  /**
   * Books a fill a venue without the ledger reported (a real exchange). The exchange is the authority
   * on its balances: a fee in another asset (BNB…) is not the ledger's, and a fill the ledger cannot
   * pay for (funds moved outside the server) is stored all the same, with an error in the log.
   */
  private bookFill(fill: Fill): void {
    const inQuote = fill.feeAsset === this.quoteAsset;
    try {
      this.ledger.applyFill(inQuote ? fill : { ...fill, fee: Decimal.ZERO });
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      this.options.logger.error(
        { err: error, tradeId: fill.tradeId },
        'the ledger cannot book a fill the exchange reported; the exchange balances are the reference',
      );
    }
  }

  /**
   * Writes a step atomically (orders, transitions, fills, the balances and positions it touched, an
   * equity point after fills), then publishes it. A failed write marks the in-memory state stale: it
   * is read back from the database before the next change.
   */
  private async commit(step: Step): Promise<void> {
    if (step.records.length === 0) return;
    const now = this.options.clock.now();
    const assets = new Set<string>();
    for (const symbol of step.symbols) {
      const { base, quote } = parseSymbol(symbol);
      assets.add(base).add(quote);
    }
    const traded = new Set(step.fills.map(({ fill }) => fill.symbol));
    let point: Schemas['EquityPoint'] | undefined;
    let positions: Schemas['Position'][] = [];
    if (step.fills.length > 0) {
      const marks = await this.options.views.marksFor(this.heldSymbols());
      for (const { fill } of step.fills) if (!marks.has(fill.symbol)) marks.set(fill.symbol, fill.price);
      point = equityPoint(valueAccount(this.ledger, marks), now);
      positions = this.positionBodies(traded, marks);
    }
    try {
      await writeStep(this.options.db, this.accountId, {
        orders: step.records,
        transitions: step.transitions,
        fills: step.fills,
        balances: [...assets].map((asset) => this.ledger.balance(asset)),
        positions: [...traded].flatMap((symbol) => this.ledger.position(symbol) ?? []),
        equity: point ? { ...point, time: now } : undefined,
        now,
      });
    } catch (error) {
      this.stale = true;
      throw error;
    }
    for (const record of step.records) {
      if (isTerminal(record.order.status)) this.working.delete(record.order.id);
      else this.working.set(record.order.id, record);
    }
    this.syncCandles();
    this.publish(step, point);
    for (const position of positions) this.options.events.publish({ type: 'position.updated', position });
  }

  /**
   * The positions of `symbols` as `GET /v1/positions` shows them (marked at `marks`); one that the
   * fills closed is shown with quantity 0.
   */
  private positionBodies(
    symbols: Iterable<string>,
    marks: ReadonlyMap<string, Decimal>,
  ): Schemas['Position'][] {
    const open = new Map(valueAccount(this.ledger, marks).positions.map((p) => [p.symbol, p]));
    const bodies: Schemas['Position'][] = [];
    for (const symbol of symbols) {
      const body = open.get(symbol);
      const position = this.ledger.position(symbol);
      if (body) bodies.push(body);
      else if (position) {
        bodies.push({
          symbol,
          quantity: position.quantity.toString(),
          averageEntryPrice: position.averageEntryPrice?.toString() ?? null,
          costBasis: position.costBasis.toString(),
          markPrice: marks.get(symbol)?.toString() ?? null,
          marketValue: '0',
          unrealizedPnl: '0',
          realizedPnl: position.realizedPnl.toString(),
          fees: position.feesPaid.toString(),
        });
      }
    }
    return bodies;
  }

  private publish(step: Step, point: Schemas['EquityPoint'] | undefined): void {
    const { events } = this.options;
    const bodies = new Map(step.records.map((record) => [record.order.id, orderBody(record)]));
    for (const record of step.created) events.publish({ type: 'order.created', order: orderBody(record) });
    for (const { fill, clientOrderId } of step.fills) {
      events.publish({ type: 'fill', fill: fillBody(fill, clientOrderId) });
    }
    for (const transition of step.transitions) {
      if (transition.from === null) continue; // the creation: order.created said it
      const order = bodies.get(transition.orderId);
      if (order) events.publish({ type: 'order.updated', order, transition: transitionBody(transition) });
    }
    if (point) events.publish({ type: 'portfolio', point });
  }

  /**
   * Reads the account back from the database: balances, positions, working orders and their
   * reservations; hands them to the venue; settles orders left `pending_new` or `unknown` (the venue
   * says where they stand); listens to the markets of resting orders.
   */
  private async reload(): Promise<void> {
    const { db, venue } = this.options;
    const [balanceRows, positionRows, orderRows] = await Promise.all([
      listBalances(db, this.accountId),
      listPositions(db, this.accountId),
      listUnsettledOrders(db, this.accountId),
    ]);
    const records = orderRows.map(toOrderRecord);
    this.ledger = Ledger.fromSnapshot({
      quoteAsset: this.quoteAsset,
      costScale: this.costScale,
      balances: balanceRows.map((b) => ({ asset: b.asset, free: b.free, locked: b.locked })),
      positions: positionRows.map((p) => ({
        symbol: p.symbol,
        quantity: p.quantity,
        costBasis: p.costBasis,
        realizedPnl: p.realizedPnl,
        feesPaid: p.feesPaid,
        averageEntryPrice: undefined,
      })),
      reservations: records.flatMap(({ order, reservation }) =>
        reservation ? [{ orderId: order.id, asset: reservation.asset, amount: reservation.amount }] : [],
      ),
    });
    venue.load?.(
      this.ledger,
      records.map((r) => r.order),
    );
    this.working.clear();
    for (const record of records) this.working.set(record.order.id, record);
    this.stale = false;

    for (const record of records) {
      const { status } = record.order;
      if (status !== 'pending_new' && status !== 'unknown') continue;
      let report: VenueReport;
      try {
        report = await venue.refresh(record.order);
      } catch (error) {
        // The venue cannot say now: the order stays as it is, for the next check.
        this.options.logger.warn({ err: error, orderId: record.order.id }, 'could not settle an order');
        continue;
      }
      if (report.order.status === 'pending_new') {
        // The venue never got it. Its sender never got an answer either (a `pending_new` order is
        // answered only once its step is written; an `unknown` one was answered as such): refuse it
        // rather than place it late, at a price nobody saw.
        const rejected = transition(record.order, 'rejected', {
          reason: NOT_PLACED_BEFORE_RESTART,
          at: this.options.clock.now(),
        });
        report = { order: rejected.order, fills: [], transitions: [rejected.transition] };
      }
      const step = emptyStep();
      this.applyReport(step, record, report, status === 'pending_new');
      this.options.logger.warn(
        { orderId: record.order.id, from: status, to: step.records[0]?.order.status },
        'settled an order left unsettled by a restart',
      );
      await this.commit(step);
    }
    for (const symbol of venue.restingSymbols?.() ?? []) {
      if (this.candles.watching(symbol)) continue;
      try {
        this.candles.advance(symbol, (await this.options.views.feed.getTicker(symbol)).time);
      } catch (error) {
        this.options.logger.warn({ err: error, symbol }, 'no price for a market with resting orders');
      }
    }
    this.syncCandles();
  }

  /** Creates the account with the starting balances, unless it exists; reads its settings. */
  private async openAccount(): Promise<void> {
    const { db, clock, venue, logger } = this.options;
    let account = await findTradingAccount(db, this.accountId);
    if (!account) {
      const fromVenue = this.options.startingBalances === 'venue';
      const startingBalances: Record<string, string> = {};
      if (fromVenue) {
        for (const b of await venue.balances()) startingBalances[b.asset] = b.free.add(b.locked).toString();
      } else {
        Object.assign(startingBalances, this.options.startingBalances);
      }
      const entryPrices: Record<string, string> = {};
      for (const asset of Object.keys(startingBalances)) {
        if (asset === this.quoteAsset || Decimal.from(startingBalances[asset] ?? '0').isZero()) continue;
        const symbol = `${asset}/${this.quoteAsset}`;
        const mark = await this.options.views.mark(symbol);
        if (mark) {
          entryPrices[asset] = mark.toString();
        } else if (fromVenue) {
          // An asset without a market in the account's currency cannot be valued: left out.
          logger.warn({ asset }, `no ${symbol} price: the ${asset} balance is left out of the account`);
          delete startingBalances[asset];
        } else {
          throw new Error(
            `cannot open the paper account: the starting ${asset} balance needs a price, and the market data has none for ${symbol}`,
          );
        }
      }
      const ledger = new Ledger({ quoteAsset: this.quoteAsset, balances: startingBalances, entryPrices });
      await createTradingAccount(db, {
        id: this.accountId,
        quoteAsset: ledger.quoteAsset,
        costScale: ledger.costScale,
        deposits: Object.entries(startingBalances).map(([asset, amount]) => ({
          asset,
          amount: Decimal.from(amount).toString(),
          entryPrice: entryPrices[asset] ?? null,
        })),
        balances: ledger.balances(),
        positions: ledger.positions(),
        now: clock.now(),
      });
      account = await findTradingAccount(db, this.accountId);
      if (!account) throw new Error(`trading account ${this.accountId} vanished while it was created`);
    }
    this.quoteAsset = account.quoteAsset;
    this.costScale = account.costScale;
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A working order from memory, any other from the database. */
  private async findRecord(id: string): Promise<OrderRecord | undefined> {
    const working = this.working.get(id);
    if (working) return working;
    const row = await findOrder(this.options.db, this.accountId, id);
    return row ? toOrderRecord(row) : undefined;
  }

  /** Makes a `pending_new` order, or throws 422 naming the request field at fault. */
  private newOrder(request: OrderRequest, rules: ReturnType<MarketViews['rules']>): Order {
    try {
      return createOrder(request, { at: this.options.clock.now(), rules });
    } catch (error) {
      // The API calls the engine's `limitPrice` `price`.
      if (error instanceof OrderValidationError && error.field === 'limitPrice') {
        throw new OrderValidationError('price', error.message.replaceAll('limitPrice', 'price'));
      }
      throw error;
    }
  }

  /** Symbols of the open positions. */
  private heldSymbols(): string[] {
    return this.ledger
      .positions()
      .filter((p) => !p.quantity.isZero())
      .map((p) => p.symbol);
  }

  private syncCandles(): void {
    if (this.closed) return;
    this.candles.sync(this.options.venue.restingSymbols?.() ?? []);
  }

  /** A candle closed on a market with resting orders: show it to the venue, write what filled. */
  private onCandle(event: CandleClose): void {
    const { venue, views, logger } = this.options;
    if (!venue.onMarket || this.closed) return;
    const onMarket = venue.onMarket.bind(venue);
    this.exclusive(async () => {
      const market = await views.market(event.symbol);
      const reports = onMarket(event.symbol, views.candleView(market, event.candle));
      if (reports.length === 0) return;
      const step = emptyStep();
      for (const report of reports) {
        const record = this.working.get(report.order.id);
        if (record) this.applyReport(step, record, report);
      }
      await this.commit(step);
    }).catch((error) => logger.error({ err: error, symbol: event.symbol }, 'resting orders: fill failed'));
  }

  private startTimers(): void {
    const { equityIntervalMs, venue, logger } = this.options;
    if (equityIntervalMs > 0) {
      this.equityTimer = setInterval(() => {
        if (this.closed) return;
        this.recordEquity().catch((error) => logger.warn({ err: error }, 'could not record an equity point'));
      }, equityIntervalMs);
      this.equityTimer.unref?.();
    }
    if (!venue.onMarket) {
      this.venueTimer = setInterval(() => {
        if (this.closed || this.working.size === 0 || this.queue.size > 0) return;
        this.syncWithVenue().catch((error) =>
          logger.warn({ err: error }, 'could not check orders at the venue'),
        );
      }, this.options.venuePollMs ?? 5_000);
      this.venueTimer.unref?.();
    }
  }
}

function emptyStep(): Step {
  return { records: [], transitions: [], fills: [], symbols: new Set(), created: [] };
}

/**
 * A market order has no price to check `minNotional` against: its quantity is valued at the best
 * price it would take (the best ask for a buy, the best bid for a sell, else the last price).
 */
function checkMarketNotional(order: Order, quote: MarketQuote, minNotional: DecimalInput | undefined): void {
  if (order.type !== 'market' || minNotional === undefined) return;
  const best = (order.side === 'buy' ? quote.view.asks : quote.view.bids)[0]?.[0] ?? quote.last;
  const notional = order.quantity.mul(best);
  const minimum = Decimal.from(minNotional);
  if (notional.lt(minimum)) {
    throw new OrderValidationError(
      'quantity',
      `quantity × price (about ${notional} at ${best}) must be at least the market's minimum notional ${minimum}`,
    );
  }
}
