import {
  type Balance,
  type Clock,
  canTransition,
  type Decimal,
  isTerminal,
  type Liquidity,
  type Order,
  OrderStateError,
  type OrderTransition,
  systemClock,
  transition,
  type Venue,
  VenueError,
  type VenueReport,
} from '@sigmax/engine';
import { BaseError, InvalidOrder, OperationRejected, OrderNotFound } from 'ccxt';
import { createCcxtExchange, enableCcxtSandbox } from '../market/ccxt/ccxt-feed';
import { toBalances } from './ccxt-balances';
import { decimalOf, needsTrades, remoteFilled, syncOrder } from './ccxt-order-sync';
import {
  type CcxtOrderLike,
  type CcxtTradeLike,
  type CcxtTradingExchangeLike,
  type ClientOrderIdLookup,
  defaultClientOrderIdLookup,
} from './ccxt-trading-exchange';
import {
  certainVenueError,
  classifyPlaceFailure,
  describeError,
  type Redact,
  scrubError,
  secretRedactor,
  toVenueError,
} from './ccxt-venue-errors';

export interface CcxtVenueOptions {
  /** A ccxt exchange id (`'binance'`, `'okx'`, …) or an exchange object (built elsewhere, or a test double). */
  exchange: string | CcxtTradingExchangeLike;
  /**
   * Trade on the exchange's test network (ccxt `setSandboxMode`); fails for exchanges without one.
   * @default false
   */
  sandbox?: boolean | undefined;
  /** Required with an exchange id; set on an exchange object when given. Never logged or shown. */
  apiKey?: string | undefined;
  /** Required with an exchange id; set on an exchange object when given. Never logged or shown. */
  secret?: string | undefined;
  /** The passphrase some exchanges add to the key (OKX, KuCoin, Bitget…). Never logged or shown. */
  password?: string | undefined;
  /**
   * ccxt request timeout in milliseconds (with an exchange id).
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /** The time of transitions. @default the system clock */
  clock?: Clock | undefined;
  /**
   * How orders are found by `clientOrderId`.
   * @default 'fetchOrder' on the exchanges of FETCH_ORDER_BY_CLIENT_ID, else 'openAndClosedOrders'
   */
  lookup?: ClientOrderIdLookup | undefined;
  /**
   * How long before an order's creation `fetchClosedOrders` and `fetchMyTrades` start looking, in
   * milliseconds (room for clock skew between this machine and the exchange).
   * @default 300000
   */
  lookbackMs?: number | undefined;
}

/** Venue order ids remembered at most (a lookup by `clientOrderId` finds the others). */
const MAX_REMEMBERED = 10_000;

/**
 * A real exchange (live or its test network) through ccxt. Every order is sent with its `clientOrderId`,
 * which is how the venue finds it again: after a timeout, after a restart, or when the exchange says the
 * id is taken. Nothing is ever sent twice by the venue itself: an `unknown` order is looked up before it
 * is sent again.
 *
 * Failures of `place`:
 * - certainly nothing placed, and not the order's fault: rejects with a {@link VenueError} —
 *   `insufficient_funds` (InsufficientFunds), `rate_limited` (RateLimitExceeded, DDoSProtection),
 *   `exchange_error` (AuthenticationError, PermissionDenied, InvalidNonce), `exchange_unavailable` (the
 *   markets could not be loaded: nothing was sent);
 * - the exchange refused the order (InvalidOrder, BadRequest, OperationRejected, NotSupported, or a size
 *   off the exchange's grid, checked before sending): the order is `rejected` with the reason;
 * - anything else (RequestTimeout, NetworkError, ExchangeNotAvailable, a garbled answer): the order is
 *   `unknown`, for {@link CcxtVenue.refresh} to settle.
 *
 * Amounts and prices are decimals throughout: sent through ccxt's `amountToPrecision`/`priceToPrecision`,
 * read back from ccxt's numbers through their string form. Credentials are kept inside the ccxt exchange
 * and redacted from every message; the venue serialises as `{ id }`.
 *
 * @example
 * const venue = new CcxtVenue({ exchange: 'binance', sandbox: true, apiKey, secret, clock: systemClock });
 * const report = await venue.place(order); // order stored as pending_new first
 */
