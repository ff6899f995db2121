import {
  applyExecution,
  canTransition,
  Decimal,
  type Execution,
  type Fill,
  isTerminal,
  type Liquidity,
  type Order,
  type OrderStatus,
  type OrderTransition,
  parseSymbol,
  transition,
  VenueError,
  type VenueReport,
} from '@sigmax/engine';
import type { CcxtFeeLike, CcxtOrderLike, CcxtTradeLike } from './ccxt-trading-exchange';

const ZERO = Decimal.ZERO;

/**
 * A decimal from what ccxt gives: a number goes through its shortest round-trip string form
 * ({@link Decimal.fromNumber}: `0.1` is exactly `0.1`, `1e-7` is `0.0000001`), a string is parsed as it is.
 * `undefined` for anything missing or malformed.
 */
export function decimalOf(value: unknown): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Decimal.fromNumber(value) : undefined;
  if (typeof value === 'string') return Decimal.tryFrom(value.trim());
  return undefined;
}

/** What the venue knows besides the ccxt order when it reconciles. */
export interface SyncOptions {
  /** The ccxt exchange id, for reasons (`accepted by binance`). */
  exchangeId: string;
  /** Now: the time of the transitions, and of fills the exchange does not date. */
  at: Date;
  /** Trades of the order fetched apart from it (`fetchOrderTrades`, `fetchMyTrades`), if any. */
  trades?: readonly CcxtTradeLike[] | undefined;
  /** The liquidity of fills the exchange does not qualify as maker or taker. */
  liquidity: Liquidity;
  /** A cancel was just sent: an order the exchange still shows working is `pending_cancel`. */
  cancelRequested?: boolean | undefined;
}

/**
 * How much of the order the exchange says is filled: `filled`, else `amount − remaining`, else all of it
 * for a `closed` order; `undefined` when the answer says nothing about it (an order echoed back with its
 * id alone).
 */
export function remoteFilled(order: Order, remote: CcxtOrderLike): Decimal | undefined {
  const filled = decimalOf(remote.filled);
  if (filled) return filled;
  const amount = decimalOf(remote.amount) ?? order.quantity;
  const remaining = decimalOf(remote.remaining);
  if (remaining) return amount.sub(remaining);
  if (remote.status === 'closed') return amount;
  return undefined;
}

/**
 * `true` when the exchange reports fills the order does not have yet and the trades on the ccxt order do
 * not account for them: the venue should then fetch the order's trades.
 */
export function needsTrades(order: Order, remote: CcxtOrderLike): boolean {
  const filled = remoteFilled(order, remote);
  if (!filled?.gt(order.filledQuantity)) return false;
  const trades = parseTrades(remote.trades, remote.id);
  return !trades || !sumOf(trades).eq(filled);
}

/**
 * Reconciles an order with the exchange's view of it (a ccxt order): adds the fills it does not have yet,
 * oldest first, and moves its status to the exchange's, recording every status it goes through.
 *
 * Fills come from the exchange's trades when they add up to its `filled` quantity (the ccxt order's own
 * `trades`, else `options.trades`); those already on the order (the first `fillCount` whose quantities add
 * up to `filledQuantity`) are skipped. Otherwise one fill is derived from the change in `filled` and the
 * order's `cost`/`average`. Each fill is numbered `<orderId>-<n>` after the order's `fillCount`, so the same
 * exchange state always gives the same trade ids.
 *
 * Fees: a fee in the quote asset is taken as it is; a fee in the base asset is valued at the fill's price
 * (exactly: `fee × price`); a fee in a third asset (BNB…) is kept on the fill in its own asset and is not
 * added to the order's `fees`, which are quote units.
 *
 * If the exchange reports fills it gives no price for, the order goes to `unknown` (to be refreshed),
 * rather than guess a price.
 *
 * @throws {VenueError} `exchange_error` when the exchange reports more filled than the order's quantity.
 */
