import type {
  Fill,
  Order,
  OrderCreateParams,
  OrderReplaceParams,
  OrderSide,
  OrderType,
  Sigmax,
  TimeInForce,
} from '@sigmax/sdk';
import { count, decimal, oneOf, required, take } from '../args';
import { formatFields, formatTable, type Output } from '../output';
import { UsageError } from '../settings';

const SIDES: OrderSide[] = ['buy', 'sell'];
const TYPES: OrderType[] = ['market', 'limit'];
const TIME_IN_FORCE: TimeInForce[] = ['GTC', 'IOC', 'FOK'];
/** Rows printed by list commands without `--limit`. */
const DEFAULT_ROWS = 50;

export interface OrderFlags {
  price?: string | undefined;
  quantity?: string | undefined;
  type?: string | undefined;
  tif?: string | undefined;
  postOnly?: boolean | undefined;
  clientOrderId?: string | undefined;
  symbol?: string | undefined;
  status?: string | undefined;
  side?: string | undefined;
  order?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  limit?: string | undefined;
}

/** One order as `key: value` lines. */
export function orderFields(o: Order): string {
  return formatFields([
    ['id', o.id],
    ['client order id', o.clientOrderId],
    ['symbol', o.symbol],
    ['side', o.side],
    ['type', `${o.type} ${o.timeInForce}${o.postOnly ? ' post-only' : ''}`],
    ['status', o.statusReason ? `${o.status} (${o.statusReason})` : o.status],
    ['quantity', o.quantity],
    ['price', o.price ?? 'market'],
    ['filled', o.filledQuantity],
    ['remaining', o.remainingQuantity],
    ['average price', o.averageFillPrice],
    ['fees', `${o.fees} ${o.feeAsset}`],
    ['venue', o.venue],
    ['replaces', o.replaces],
    ['replaced by', o.replacedBy],
    ['created', o.createdAt],
    ['updated', o.updatedAt],
  ]);
}

export function orderTable(orders: Order[]): string {
  return formatTable(
    ['ID', 'SYMBOL', 'SIDE', 'TYPE', 'QUANTITY', 'PRICE', 'FILLED', 'STATUS', 'CREATED'],
    orders.map((o) => [
      o.id,
      o.symbol,
      o.side,
      o.type,
      o.quantity,
      o.price ?? 'market',
      o.filledQuantity,
      o.status,
      o.createdAt,
    ]),
  );
}

const PLACE_USAGE =
  'sigmax order place <symbol> <buy|sell> <quantity> [--price <p>] [--type market|limit] ' +
  '[--tif GTC|IOC|FOK] [--post-only] [--client-order-id <id>]';

export async function orderPlace(sigmax: Sigmax, out: Output, args: string[], flags: OrderFlags) {
  const [symbol, side, quantity] = args;
  const request: OrderCreateParams = {
    symbol: required(symbol, PLACE_USAGE),
    side: oneOf(required(side, PLACE_USAGE), SIDES, 'side'),
    // A price makes a limit order unless --type says otherwise.
    type: flags.type ? oneOf(flags.type, TYPES, '--type') : flags.price ? 'limit' : 'market',
    quantity: decimal(required(quantity, PLACE_USAGE), 'quantity'),
  };
  if (request.type === 'limit' && !flags.price) throw new UsageError('a limit order needs --price');
  if (request.type === 'market' && flags.price) throw new UsageError('a market order takes no --price');
  if (flags.price) request.price = decimal(flags.price, '--price');
  if (flags.tif) request.timeInForce = oneOf(flags.tif, TIME_IN_FORCE, '--tif');
  if (flags.postOnly) request.postOnly = true;
  if (flags.clientOrderId) request.clientOrderId = flags.clientOrderId;
  const order = await sigmax.orders.create(request);
  out.print(order, () => orderFields(order));
}

export async function orderList(sigmax: Sigmax, out: Output, flags: OrderFlags) {
  const limit = count(flags.limit, '--limit', DEFAULT_ROWS, 10_000);
  const orders = await take(
    sigmax.orders.list({
      limit: Math.min(limit, 500),
      ...(flags.symbol ? { symbol: flags.symbol } : {}),
      ...(flags.status ? { status: flags.status } : {}),
      ...(flags.side ? { side: oneOf(flags.side, SIDES, '--side') } : {}),
      ...(flags.clientOrderId ? { clientOrderId: flags.clientOrderId } : {}),
      ...(flags.since ? { since: flags.since } : {}),
      ...(flags.until ? { until: flags.until } : {}),
    }),
    limit,
  );
  out.print(orders, () => orderTable(orders));
}

export async function orderGet(sigmax: Sigmax, out: Output, id: string | undefined) {
  const order = await sigmax.orders.get(required(id, 'sigmax order get <id>'));
  out.print(order, () => orderFields(order));
}

export async function orderCancel(sigmax: Sigmax, out: Output, id: string | undefined) {
  const order = await sigmax.orders.cancel(required(id, 'sigmax order cancel <id>'));
  out.print(
    order,
    () => `canceled ${order.id} (${order.symbol} ${order.side}), filled ${order.filledQuantity}`,
  );
}

export async function orderCancelAll(sigmax: Sigmax, out: Output, flags: OrderFlags) {
  const { data } = await sigmax.orders.cancelAll(flags.symbol ? { symbol: flags.symbol } : {});
  out.print(data, () =>
    data.length === 0 ? 'no open orders' : `canceled ${data.length} order(s)\n${orderTable(data)}`,
  );
}

export async function orderReplace(sigmax: Sigmax, out: Output, id: string | undefined, flags: OrderFlags) {
  const usage = 'sigmax order replace <id> [--price <p>] [--quantity <q>] [--client-order-id <id>]';
  const orderId = required(id, usage);
  const changes: OrderReplaceParams = {
    ...(flags.price ? { price: decimal(flags.price, '--price') } : {}),
    ...(flags.quantity ? { quantity: decimal(flags.quantity, '--quantity') } : {}),
    ...(flags.clientOrderId ? { clientOrderId: flags.clientOrderId } : {}),
  };
  if (Object.keys(changes).length === 0) throw new UsageError(`usage: ${usage} (at least one of them)`);
  const order = await sigmax.orders.replace(orderId, changes);
  out.print(order, () => orderFields(order));
}

export async function fills(sigmax: Sigmax, out: Output, flags: OrderFlags) {
  const limit = count(flags.limit, '--limit', DEFAULT_ROWS, 10_000);
  const list: Fill[] = await take(
    sigmax.fills.list({
      limit: Math.min(limit, 500),
      ...(flags.symbol ? { symbol: flags.symbol } : {}),
      ...(flags.order ? { orderId: flags.order } : {}),
      ...(flags.since ? { since: flags.since } : {}),
      ...(flags.until ? { until: flags.until } : {}),
    }),
    limit,
  );
  out.print(list, () =>
    formatTable(
      ['TIME', 'ID', 'ORDER', 'SYMBOL', 'SIDE', 'QUANTITY', 'PRICE', 'FEE', 'LIQUIDITY'],
      list.map((f) => [
        f.time,
        f.id,
        f.orderId,
        f.symbol,
        f.side,
        f.quantity,
        f.price,
        `${f.fee} ${f.feeAsset}`,
        f.liquidity,
      ]),
    ),
  );
}
