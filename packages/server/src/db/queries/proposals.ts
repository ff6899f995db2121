import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { components } from '../../generated/openapi';
import type { Db } from '../database';
import { proposals } from '../schema';

type Schemas = components['schemas'];
type Proposal = Schemas['Proposal'];

export async function insertProposal(db: Db, proposal: Proposal): Promise<void> {
  await db.insert(proposals).values({
    id: proposal.id,
    symbol: proposal.symbol,
    status: proposal.status,
    body: proposal,
    expiresAt: new Date(proposal.expiresAt),
    createdAt: new Date(proposal.createdAt),
  });
}

export async function findProposal(db: Db, id: string): Promise<Proposal | undefined> {
  const [row] = await db
    .select({ body: proposals.body })
    .from(proposals)
    .where(eq(proposals.id, id))
    .limit(1);
  return row?.body as Proposal | undefined;
}

/**
 * Writes `next` if the stored proposal's status is still one of `from` (a compare-and-set, so two
 * decisions racing cannot both win); returns whether it did.
 */
export async function updateProposal(
  db: Db,
  next: Proposal,
  from: readonly Schemas['ProposalStatus'][],
): Promise<boolean> {
  const updated = await db
    .update(proposals)
    .set({ status: next.status, body: next })
    .where(and(eq(proposals.id, next.id), inArray(proposals.status, [...from])))
    .returning({ id: proposals.id });
  return updated.length > 0;
}

export async function listProposals(
  db: Db,
  filter: {
    status?: Schemas['ProposalStatus'] | undefined;
    symbol?: string | undefined;
    before?: string | undefined;
    limit: number;
  },
): Promise<Proposal[]> {
  const rows = await db
    .select({ body: proposals.body })
    .from(proposals)
    .where(
      and(
        filter.status !== undefined ? eq(proposals.status, filter.status) : undefined,
        filter.symbol !== undefined ? eq(proposals.symbol, filter.symbol) : undefined,
        filter.before !== undefined ? lt(proposals.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(proposals.id))
    .limit(filter.limit);
  return rows.map((r) => r.body as Proposal);
}

/** Pending or approved proposals past their expiry. */
export async function expiredProposals(db: Db, now: Date): Promise<Proposal[]> {
  const rows = await db
    .select({ body: proposals.body })
    .from(proposals)
    .where(and(inArray(proposals.status, ['pending', 'approved']), lt(proposals.expiresAt, now)));
  return rows.map((r) => r.body as Proposal);
}
