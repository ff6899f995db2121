import type { Balance, Position } from '@sigmax/engine';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { balances, deposits, positions, tradingAccounts } from '../schema';

export type TradingAccountRow = typeof tradingAccounts.$inferSelect;
export type BalanceRow = typeof balances.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type DepositRow = typeof deposits.$inferSelect;

export async function findTradingAccount(db: Db, id: string): Promise<TradingAccountRow | undefined> {
  const [row] = await db.select().from(tradingAccounts).where(eq(tradingAccounts.id, id)).limit(1);
  return row;
}

/**
 * Opens an account with its starting deposits, balances and positions, in one transaction. Returns
 * false when another process opened it first (the caller then reads that one).
 */
export async function createTradingAccount(
  db: Db,
  input: {
    id: string;
    quoteAsset: string;
    costScale: number;
    deposits: readonly { asset: string; amount: string; entryPrice: string | null }[];
    balances: readonly Balance[];
    positions: readonly Position[];
    now: Date;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(tradingAccounts)
      .values({
        id: input.id,
        quoteAsset: input.quoteAsset,
        costScale: input.costScale,
        createdAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: tradingAccounts.id });
    if (created.length === 0) return false;
    if (input.deposits.length > 0) {
      await tx
        .insert(deposits)
        .values(input.deposits.map((d) => ({ accountId: input.id, ...d, at: input.now })));
    }
    const t = tx as unknown as Db;
    if (input.balances.length > 0) await upsertBalancesQuery(t, input.id, input.balances, input.now);
    if (input.positions.length > 0) await upsertPositionsQuery(t, input.id, input.positions, input.now);
    return true;
  });
}

export async function listDeposits(db: Db, accountId: string): Promise<DepositRow[]> {
  return db.select().from(deposits).where(eq(deposits.accountId, accountId)).orderBy(asc(deposits.id));
}

export async function listBalances(db: Db, accountId: string): Promise<BalanceRow[]> {
  return db.select().from(balances).where(eq(balances.accountId, accountId)).orderBy(asc(balances.asset));
}

export async function listPositions(db: Db, accountId: string): Promise<PositionRow[]> {
  return db.select().from(positions).where(eq(positions.accountId, accountId)).orderBy(asc(positions.symbol));
}

/** Writes the current value of some balances, in one statement (`rows` must not be empty). */
export function upsertBalancesQuery(db: Db, accountId: string, rows: readonly Balance[], now: Date) {
  return db
    .insert(balances)
    .values(
      rows.map((b) => ({
        accountId,
        asset: b.asset,
        free: b.free.toString(),
        locked: b.locked.toString(),
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [balances.accountId, balances.asset],
      set: { free: sql`excluded.free`, locked: sql`excluded.locked`, updatedAt: sql`excluded.updated_at` },
    });
}

/** Writes the current value of some positions, in one statement (`rows` must not be empty). */
export function upsertPositionsQuery(db: Db, accountId: string, rows: readonly Position[], now: Date) {
  return db
    .insert(positions)
    .values(
      rows.map((p) => ({
        accountId,
        symbol: p.symbol,
        quantity: p.quantity.toString(),
        costBasis: p.costBasis.toString(),
        realizedPnl: p.realizedPnl.toString(),
        feesPaid: p.feesPaid.toString(),
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [positions.accountId, positions.symbol],
      set: {
        quantity: sql`excluded.quantity`,
        costBasis: sql`excluded.cost_basis`,
        realizedPnl: sql`excluded.realized_pnl`,
        feesPaid: sql`excluded.fees_paid`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}
