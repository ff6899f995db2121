import type { Balance, Fill, Position } from '@sigmax/engine';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { type EquityPointInput, insertEquityPointQuery } from './equity';
import { insertFillsQuery } from './fills';
import { upsertBalancesQuery, upsertPositionsQuery } from './ledger';
import { insertTransitionsQuery, type OrderRecord, type TransitionRecord, updateOrderQuery } from './orders';

/** Everything one venue step changed, as it is stored. */
export interface StepWrite {
  orders: readonly OrderRecord[];
  transitions: readonly TransitionRecord[];
  fills: readonly { fill: Fill; clientOrderId: string }[];
  balances: readonly Balance[];
  positions: readonly Position[];
  equity?: EquityPointInput | undefined;
  now: Date;
}

/**
 * Writes a step (orders, transitions, fills, balances, positions, an equity point) as ONE statement:
 * each write is a data-modifying CTE of the last one. A single statement is atomic on its own, so the
 * step is all or nothing, and it costs one round trip instead of a transaction's eight.
 */
export async function writeStep(db: Db, accountId: string, step: StepWrite): Promise<void> {
  const writes: SQL[] = [];
  for (const record of step.orders) writes.push(updateOrderQuery(db, record).getSQL());
  if (step.transitions.length > 0) writes.push(insertTransitionsQuery(db, step.transitions).getSQL());
  if (step.fills.length > 0) writes.push(insertFillsQuery(db, accountId, step.fills).getSQL());
  if (step.balances.length > 0)
    writes.push(upsertBalancesQuery(db, accountId, step.balances, step.now).getSQL());
  if (step.positions.length > 0) {
    writes.push(upsertPositionsQuery(db, accountId, step.positions, step.now).getSQL());
  }
  if (step.equity) writes.push(insertEquityPointQuery(db, accountId, step.equity).getSQL());
  const last = writes.pop();
  if (!last) return;
  if (writes.length === 0) {
    await db.execute(last);
    return;
  }
  const ctes = writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`);
  await db.execute(sql`with ${sql.join(ctes, sql`, `)} ${last}`);
}