export function syncOrder(order: Order, remote: CcxtOrderLike, options: SyncOptions): VenueReport {
  const venueOrderId = remote.id ?? undefined;
  const report = (current: Order, fills: Fill[], transitions: OrderTransition[]): VenueReport =>
    venueOrderId === undefined
      ? { order: current, fills, transitions }
      : { order: current, fills, transitions, venueOrderId };
  if (isTerminal(order.status)) return report(order, [], []);

  const ex = options.exchangeId;
  const transitions: OrderTransition[] = [];
  const fills: Fill[] = [];
  let current = order;
  const move = (to: OrderStatus, reason: string) => {
    const next = transition(current, to, { reason, at: options.at });
    current = next.order;
    transitions.push(next.transition);
  };

  const planned = planFills(order, remote, options);
  if (planned === 'unpriced') {
    if (canTransition(current.status, 'unknown')) {
      move('unknown', `${ex} reports fills without a price: to be refreshed`);
    }
    return report(current, fills, transitions);
  }
  for (const { fill, execution } of planned) {
    const applied = applyExecution(current, execution, 'fill');
    current = applied.order;
    if (applied.transition) transitions.push(applied.transition);
    fills.push(fill);
  }

  const target = targetStatus(remote.status, current);
  const working = target === 'open' || target === 'partially_filled';
  const wantsCancel =
    options.cancelRequested === true &&
    current.status !== 'pending_cancel' &&
    (working || target === 'canceled') &&
    canTransition(current.status, 'pending_cancel');
  if (wantsCancel) move('pending_cancel', 'cancel requested');
  // An order with a cancel on its way stays pending_cancel while the exchange still shows it working.
  if (working && current.status === 'pending_cancel') return report(current, fills, transitions);
  if (current.status !== target && canTransition(current.status, target)) {
    move(target, reasonFor(target, remote, current, ex));
  }
  return report(current, fills, transitions);
}

/** The engine status for a ccxt status, given what the order has filled. */
function targetStatus(status: string | undefined, order: Order): OrderStatus {
  const full = order.filledQuantity.eq(order.quantity);
  const some = order.filledQuantity.isPositive();
  if (full) return 'filled';
  switch (status) {
    case 'closed': // closed short of its quantity: the exchange ended it
    case 'canceled':
    case 'cancelled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return some ? 'canceled' : 'rejected';
    default: // 'open', undefined (an answer without a status), anything else ccxt passes through
      return some ? 'partially_filled' : 'open';
  }
}

function reasonFor(target: OrderStatus, remote: CcxtOrderLike, order: Order, ex: string): string {
  switch (target) {
    case 'canceled':
      if (order.status === 'pending_cancel') return `canceled on request (confirmed by ${ex})`;
      if (remote.status === 'closed') {
        return `closed by ${ex} with ${order.filledQuantity} of ${order.quantity} filled`;
      }
      return `canceled by ${ex}`;
    case 'expired':
      return `expired on ${ex} (${order.timeInForce})`;
    case 'rejected':
      return `rejected by ${ex}`;
    default:
      return `accepted by ${ex}`;
  }
}

interface PlannedFill {
  fill: Fill;
  execution: Execution;
}

interface ParsedTrade {
  price: Decimal;
  amount: Decimal;
  trade: CcxtTradeLike;
}

function planFills(order: Order, remote: CcxtOrderLike, options: SyncOptions): PlannedFill[] | 'unpriced' {
  const known = order.filledQuantity;
  const filled = remoteFilled(order, remote);
  if (!filled?.gt(known)) return [];
  if (filled.gt(order.quantity)) {
    throw new VenueError(
      'exchange_error',
      `${options.exchangeId} reports ${filled} filled on order ${order.id}, which is for ${order.quantity}`,
    );
  }
  for (const source of [remote.trades, options.trades]) {
    const trades = parseTrades(source, remote.id);
    if (!trades || !sumOf(trades).eq(filled)) continue;
    // Skip the trades already on the order: the oldest ones, adding up to exactly its filled quantity.
    let index = 0;
    let cumulative = ZERO;
    while (index < trades.length && cumulative.lt(known)) {
      cumulative = cumulative.add((trades[index] as ParsedTrade).amount);
      index++;
    }
    if (!cumulative.eq(known)) continue;
    return trades.slice(index).map((t, k) => tradeFill(order, t, order.fillCount + k + 1, remote, options));
  }
  return derivedFill(order, remote, filled, options);
}

/** The trades of a list that belong to the order, sorted oldest first; `undefined` if any is unusable. */
function parseTrades(
  list: readonly CcxtTradeLike[] | undefined,
  venueOrderId: string | undefined,
): ParsedTrade[] | undefined {
  if (!list || list.length === 0) return undefined;
  const parsed: ParsedTrade[] = [];
  const seen = new Set<string>();
  for (const trade of list) {
    if (trade.order != null && venueOrderId !== undefined && trade.order !== venueOrderId) continue;
    if (trade.id != null) {
      if (seen.has(trade.id)) continue;
      seen.add(trade.id);
    }
    const price = decimalOf(trade.price);
    const amount = decimalOf(trade.amount);
    if (!price?.isPositive() || !amount?.isPositive()) return undefined;
    parsed.push({ price, amount, trade });
  }
  if (parsed.length === 0) return undefined;
  return parsed.sort((a, b) => compareTrades(a.trade, b.trade));
}