export class CcxtVenue implements Venue {
  readonly id: string;
  readonly #exchange: CcxtTradingExchangeLike;
  readonly #clock: Clock;
  readonly #redact: Redact;
  readonly #lookup: ClientOrderIdLookup;
  readonly #lookbackMs: number;
  /** The exchange's id of each order seen, by order id. */
  readonly #venueIds = new Map<string, string>();

  /**
   * @throws {RangeError} for an unknown exchange id, an exchange id without an API key and secret, a
   * sandbox the exchange does not have, or an exchange on which orders cannot be found by `clientOrderId`.
   */
  constructor(options: CcxtVenueOptions) {
    const { apiKey, secret, password } = options;
    if (typeof options.exchange === 'string') {
      if (!apiKey || !secret) throw new RangeError('a ccxt venue needs an API key and a secret');
      this.#exchange = createCcxtExchange(options.exchange, options.timeoutMs ?? 10_000, {
        apiKey,
        secret,
        password,
      }) as unknown as CcxtTradingExchangeLike;
    } else {
      this.#exchange = options.exchange;
      if (apiKey !== undefined) this.#exchange.apiKey = apiKey;
      if (secret !== undefined) this.#exchange.secret = secret;
      if (password !== undefined) this.#exchange.password = password;
    }
    if (options.sandbox) enableCcxtSandbox(this.#exchange);
    this.id = `ccxt:${this.#exchange.id}`;
    this.#clock = options.clock ?? systemClock;
    this.#redact = secretRedactor([apiKey, secret, password]);
    this.#lookbackMs = options.lookbackMs ?? 300_000;
    const has = this.#exchange.has;
    const lookup = options.lookup ?? defaultClientOrderIdLookup(this.#exchange);
    const supported =
      lookup === 'fetchOrder'
        ? Boolean(has.fetchOrder)
        : lookup === 'openAndClosedOrders' && Boolean(has.fetchOpenOrders && has.fetchClosedOrders);
    if (!lookup || !supported) {
      throw new RangeError(
        `${this.#exchange.id} cannot find orders by clientOrderId through ccxt, so its orders could not be reconciled`,
      );
    }
    this.#lookup = lookup;
  }

  /**
   * Sends a `pending_new` order (an `unknown` one is looked up first and sent only if the exchange does not
   * have it). The report carries the fills and transitions of the exchange's answer: a market order that
   * filled at once comes back `filled`, a resting limit order `open`.
   * @throws {VenueError} when this call certainly placed nothing (see the class documentation) — for an
   * `unknown` order, also when it could not be looked up first (it may still be at the exchange from the
   * earlier attempt: keep it `unknown`).
   * @throws {OrderStateError} `illegal_order_transition` for an order in any other status.
   */
  async place(order: Order): Promise<VenueReport> {
    if (order.status !== 'pending_new' && order.status !== 'unknown') {
      throw new OrderStateError(
        'illegal_order_transition',
        `order ${order.id} is ${order.status}: only a pending_new or unknown order can be placed`,
        order.id,
        order.status,
        'open',
      );
    }
    if (order.status === 'unknown') {
      const found = await this.#find(order);
      if (found) return this.#sync(order, found, { liquidity: liquidityGuess(order, true) });
    }
    const exchange = this.#exchange;
    const markets = await this.#call('loadMarkets', () => exchange.loadMarkets());
    if (!markets[order.symbol]) return this.#reject(order, `${exchange.id} does not list ${order.symbol}`);
    let amount: number | string;
    let price: number | string | undefined;
    try {
      amount = this.#sendable(order, 'quantity', order.quantity);
      price = order.limitPrice ? this.#sendable(order, 'limitPrice', order.limitPrice) : undefined;
    } catch (error) {
      if (!(error instanceof BaseError)) throw error;
      return this.#reject(order, `${exchange.id} refuses the order: ${describeError(error, this.#redact)}`);
    }
    if (typeof amount === 'string') return this.#reject(order, amount);
    if (typeof price === 'string') return this.#reject(order, price);

    const params: Record<string, unknown> = { clientOrderId: order.clientOrderId };
    if (order.type === 'limit') {
      // A post-only order is GTC by construction; exchanges take the flag instead of a time in force.
      if (order.postOnly) params.postOnly = true;
      else params.timeInForce = order.timeInForce;
    }
    let answer: CcxtOrderLike;
    try {
      answer = await exchange.createOrder(order.symbol, order.type, order.side, amount, price, params);
    } catch (error) {
      return this.#placeFailed(order, error);
    }
    // Some exchanges answer a new order with its id alone: ask for the rest, if it can be had.
    const id = answer.id;
    if (answer.status === undefined && id && exchange.has.fetchOrder) {
      answer = (await this.#bestEffort(() => exchange.fetchOrder(id, order.symbol))) ?? answer;
    }
    return this.#sync(order, answer, { liquidity: liquidityGuess(order, true) });
  }

  /**
   * Where the order stands at the exchange, found by its venue id when known, else by `clientOrderId`.
   * An order the exchange does not have never arrived: it comes back `pending_new` (an `unknown` one is
   * set back, without a transition) with no `venueOrderId`, and may be placed again, once. A terminal order
   * comes back unchanged without asking.
   * @throws {VenueError} when the exchange cannot be asked — never read as "not placed" —, or when it no
   * longer has an order it gave an id to (`order_not_found`).
   */
  async refresh(order: Order): Promise<VenueReport> {
    if (isTerminal(order.status)) {
      const known = this.#venueIds.get(order.id);
      return known === undefined
        ? { order, fills: [], transitions: [] }
        : { order, fills: [], transitions: [], venueOrderId: known };
    }
    const found = await this.#find(order);
    if (!found)
      return { order: notPlaced(order, this.#exchange.id, this.#clock.now()), fills: [], transitions: [] };
    const first = order.status === 'pending_new' || order.status === 'unknown';
    return this.#sync(order, found, { liquidity: liquidityGuess(order, first) });
  }

  /**
   * Cancels a working order: the report goes through `pending_cancel`, then `canceled` once the exchange
   * confirms (with any fills that came first). An order the exchange filled or ended meanwhile (ccxt
   * OrderNotFound or a refused cancel) is reported as the exchange has it. A cancel left without an answer
   * leaves the order `pending_cancel`, for a refresh to settle.
   * @throws {OrderStateError} `order_not_cancelable` for an order that is over.
   * @throws {VenueError} `order_not_found` when the exchange has no such order, `rate_limited`,
   * `exchange_error` (credentials), `exchange_unavailable` when it could not even be looked up.
   */
  async cancel(order: Order): Promise<VenueReport> {
    const at = this.#clock.now();
    if (!canTransition(order.status, 'canceled')) transition(order, 'canceled', { reason: 'cancel', at });
    const exchange = this.#exchange;
    let report: VenueReport = { order, fills: [], transitions: [] };
    let venueOrderId = this.#venueIds.get(order.id);
    if (venueOrderId === undefined || order.status === 'pending_new' || order.status === 'unknown') {
      const found = await this.#find(order);
      if (!found) {
        throw new VenueError(
          'order_not_found',
          `${exchange.id} has no order with clientOrderId ${order.clientOrderId}`,
        );
      }
      report = await this.#sync(order, found, { liquidity: liquidityGuess(order, true) });
      venueOrderId = report.venueOrderId;
      if (venueOrderId === undefined) {
        throw new VenueError('exchange_error', `${exchange.id} gave no id for order ${order.id}`);
      }
      if (!canTransition(report.order.status, 'canceled')) return report;
    }
    const id = venueOrderId;
    const current = report.order;
    let answer: CcxtOrderLike;
    try {
      answer = await exchange.cancelOrder(id, order.symbol);
    } catch (error) {
      if (
        error instanceof OrderNotFound ||
        error instanceof InvalidOrder ||
        error instanceof OperationRejected
      ) {
        // Filled or ended meanwhile, or the exchange will not cancel it: report it as the exchange has it.
        const found = await this.#find(current);
        if (!found) {
          throw new VenueError(
            'order_not_found',
            `${exchange.id} has no order ${id} (${order.clientOrderId})`,
          );
        }
        return merge(report, await this.#sync(current, found, { liquidity: liquidityGuess(order, false) }));
      }
      const failure = classifyPlaceFailure(error);
      if (error instanceof BaseError && failure.kind !== 'ambiguous') {
        throw certainVenueError(
          error,
          failure.kind === 'certain' ? failure.code : 'exchange_error',
          `${exchange.id} cancelOrder`,
          this.#redact,
        );
      }
      scrubError(error, this.#redact);
      const reason = `cancel sent to ${exchange.id} without an answer (${describeError(error, this.#redact)})`;
      if (current.status === 'pending_cancel') return { ...report, venueOrderId: id };
      const next = transition(current, 'pending_cancel', { reason, at: this.#clock.now() });
      return {
        ...merge(report, { order: next.order, fills: [], transitions: [next.transition] }),
        venueOrderId: id,
      };
    }
    // An answer without a status or a filled quantity says too little to close the order on: fetch it.
    if (
      (answer.status === undefined || remoteFilled(current, answer) === undefined) &&
      exchange.has.fetchOrder
    ) {
      answer = (await this.#bestEffort(() => exchange.fetchOrder(id, order.symbol))) ?? answer;
    }
    const synced = await this.#sync(
      current,
      { ...answer, id: answer.id ?? id },
      { liquidity: liquidityGuess(order, false), cancelRequested: true },
    );
    return merge(report, synced);
  }

  /**
   * The account's balances at the exchange (`fetchBalance`): `locked` is ccxt's `used`; assets with nothing
   * free or locked are left out.
   * @throws {VenueError} `exchange_unavailable`, `rate_limited`, `exchange_error`.
   */
  async balances(): Promise<Balance[]> {
    const exchange = this.#exchange;
    return toBalances(await this.#call('fetchBalance', () => exchange.fetchBalance()));
  }

  /** Closes the exchange's connections, if ccxt holds any. */
  async close(): Promise<void> {
    await this.#exchange.close?.();
  }

  /** Only the id: the exchange object (and its credentials) is never serialised. */
  toJSON(): { id: string } {
    return { id: this.id };
  }

  /** A value as ccxt will send it, or the reason it cannot be sent exactly. */
  #sendable(order: Order, field: 'quantity' | 'limitPrice', value: Decimal): number | string {
    const exchange = this.#exchange;
    const text =
      field === 'quantity'
        ? exchange.amountToPrecision(order.symbol, value.toString())
        : exchange.priceToPrecision(order.symbol, value.toString());
    const sent = text === undefined ? undefined : decimalOf(text);
    const grid = field === 'quantity' ? 'amount precision' : 'price precision';
    if (!sent?.eq(value)) {
      return `${field} ${value} does not fit ${exchange.id}'s ${grid} for ${order.symbol} (it would send ${text})`;
    }
    const number = Number(text);
    // ccxt takes numbers; one that does not read back as the same decimal would change the order.
    if (!decimalOf(number)?.eq(value)) return `${field} ${value} has more digits than a ccxt number holds`;
    return number;
  }

  async #placeFailed(order: Order, error: unknown): Promise<VenueReport> {
    const exchange = this.#exchange;
    const failure = classifyPlaceFailure(error);
    switch (failure.kind) {
      case 'certain':
        throw certainVenueError(error as BaseError, failure.code, `${exchange.id} createOrder`, this.#redact);
      case 'rejected':
        scrubError(error, this.#redact);
        return this.#reject(
          order,
          `${exchange.id} rejected the order: ${describeError(error, this.#redact)}`,
        );
      case 'duplicate': {
        scrubError(error, this.#redact);
        const why = describeError(error, this.#redact);
        let found: CcxtOrderLike | undefined;
        try {
          found = await this.#find(order);
        } catch (lookupError) {
          if (!(lookupError instanceof VenueError)) throw lookupError;
          return this.#unknown(
            order,
            `${exchange.id} says the clientOrderId is taken (${why}), and it could not be looked up`,
          );
        }
        if (found) return this.#sync(order, found, { liquidity: liquidityGuess(order, true) });
        return this.#reject(order, `${exchange.id} refused the order as a duplicate: ${why}`);
      }
      case 'ambiguous':
        scrubError(error, this.#redact);
        return this.#unknown(
          order,
          `no answer from ${exchange.id} to the order (${describeError(error, this.#redact)})`,
        );
    }
  }

  /** Finds the order at the exchange; `undefined` when the exchange says it has no such order. */
  async #find(order: Order): Promise<CcxtOrderLike | undefined> {
    const exchange = this.#exchange;
    const known = this.#venueIds.get(order.id);
    let found: CcxtOrderLike | undefined;
    if (known !== undefined && exchange.has.fetchOrder) {
      // The exchange gave this id: "not found" now is an error, never "not placed".
      found = await this.#call('fetchOrder', () => exchange.fetchOrder(known, order.symbol));
    } else if (this.#lookup === 'fetchOrder') {
      try {
        found = await exchange.fetchOrder(undefined, order.symbol, { clientOrderId: order.clientOrderId });
      } catch (error) {
        if (error instanceof OrderNotFound) return undefined;
        throw toVenueError(error, `${exchange.id} fetchOrder`, this.#redact);
      }
    } else {
      // Open orders first: an order that closes between the two requests is then in the second.
      const byClientId = (list: readonly CcxtOrderLike[]) =>
        list.find((o) => o.clientOrderId === order.clientOrderId);
      found = byClientId(await this.#call('fetchOpenOrders', () => exchange.fetchOpenOrders(order.symbol)));
      const since = order.createdAt.getTime() - this.#lookbackMs;
      found ??= byClientId(
        await this.#call('fetchClosedOrders', () => exchange.fetchClosedOrders(order.symbol, since)),
      );
      if (!found) return undefined;
    }
    this.#checkSameOrder(order, found);
    return found;
  }

  /** Refuses an exchange order that cannot be this one (a clientOrderId reused for another order). */
  #checkSameOrder(order: Order, remote: CcxtOrderLike): void {
    const amount = decimalOf(remote.amount);
    const mismatch =
      (remote.clientOrderId != null && remote.clientOrderId !== order.clientOrderId) ||
      (remote.symbol != null && remote.symbol !== order.symbol) ||
      (remote.side != null && remote.side !== order.side) ||
      (amount !== undefined && !amount.eq(order.quantity));
    if (mismatch) {
      throw new VenueError(
        'exchange_error',
        `${this.#exchange.id} order ${remote.id} (clientOrderId ${remote.clientOrderId ?? order.clientOrderId}: ` +
          `${remote.side} ${remote.amount} ${remote.symbol}) does not match order ${order.id} ` +
          `(${order.side} ${order.quantity} ${order.symbol}); reconcile it by hand`,
      );
    }
  }

  async #sync(
    order: Order,
    remote: CcxtOrderLike,
    options: { liquidity: Liquidity; cancelRequested?: boolean },
  ): Promise<VenueReport> {
    const id = remote.id;
    let trades: CcxtTradeLike[] | undefined;
    if (id && needsTrades(order, remote)) trades = await this.#bestEffort(() => this.#orderTrades(order, id));
    const report = syncOrder(order, remote, {
      exchangeId: this.#exchange.id,
      at: this.#clock.now(),
      trades,
      liquidity: options.liquidity,
      cancelRequested: options.cancelRequested,
    });
    this.#remember(order.id, report);
    return report;
  }

  /** The order's trades, from `fetchOrderTrades` or `fetchMyTrades`, whichever the exchange has. */
  async #orderTrades(order: Order, id: string): Promise<CcxtTradeLike[] | undefined> {
    const exchange = this.#exchange;
    if (exchange.has.fetchOrderTrades && exchange.fetchOrderTrades) {
      return exchange.fetchOrderTrades(id, order.symbol);
    }
    if (exchange.has.fetchMyTrades && exchange.fetchMyTrades) {
      const since = order.createdAt.getTime() - this.#lookbackMs;
      const trades = await exchange.fetchMyTrades(order.symbol, since);
      return trades.filter((trade) => trade.order === id);
    }
    return undefined;
  }

  #remember(orderId: string, report: VenueReport): void {
    const id = report.venueOrderId;
    if (id === undefined) return;
    if (isTerminal(report.order.status)) {
      this.#venueIds.delete(orderId);
      return;
    }
    if (this.#venueIds.size >= MAX_REMEMBERED && !this.#venueIds.has(orderId)) {
      const oldest = this.#venueIds.keys().next().value;
      if (oldest !== undefined) this.#venueIds.delete(oldest);
    }
    this.#venueIds.set(orderId, id);
  }

  #reject(order: Order, reason: string): VenueReport {
    const next = transition(order, 'rejected', { reason, at: this.#clock.now() });
    return { order: next.order, fills: [], transitions: [next.transition] };
  }

  #unknown(order: Order, reason: string): VenueReport {
    if (order.status === 'unknown') return { order, fills: [], transitions: [] };
    const next = transition(order, 'unknown', { reason, at: this.#clock.now() });
    return { order: next.order, fills: [], transitions: [next.transition] };
  }

  /** Runs a call that changes nothing; a ccxt failure becomes a {@link VenueError}. */
  async #call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toVenueError(error, `${this.#exchange.id} ${what}`, this.#redact);
    }
  }

  /** A call whose answer only adds detail: a failure gives `undefined`. */
  async #bestEffort<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch {
      return undefined;
    }
  }
}

/**
 * Whether a fill the exchange does not qualify took or made liquidity: a market order takes, a
 * post-only order makes, a limit order takes when it fills on arrival and makes once it rests.
 */
function liquidityGuess(order: Order, onArrival: boolean): Liquidity {
  if (order.type === 'market') return 'taker';
  if (order.postOnly) return 'maker';
  return onArrival ? 'taker' : 'maker';
}

/**
 * An order the exchange does not have, as `pending_new`: unchanged if it is, set back from `unknown`
 * (it never left `pending_new` at the exchange; the state machine has no such transition to record).
 */
function notPlaced(order: Order, exchangeId: string, at: Date): Order {
  if (order.status === 'pending_new') return order;
  return {
    ...order,
    status: 'pending_new',
    statusReason: `not found on ${exchangeId}: never arrived`,
    updatedAt: at,
  };
}

/** Two reports of one order, one after the other. */
function merge(first: VenueReport, second: VenueReport): VenueReport {
  const fills = [...first.fills, ...second.fills];
  const transitions: OrderTransition[] = [...first.transitions, ...second.transitions];
  const venueOrderId = second.venueOrderId ?? first.venueOrderId;
  return venueOrderId === undefined
    ? { order: second.order, fills, transitions }
    : { order: second.order, fills, transitions, venueOrderId };
}
