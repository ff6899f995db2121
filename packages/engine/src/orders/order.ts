import { Decimal, DecimalError, type DecimalInput } from '../decimal';
import { OrderStateError, OrderValidationError } from './errors';
import { canTransition, type OrderTransition, transition } from './state-machine';

export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

export const ORDER_TYPES = ['market', 'limit'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * - `GTC` (good till canceled): whatever does not fill at once rests on the book;
 * - `IOC` (immediate or cancel): fill what can be filled now, cancel the rest;
 * - `FOK` (fill or kill): fill everything now or nothing at all.
 */
export const TIME_IN_FORCES = ['GTC', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIME_IN_FORCES)[number];

/**
 * The life of an order. `pending_new` is where every order starts; `filled`, `canceled`, `expired`,
 * `rejected`, `denied` and `replaced` are terminal. `canceled` and `expired` orders may carry fills.
 * `denied` means our own checks refused it before it reached a venue; `rejected` means the venue
 * refused it. `unknown` is for live venues that stopped answering about an order.
 */
export const ORDER_STATUSES = [
  'pending_new',
  'open',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'expired',
  'rejected',
  'denied',
  'unknown',
  'replaced',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Who provided the liquidity of a fill: a resting order (maker) or the incoming one (taker). */
export type Liquidity = 'maker' | 'taker';

/**
 * An order. Immutable: every change returns a new object and an {@link OrderTransition} or a
 * {@link Fill}, so a caller can persist each step. Decimals serialise as canonical strings.
 */
export interface Order {
  readonly id: string;
  /** The caller's own id, unique per account; defaults to `id`. */
  readonly clientOrderId: string;
  /** `BASE/QUOTE`, e.g. `BTC/USDT`. */
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  /** Rest only: the order is rejected rather than take liquidity. */
  readonly postOnly: boolean;
  /** In base units. */
  readonly quantity: Decimal;
  /** Limit orders only. */
  readonly limitPrice?: Decimal;
  readonly filledQuantity: Decimal;
  /** Σ price × quantity over the fills, in quote units (exact up to 18 decimals). */
  readonly filledNotional: Decimal;
  /** `filledNotional / filledQuantity` rounded half-even to 18 decimals; absent before the first fill. */
  readonly averageFillPrice?: Decimal;
  /** Σ fill fees, in quote units. */
  readonly fees: Decimal;
  /** How many fills the order has had; numbers the next fill's `tradeId`. */
  readonly fillCount: number;
  readonly status: OrderStatus;
  /** Why the order got its current status (`'insufficient liquidity'`, ...). */
  readonly statusReason?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One execution against an order. */
export interface Fill {
  /** `<orderId>-<n>`, n counting the order's fills from 1: stable, so storing a fill twice is detectable. */
  readonly tradeId: string;
  readonly orderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly price: Decimal;
  readonly quantity: Decimal;
  /** `price × quantity`, in quote units. */
  readonly notional: Decimal;
  /** In quote units (`feeAsset`); negative for a maker rebate. */
  readonly fee: Decimal;
  readonly feeAsset: string;
  readonly liquidity: Liquidity;
  readonly at: Date;
}

/** What a caller asks for. Decimals may be given as strings. */
export interface OrderRequest {
  id: string;
  clientOrderId?: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /**
   * @default 'GTC' for limit orders, 'IOC' for market orders (a market order never rests, so `GTC`
   * on a market order behaves as `IOC`).
   */
  timeInForce?: TimeInForce;
  /** @default false */
  postOnly?: boolean;
  quantity: DecimalInput;
  limitPrice?: DecimalInput;
}

/** Exchange rules of one instrument (Binance's PRICE_FILTER / LOT_SIZE / MIN_NOTIONAL). */
export interface InstrumentRules {
  /** Prices must be multiples of it. */
  tickSize?: DecimalInput;
  /** Quantities must be multiples of it. */
  lotSize?: DecimalInput;
  minQuantity?: DecimalInput;
  /** Minimum `quantity × limitPrice` of a limit order. */
  minNotional?: DecimalInput;
}

/** The two assets of a `BASE/QUOTE` symbol. */
export interface SymbolAssets {
  base: string;
  quote: string;
}

const SYMBOL_PATTERN = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})$/;
const symbolCache = new Map<string, SymbolAssets>();

/**
 * Splits `BASE/QUOTE` into its assets.
 * @throws {OrderValidationError} (`field: 'symbol'`) for anything else.
 * @example parseSymbol('BTC/USDT') // { base: 'BTC', quote: 'USDT' }
 */
export function parseSymbol(symbol: string): SymbolAssets {
  const cached = symbolCache.get(symbol);
  if (cached) return cached;
  const match = SYMBOL_PATTERN.exec(symbol);
  if (!match)
    throw new OrderValidationError('symbol', `symbol must look like BTC/USDT, got ${JSON.stringify(symbol)}`);
  const assets = Object.freeze({ base: match[1] as string, quote: match[2] as string });
  if (symbolCache.size < 10_000) symbolCache.set(symbol, assets);
  return assets;
}

function decimalField(field: string, value: DecimalInput | undefined): Decimal {
  if (value === undefined) throw new OrderValidationError(field, `${field} is required`);
  try {
    return Decimal.from(value);
  } catch (error) {
    if (error instanceof DecimalError) throw new OrderValidationError(field, `${field}: ${error.message}`);
    throw error;
  }
}

function positiveField(field: string, value: DecimalInput | undefined): Decimal {
  const decimal = decimalField(field, value);
  if (!decimal.isPositive()) throw new OrderValidationError(field, `${field} must be greater than zero`);
  return decimal;
}

function oneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new OrderValidationError(
      field,
      `${field} must be one of ${allowed.join(', ')}, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Validates a request and makes the order in `pending_new`.
 * @throws {OrderValidationError} when the request is malformed or breaks the instrument's rules.
 * @example
 * const order = createOrder(
 *   { id: 'ord_1', symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: '0.5', limitPrice: '64000' },
 *   { at: clock.now(), rules: { tickSize: '0.01', lotSize: '0.00001' } },
 * );
 */
export function createOrder(request: OrderRequest, options: { at: Date; rules?: InstrumentRules }): Order {
  if (typeof request.id !== 'string' || request.id === '')
    throw new OrderValidationError('id', 'id is required');
  parseSymbol(request.symbol);
  const side = oneOf('side', request.side, ORDER_SIDES);
  const type = oneOf('type', request.type, ORDER_TYPES);
  const timeInForce = oneOf(
    'timeInForce',
    request.timeInForce ?? (type === 'market' ? 'IOC' : 'GTC'),
    TIME_IN_FORCES,
  );
  const postOnly = request.postOnly ?? false;
  const quantity = positiveField('quantity', request.quantity);
  let limitPrice: Decimal | undefined;
  if (type === 'limit') {
    limitPrice = positiveField('limitPrice', request.limitPrice);
    if (postOnly && timeInForce !== 'GTC') {
      throw new OrderValidationError(
        'postOnly',
        'a post-only order must be GTC: it exists to rest on the book',
      );
    }
  } else {
    if (request.limitPrice !== undefined) {
      throw new OrderValidationError('limitPrice', 'a market order takes no limit price');
    }
    if (postOnly) throw new OrderValidationError('postOnly', 'a market order always takes liquidity');
  }
  const rules = options.rules;
  if (rules) {
    if (rules.lotSize !== undefined && !quantity.isMultipleOf(rules.lotSize)) {
      throw new OrderValidationError(
        'quantity',
        `quantity must be a multiple of the lot size ${Decimal.from(rules.lotSize)}`,
      );
    }
    if (rules.minQuantity !== undefined && quantity.lt(rules.minQuantity)) {
      throw new OrderValidationError(
        'quantity',
        `quantity must be at least ${Decimal.from(rules.minQuantity)}`,
      );
    }
    if (limitPrice && rules.tickSize !== undefined && !limitPrice.isMultipleOf(rules.tickSize)) {
      throw new OrderValidationError(
        'limitPrice',
        `limitPrice must be a multiple of the tick size ${Decimal.from(rules.tickSize)}`,
      );
    }
    if (limitPrice && rules.minNotional !== undefined && quantity.mul(limitPrice).lt(rules.minNotional)) {
      throw new OrderValidationError(
        'quantity',
        `quantity × limitPrice must be at least ${Decimal.from(rules.minNotional)}`,
      );
    }
  }
  // Every order object has the same fields in the same order (one hidden class for the engine).
  return {
    id: request.id,
    clientOrderId: request.clientOrderId ?? request.id,
    symbol: request.symbol,
    side,
    type,
    timeInForce,
    postOnly,
    quantity,
    limitPrice,
    filledQuantity: Decimal.ZERO,
    filledNotional: Decimal.ZERO,
    averageFillPrice: undefined,
    fees: Decimal.ZERO,
    fillCount: 0,
    status: 'pending_new',
    statusReason: undefined,
    createdAt: options.at,
    updatedAt: options.at,
  };
}

/** An {@link Order} as stored or sent: decimals as strings, times as ISO strings (or numbers, Dates). */
export type StoredOrder = Omit<
  Order,
  | 'quantity'
  | 'limitPrice'
  | 'filledQuantity'
  | 'filledNotional'
  | 'averageFillPrice'
  | 'fees'
  | 'statusReason'
  | 'createdAt'
  | 'updatedAt'
> & {
  quantity: DecimalInput;
  limitPrice?: DecimalInput | null;
  filledQuantity: DecimalInput;
  filledNotional: DecimalInput;
  averageFillPrice?: DecimalInput | null;
  fees: DecimalInput;
  statusReason?: string | null;
  createdAt: Date | string | number;
  updatedAt: Date | string | number;
};

/**
 * Rebuilds an order from its stored form (a database row, `JSON.parse(JSON.stringify(order))`), so
 * a restarted venue can take its resting orders back. `null` columns count as absent.
 * @throws {DecimalError} for a malformed decimal.
 */
export function restoreOrder(stored: StoredOrder): Order {
  const optional = (value: DecimalInput | null | undefined) =>
    value === null || value === undefined ? undefined : Decimal.from(value);
  return {
    id: stored.id,
    clientOrderId: stored.clientOrderId,
    symbol: stored.symbol,
    side: stored.side,
    type: stored.type,
    timeInForce: stored.timeInForce,
    postOnly: stored.postOnly,
    quantity: Decimal.from(stored.quantity),
    limitPrice: optional(stored.limitPrice),
    filledQuantity: Decimal.from(stored.filledQuantity),
    filledNotional: Decimal.from(stored.filledNotional),
    averageFillPrice: optional(stored.averageFillPrice),
    fees: Decimal.from(stored.fees),
    fillCount: stored.fillCount,
    status: stored.status,
    statusReason: stored.statusReason ?? undefined,
    createdAt: new Date(stored.createdAt),
    updatedAt: new Date(stored.updatedAt),
  };
}

/** `quantity − filledQuantity`. */
export function remainingQuantity(order: Order): Decimal {
  return order.quantity.sub(order.filledQuantity);
}

/** What one execution adds to an order (a {@link Fill} is one). */
export type Execution = Pick<Fill, 'price' | 'quantity' | 'notional' | 'fee' | 'at'>;

/**
 * Adds an execution to an order: quantities, notional, average price and fees, and the status moves
 * to `partially_filled` or `filled` (a transition is returned only when the status changes).
 * @throws {OrderStateError} `order_overfilled` past the order quantity; `illegal_order_transition`
 * when the status cannot take fills (terminal orders).
 */
export function applyExecution(
  order: Order,
  execution: Execution,
  reason = 'fill',
): { order: Order; transition?: OrderTransition } {
  return addExecution(order, execution, reason, true);
}

/**
 * {@link applyExecution}, optionally without recomputing the average price (a division): a matcher
 * applying several fills in one step computes it once at the end.
 * @internal
 */
export function addExecution(
  order: Order,
  execution: Execution,
  reason: string,
  withAveragePrice: boolean,
): { order: Order; transition?: OrderTransition } {
  const filledQuantity = order.filledQuantity.add(execution.quantity);
  if (!execution.quantity.isPositive() || filledQuantity.gt(order.quantity)) {
    throw new OrderStateError(
      'order_overfilled',
      `order ${order.id}: cannot fill ${execution.quantity} (filled ${order.filledQuantity} of ${order.quantity})`,
      order.id,
      order.status,
      order.status,
    );
  }
  const from = order.status;
  const to: OrderStatus = filledQuantity.eq(order.quantity) ? 'filled' : 'partially_filled';
  const changes = to !== from;
  // Let transition() raise the error for a status that takes no fills.
  if (changes && !canTransition(from, to)) transition(order, to, { reason, at: execution.at });
  const filledNotional = order.filledNotional.add(execution.notional);
  const next: Order = {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    postOnly: order.postOnly,
    quantity: order.quantity,
    limitPrice: order.limitPrice,
    filledQuantity,
    filledNotional,
    averageFillPrice: withAveragePrice
      ? averagePrice(filledNotional, filledQuantity)
      : order.averageFillPrice,
    fees: order.fees.add(execution.fee),
    fillCount: order.fillCount + 1,
    status: to,
    statusReason: changes ? reason : order.statusReason,
    createdAt: order.createdAt,
    updatedAt: execution.at,
  };
  if (!changes) return { order: next };
  return { order: next, transition: { orderId: order.id, from, to, reason, at: execution.at } };
}

/** `notional / quantity`, rounded half-even to 18 decimals. @internal */
export function averagePrice(notional: Decimal, quantity: Decimal): Decimal {
  return notional.div(quantity, Decimal.MAX_SCALE);
}
