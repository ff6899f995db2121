import type { Fill } from '@sigmax/engine';
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../database';
import { fills } from '../schema';

export type FillRow = typeof fills.$inferSelect;

/**
 * Stores fills (the statement; `rows` must not be empty). The unique trade id makes storing one twice
 * fail instead of counting it twice.
 */
export function insertFillsQuery(
  db: Db,
  accountId: string,
  rows: readonly { fill: Fill; clientOrderId: string }[],
) {
  return db.insert(fills).values(
    rows.map(({ fill, clientOrderId }) => ({
      accountId,
      tradeId: fill.tradeId,
      orderId: fill.orderId,
      clientOrderId,
      symbol: fill.symbol,
      side: fill.side,
      price: fill.price.toString(),
      quantity: fill.quantity.toString(),
      notional: fill.notional.toString(),
      fee: fill.fee.toString(),
      feeAsset: fill.feeAsset,
      liquidity: fill.liquidity,
      at: fill.at,
    })),
  );
}

export interface FillFilter {
  symbol?: string | undefined;
  orderId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** The `seq` of the last fill of the previous page. */
  before?: number | undefined;
  limit: number;
}

/** A page of fills, newest first. */
export async function listFills(db: Db, accountId: string, filter: FillFilter): Promise<FillRow[]> {
  const conditions = [eq(fills.accountId, accountId)];
  if (filter.symbol !== undefined) conditions.push(eq(fills.symbol, filter.symbol));
  if (filter.orderId !== undefined) conditions.push(eq(fills.orderId, filter.orderId));
  if (filter.since !== undefined) conditions.push(gte(fills.at, filter.since));
  if (filter.until !== undefined) conditions.push(lt(fills.at, filter.until));
  if (filter.before !== undefined) conditions.push(lt(fills.seq, filter.before));
  return db
    .select()
    .from(fills)
    .where(and(...conditions))
    .orderBy(desc(fills.seq))
    .limit(filter.limit);
}

/** Every fill of the account, oldest first (reconciliation and tests). */
export async function listAllFills(db: Db, accountId: string): Promise<FillRow[]> {
  return db.select().from(fills).where(eq(fills.accountId, accountId)).orderBy(asc(fills.seq));
}
