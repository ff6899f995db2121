import {
  type Order,
  type OrderStatus,
  type OrderTransition,
  parseSymbol,
  restoreOrder,
  type StoredOrder,
} from '@sigmax/engine';
import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../database';
import { orders, orderTransitions } from '../schema';

export type OrderRow = typeof orders.$inferSelect;
export type OrderTransitionRow = typeof orderTransitions.$inferSelect;

/** Statuses of an order still working (on the book or on its way): what `status=open` means. */
export const WORKING_STATUSES: readonly OrderStatus[] = [
  'pending_new',
  'open',
  'partially_filled',
  'pending_cancel',
];

/** An order with what the server knows about it beyond the engine's view. */
export interface OrderRecord {
  order: Order;
  venue: string;
  venueOrderId: string | null;
  replaces: string | null;
  replacedBy: string | null;
  /** What the order holds locked in the ledger. */
  reservation: { asset: string; amount: string } | null;
}

/** A stored row as the engine's order and its metadata. */
export function toOrderRecord(row: OrderRow): OrderRecord {
  const stored: StoredOrder = {
    id: row.id,
    clientOrderId: row.clientOrderId,
    symbol: row.symbol,
    side: row.side as Order['side'],
    type: row.type as Order['type'],
    timeInForce: row.timeInForce as Order['timeInForce'],
    postOnly: row.postOnly,
    quantity: row.quantity,
    limitPrice: row.price,
    filledQuantity: row.filledQuantity,
    filledNotional: row.filledNotional,
    averageFillPrice: row.averageFillPrice,
    fees: row.fees,
    fillCount: row.fillCount,
    status: row.status as OrderStatus,
    statusReason: row.statusReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  return {
    order: restoreOrder(stored),
    venue: row.venue,
    venueOrderId: row.venueOrderId,
    replaces: row.replaces,
    replacedBy: row.replacedBy,
    reservation:
      row.reservedAsset && row.reservedAmount !== null
        ? { asset: row.reservedAsset, amount: row.reservedAmount }
        : null,
  };
}

/** The columns an order's state fills in (everything that changes with a step). */
function stateColumns(record: OrderRecord) {
  const { order } = record;
  return {
    status: order.status,
    statusReason: order.statusReason ?? null,
    filledQuantity: order.filledQuantity.toString(),
    filledNotional: order.filledNotional.toString(),
    averageFillPrice: order.averageFillPrice?.toString() ?? null,
    fees: order.fees.toString(),
    fillCount: order.fillCount,
    venueOrderId: record.venueOrderId,
    replacedBy: record.replacedBy,
    reservedAsset: record.reservation?.asset ?? null,
    reservedAmount: record.reservation?.amount ?? null,
    updatedAt: order.updatedAt,
  };
}

/**
 * Writes a new order (normally `pending_new`) unless its `clientOrderId` is taken in the account.
 * Returns false on that conflict: the unique index decides, so concurrent duplicates cannot both pass.
 */
export async function insertOrder(
  db: Db,
  accountId: string,
  record: OrderRecord,
  apiKeyId: string | null,
): Promise<boolean> {
  const { order } = record;
  const inserted = await db
    .insert(orders)
    .values({
      id: order.id,
      accountId,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      quantity: order.quantity.toString(),
      price: order.limitPrice?.toString() ?? null,
      feeAsset: parseSymbol(order.symbol).quote,
      venue: record.venue,
      replaces: record.replaces,
      apiKeyId,
      createdAt: order.createdAt,
      ...stateColumns(record),
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  return inserted.length === 1;
}

/** Rewrites an order's state after a venue step (the statement, to run alone or in a step). */
export function updateOrderQuery(db: Db, record: OrderRecord) {
  return db.update(orders).set(stateColumns(record)).where(eq(orders.id, record.order.id));
}

/**
 * Removes a `pending_new` order the venue certainly never saw (it refused the request outright). Such
 * an order has no transitions yet: its creation is written with its first step.
 */
export async function deletePendingOrder(db: Db, id: string): Promise<void> {
  await db.delete(orders).where(and(eq(orders.id, id), eq(orders.status, 'pending_new')));
}

export async function findOrder(db: Db, accountId: string, id: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.id, id)))
    .limit(1);
  return row;
}

export async function findOrderByClientId(
  db: Db,
  accountId: string,
  clientOrderId: string,
): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountId), eq(orders.clientOrderId, clientOrderId)))
    .limit(1);
  return row;
}

export interface OrderFilter {
  symbol?: string | undefined;
  statuses?: readonly OrderStatus[] | undefined;
  side?: Order['side'] | undefined;
  clientOrderId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** The last id of the previous page: ids sort by creation time, so newest first is id descending. */
  before?: string | undefined;
  limit: number;
}

/** A page of orders, newest first. */
export async function listOrders(db: Db, accountId: string, filter: OrderFilter): Promise<OrderRow[]> {
  const conditions = [eq(orders.accountId, accountId)];
  if (filter.symbol !== undefined) conditions.push(eq(orders.symbol, filter.symbol));
  if (filter.statuses !== undefined) conditions.push(inArray(orders.status, [...filter.statuses]));
  if (filter.side !== undefined) conditions.push(eq(orders.side, filter.side));
  if (filter.clientOrderId !== undefined) conditions.push(eq(orders.clientOrderId, filter.clientOrderId));
  if (filter.since !== undefined) conditions.push(gte(orders.createdAt, filter.since));
  if (filter.until !== undefined) conditions.push(lt(orders.createdAt, filter.until));
  if (filter.before !== undefined) conditions.push(lt(orders.id, filter.before));
  return db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(filter.limit);
}

/** Every order still working (see {@link WORKING_STATUSES}) or `unknown`, oldest first. */
export async function listUnsettledOrders(db: Db, accountId: string): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.accountId, accountId), inArray(orders.status, [...WORKING_STATUSES, 'unknown'])))
    .orderBy(asc(orders.id));
}

/** Status changes to store: the engine's, or the creation (`from` null). */
export type TransitionRecord = Omit<OrderTransition, 'from'> & { from: OrderStatus | null };

/** Stores status changes (the statement; `transitions` must not be empty). */
export function insertTransitionsQuery(db: Db, transitions: readonly TransitionRecord[]) {
  return db.insert(orderTransitions).values(
    transitions.map((t) => ({
      orderId: t.orderId,
      fromStatus: t.from,
      toStatus: t.to,
      reason: t.reason,
      at: t.at,
    })),
  );
}

/** An order's status changes, oldest first. */
export async function listTransitions(db: Db, orderId: string): Promise<OrderTransitionRow[]> {
  return db
    .select()
    .from(orderTransitions)
    .where(eq(orderTransitions.orderId, orderId))
    .orderBy(asc(orderTransitions.id));
}
