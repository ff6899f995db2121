import { Decimal } from '../decimal';
import { OrderStateError } from '../orders/errors';
import {
  addExecution,
  averagePrice,
  type Fill,
  type Liquidity,
  type Order,
  parseSymbol,
} from '../orders/order';
import { type OrderTransition, transition } from '../orders/state-machine';
import type { PaperSettings } from './config';
import type { BookLevel, MarketView } from './market-view';
import { PAPER_REASONS } from './reasons';

/** What one matching step did: the order afterwards, its fills and its status changes, in order. */
export interface MatchResult {
  readonly order: Order;
  readonly fills: readonly Fill[];
  readonly transitions: readonly OrderTransition[];
}

/** Accumulates fills and transitions on an order. */
class Matching {
  order: Order;
  readonly fills: Fill[] = [];
  readonly transitions: OrderTransition[] = [];
  private readonly feeAsset: string;

  constructor(
    order: Order,
    private readonly settings: PaperSettings,
    private readonly at: Date,
  ) {
    this.order = order;
    this.feeAsset = parseSymbol(order.symbol).quote;
  }

  fill(price: Decimal, quantity: Decimal, liquidity: Liquidity): void {
    const { settings, order } = this;
    const notional = price.mul(quantity);
    const rate = liquidity === 'maker' ? settings.makerFeeRate : settings.takerFeeRate;
    const fill: Fill = {
      tradeId: `${order.id}-${order.fillCount + 1}`,
      orderId: order.id,
      symbol: order.symbol,
      side: order.side,
      price,
      quantity,
      notional,
      fee: notional.mul(rate, settings.feeScale, settings.feeRounding),
      feeAsset: this.feeAsset,
      liquidity,
      at: this.at,
    };
    const next = addExecution(order, fill, PAPER_REASONS.fill, false);
    this.order = next.order;
    this.fills.push(fill);
    if (next.transition) this.transitions.push(next.transition);
  }

  move(to: Order['status'], reason: string): void {
    const next = transition(this.order, to, { reason, at: this.at });
    this.order = next.order;
    this.transitions.push(next.transition);
  }

  result(): MatchResult {
    let order = this.order;
    if (this.fills.length > 0)
      order = { ...order, averageFillPrice: averagePrice(order.filledNotional, order.filledQuantity) };
    return { order, fills: this.fills, transitions: this.transitions };
  }
}

/** Whether a level at `price` trades against an order on `side` limited at `limit`. */
function crosses(side: Order['side'], price: Decimal, limit: Decimal | undefined): boolean {
  if (limit === undefined) return true;
  return side === 'buy' ? price.lte(limit) : price.gte(limit);
}

/** Base quantity on `levels` that an order limited at `limit` could take, counted up to `cap`. */
function takeableQuantity(
  side: Order['side'],
  levels: readonly BookLevel[],
  limit: Decimal | undefined,
  cap: Decimal,
): Decimal {
  let total = Decimal.ZERO;
  for (const [price, quantity] of levels) {
    if (!crosses(side, price, limit) || total.gte(cap)) break;
    total = total.add(quantity);
  }
  return total;
}

/**
 * Matches a new order (status `pending_new`) against a market view, as a venue does on arrival:
 *
 * - the order walks the opposite side level by level (asks for a buy) and takes each level's price
 *   as taker, down to its limit price if it has one;
 * - market orders also pay `settings.slippage` against them on every level (rounded against the
 *   taker) and cancel whatever the book cannot fill (`'insufficient liquidity'`);
 * - limit GTC orders rest (`open`, or `partially_filled` after a partial take); IOC orders cancel the
 *   rest; FOK orders expire without a fill unless the book holds their whole quantity; post-only
 *   orders are rejected if any of their quantity would take.
 *
 * The book is not changed: each incoming order sees the whole view (the venue's own orders do not
 * move a real market). Pure and deterministic.
 * @throws {OrderStateError} `illegal_order_transition` when the order is not `pending_new`.
 */