/** Oldest first: by timestamp, then by id (numeric ids by value). Stable for ties. */
function compareTrades(a: CcxtTradeLike, b: CcxtTradeLike): number {
  if (typeof a.timestamp === 'number' && typeof b.timestamp === 'number' && a.timestamp !== b.timestamp) {
    return a.timestamp - b.timestamp;
  }
  if (a.id == null || b.id == null || a.id === b.id) return 0;
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) && a.id.length !== b.id.length) {
    return a.id.length - b.id.length;
  }
  return a.id < b.id ? -1 : 1;
}

function sumOf(trades: readonly ParsedTrade[]): Decimal {
  return Decimal.sum(trades.map((t) => t.amount));
}

function tradeFill(
  order: Order,
  { price, amount, trade }: ParsedTrade,
  n: number,
  remote: CcxtOrderLike,
  options: SyncOptions,
): PlannedFill {
  const fees = trade.fees && trade.fees.length > 0 ? trade.fees : [trade.fee];
  const fee = feeOf(order, fees, price);
  const at = dateOf(trade.timestamp) ?? dateOf(remote.lastTradeTimestamp) ?? options.at;
  const liquidity: Liquidity =
    trade.takerOrMaker === 'maker' ? 'maker' : trade.takerOrMaker === 'taker' ? 'taker' : options.liquidity;
  return makeFill(order, n, price, amount, fee, liquidity, at);
}

/** One fill for the change in `filled`, priced from the order's `cost` (or `average`). */
function derivedFill(
  order: Order,
  remote: CcxtOrderLike,
  filled: Decimal,
  options: SyncOptions,
): PlannedFill[] | 'unpriced' {
  const known = order.filledQuantity;
  const quantity = filled.sub(known);
  const average = decimalOf(remote.average);
  const cost = decimalOf(remote.cost) ?? average?.mul(filled);
  let price: Decimal | undefined;
  if (known.isZero()) price = average ?? cost?.div(filled, Decimal.MAX_SCALE);
  else {
    const added = cost?.sub(order.filledNotional);
    price = added?.isPositive() ? added.div(quantity, Decimal.MAX_SCALE) : average;
  }
  if (!price?.isPositive()) return 'unpriced';
  const fees = remote.fees && remote.fees.length > 0 ? remote.fees : [remote.fee];
  const total = feeOf(order, fees, average ?? price);
  // The order's fee so far, less what its earlier fills carried: only quote fees can be split that way.
  const fee = known.isZero()
    ? total
    : {
        fee: total.quoteFee.sub(order.fees),
        quoteFee: total.quoteFee.sub(order.fees),
        asset: quoteOf(order),
      };
  const at = dateOf(remote.lastTradeTimestamp) ?? options.at;
  return [makeFill(order, order.fillCount + 1, price, quantity, fee, options.liquidity, at)];
}

interface FeeParts {
  /** What the fill records, in `asset`. */
  fee: Decimal;
  asset: string;
  /** What the order's `fees` (quote units) take. */
  quoteFee: Decimal;
}

function feeOf(order: Order, fees: readonly (CcxtFeeLike | undefined)[], price: Decimal): FeeParts {
  const { base, quote } = parseSymbol(order.symbol);
  let quoteFee = ZERO;
  let other: { cost: Decimal; asset: string } | undefined;
  for (const entry of fees) {
    const cost = decimalOf(entry?.cost);
    if (!cost || cost.isZero()) continue;
    const currency = entry?.currency ?? quote;
    if (currency === quote) quoteFee = quoteFee.add(cost);
    else if (currency === base) quoteFee = quoteFee.add(cost.mul(price));
    else if (!other) other = { cost, asset: currency };
    else if (other.asset === currency) other = { cost: other.cost.add(cost), asset: currency };
  }
  if (other && quoteFee.isZero()) return { fee: other.cost, asset: other.asset, quoteFee: ZERO };
  return { fee: quoteFee, asset: quote, quoteFee };
}

function quoteOf(order: Order): string {
  return parseSymbol(order.symbol).quote;
}

function makeFill(
  order: Order,
  n: number,
  price: Decimal,
  quantity: Decimal,
  fee: FeeParts,
  liquidity: Liquidity,
  at: Date,
): PlannedFill {
  const notional = price.mul(quantity);
  const fill: Fill = {
    tradeId: `${order.id}-${n}`,
    orderId: order.id,
    symbol: order.symbol,
    side: order.side,
    price,
    quantity,
    notional,
    fee: fee.fee,
    feeAsset: fee.asset,
    liquidity,
    at,
  };
  return { fill, execution: { price, quantity, notional, fee: fee.quoteFee, at } };
}

function dateOf(timestamp: unknown): Date | undefined {
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? new Date(timestamp) : undefined;
}