export function matchIncomingOrder(
  order: Order,
  market: MarketView,
  settings: PaperSettings,
  at: Date,
): MatchResult {
  if (order.status !== 'pending_new') {
    throw new OrderStateError(
      'illegal_order_transition',
      `order ${order.id} is ${order.status}; only a pending_new order can be matched on arrival`,
      order.id,
      order.status,
      'open',
    );
  }
  const side = order.side;
  const buy = side === 'buy';
  const levels = buy ? market.asks : market.bids;
  const limit = order.limitPrice;
  const matching = new Matching(order, settings, at);

  if (order.postOnly) {
    const best = levels.find(([, quantity]) => quantity.isPositive());
    if (best && crosses(side, best[0], limit)) {
      matching.move('rejected', PAPER_REASONS.postOnlyWouldTake);
    } else {
      matching.move('open', PAPER_REASONS.accepted);
    }
    return matching.result();
  }

  if (
    order.timeInForce === 'FOK' &&
    takeableQuantity(side, levels, limit, order.quantity).lt(order.quantity)
  ) {
    matching.move('expired', PAPER_REASONS.fillOrKill);
    return matching.result();
  }

  const market_ = order.type === 'market';
  const slip = market_ && !settings.slippage.isZero();
  const slipFactor = buy ? Decimal.ONE.add(settings.slippage) : Decimal.ONE.sub(settings.slippage);
  let remaining = order.quantity;
  for (const [price, quantity] of levels) {
    if (remaining.isZero() || !crosses(side, price, limit)) break;
    if (!quantity.isPositive()) continue;
    const take = remaining.min(quantity);
    const fillPrice = slip ? price.mul(slipFactor, Decimal.MAX_SCALE, buy ? 'ceil' : 'floor') : price;
    matching.fill(fillPrice, take, 'taker');
    remaining = remaining.sub(take);
  }

  if (remaining.isZero()) return matching.result();
  if (market_) {
    matching.move('canceled', PAPER_REASONS.insufficientLiquidity);
  } else if (order.timeInForce === 'IOC') {
    matching.move('canceled', PAPER_REASONS.immediateOrCancel);
  } else if (matching.order.status === 'pending_new') {
    matching.move('open', PAPER_REASONS.accepted);
  }
  return matching.result();
}

/**
 * Base quantity the market could have traded against a resting limit order at `price` on `side`:
 * the larger of the opposite book's quantity beyond the price and, when the traded range crossed the
 * price, the traded volume. Prices only touching the order count when `fillOnTouch` is on.
 */
export function restingLiquidity(
  side: Order['side'],
  price: Decimal,
  market: MarketView,
  settings: PaperSettings,
): Decimal {
  const touch = settings.fillOnTouch;
  const reached =
    side === 'buy'
      ? (p: Decimal) => (touch ? p.lte(price) : p.lt(price))
      : (p: Decimal) => (touch ? p.gte(price) : p.gt(price));
  let book = Decimal.ZERO;
  for (const [levelPrice, quantity] of side === 'buy' ? market.asks : market.bids) {
    if (!reached(levelPrice)) break;
    book = book.add(quantity);
  }
  const traded = market.traded;
  if (traded && reached(side === 'buy' ? traded.low : traded.high) && traded.volume.gt(book))
    return traded.volume;
  return book;
}

/**
 * Matches a resting limit order (`open` or `partially_filled`) against a later market view: when the
 * market crosses its price, it fills at its own limit price as maker, up to
 * {@link restingLiquidity} less `consumed` (what orders ahead of it in the same view already took).
 * Returns the order unchanged, with no fills, when the market does not reach it.
 * @throws {OrderStateError} for a market order or an order that is not working.
 */
export function matchRestingOrder(
  order: Order,
  market: MarketView,
  settings: PaperSettings,
  at: Date,
  consumed: Decimal = Decimal.ZERO,
): MatchResult {
  const limit = order.limitPrice;
  if (limit === undefined || (order.status !== 'open' && order.status !== 'partially_filled')) {
    throw new OrderStateError(
      'illegal_order_transition',
      `order ${order.id} (${order.type}, ${order.status}) is not a resting limit order`,
      order.id,
      order.status,
      'partially_filled',
    );
  }
  const matching = new Matching(order, settings, at);
  const available = restingLiquidity(order.side, limit, market, settings).sub(consumed);
  if (available.isPositive())
    matching.fill(limit, available.min(order.quantity.sub(order.filledQuantity)), 'maker');
  return matching.result();
}
