import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { components } from '../../generated/openapi';
import type { Db } from '../database';
import { analyses, analysisInputs, debateTurns } from '../schema';

type Schemas = components['schemas'];

/** An analysis as stored: the API body (turns included) and who asked for it. */
export interface StoredAnalysis {
  analysis: Schemas['Analysis'];
  apiKeyId: string | null;
}

export interface AnalysisFilter {
  symbol?: string | undefined;
  action?: Schemas['DecisionAction'] | undefined;
  minConfidence?: number | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Only analyses with an id below this one (ids sort by creation time). */
  before?: string | undefined;
  limit: number;
}

/**
 * Writes an analysis and its debate turns in one transaction, with its input unless `input` is
 * undefined (the caller knows the input is stored already: inputs are stored once per hash).
 */
export async function insertAnalysis(
  db: Db,
  stored: StoredAnalysis,
  input: string | undefined,
): Promise<void> {
  const { analysis } = stored;
  const { debate, ...rest } = analysis;
  const body = { ...rest, debate: { rounds: debate.rounds, verdict: debate.verdict } };
  await db.transaction(async (tx) => {
    if (input !== undefined) {
      await tx
        .insert(analysisInputs)
        .values({
          inputHash: analysis.provenance.inputHash,
          input,
          createdAt: new Date(analysis.createdAt),
        })
        .onConflictDoNothing();
    }
    await tx.insert(analyses).values({
      id: analysis.id,
      symbol: analysis.symbol,
      action: analysis.decision.action,
      confidence: analysis.decision.confidence,
      asOf: new Date(analysis.asOf),
      inputHash: analysis.provenance.inputHash,
      rerunOf: analysis.provenance.rerunOf,
      narration: analysis.narration,
      body,
      apiKeyId: stored.apiKeyId,
      createdAt: new Date(analysis.createdAt),
    });
    if (debate.turns.length > 0) {
      await tx.insert(debateTurns).values(
        debate.turns.map((turn, seq) => ({
          analysisId: analysis.id,
          seq,
          round: turn.round,
          side: turn.side,
          argument: turn.argument,
          strength: turn.strength,
          rebuts: turn.rebuts ?? null,
          evidence: turn.evidence,
        })),
      );
    }
  });
}

/** The stored input (the engine's canonical JSON) with this hash, or undefined. */
export async function findAnalysisInput(db: Db, inputHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ input: analysisInputs.input })
    .from(analysisInputs)
    .where(eq(analysisInputs.inputHash, inputHash))
    .limit(1);
  return row?.input;
}

/** One analysis with its turns, or undefined. */
export async function findAnalysis(db: Db, id: string): Promise<StoredAnalysis | undefined> {
  const [row] = await db
    .select({ id: analyses.id, body: analyses.body, apiKeyId: analyses.apiKeyId })
    .from(analyses)
    .where(eq(analyses.id, id))
    .limit(1);
  if (!row) return undefined;
  const turns = await turnsOf(db, [row.id]);
  return {
    analysis: withTurns(row.body, turns.get(row.id) ?? []),
    apiKeyId: row.apiKeyId,
  };
}

/** Analyses newest first, with their turns. */
export async function listAnalyses(db: Db, filter: AnalysisFilter): Promise<Schemas['Analysis'][]> {
  const rows = await db
    .select({ id: analyses.id, body: analyses.body })
    .from(analyses)
    .where(
      and(
        filter.symbol !== undefined ? eq(analyses.symbol, filter.symbol) : undefined,
        filter.action !== undefined ? eq(analyses.action, filter.action) : undefined,
        filter.minConfidence !== undefined ? gte(analyses.confidence, filter.minConfidence) : undefined,
        filter.since !== undefined ? gte(analyses.createdAt, filter.since) : undefined,
        filter.until !== undefined ? lt(analyses.createdAt, filter.until) : undefined,
        filter.before !== undefined ? lt(analyses.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(analyses.id))
    .limit(filter.limit);
  const turns = await turnsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => withTurns(row.body, turns.get(row.id) ?? []));
}

/** The debates of past analyses, newest first. */
export async function listDebates(
  db: Db,
  filter: Pick<AnalysisFilter, 'symbol' | 'before' | 'limit'>,
): Promise<Schemas['Debate'][]> {
  return (await listAnalyses(db, filter)).map((analysis) => ({
    analysisId: analysis.id,
    symbol: analysis.symbol,
    createdAt: analysis.createdAt,
    ...analysis.debate,
  }));
}

async function turnsOf(db: Db, ids: string[]): Promise<Map<string, Schemas['DebateTurn'][]>> {
  const byAnalysis = new Map<string, Schemas['DebateTurn'][]>();
  if (ids.length === 0) return byAnalysis;
  const rows = await db
    .select()
    .from(debateTurns)
    .where(inArray(debateTurns.analysisId, ids))
    .orderBy(asc(debateTurns.analysisId), asc(debateTurns.seq));
  for (const row of rows) {
    const list = byAnalysis.get(row.analysisId) ?? [];
    list.push({
      round: row.round,
      side: row.side as Schemas['DebateTurn']['side'],
      argument: row.argument,
      strength: row.strength,
      rebuts: row.rebuts,
      evidence: row.evidence as Schemas['Evidence'][],
    });
    byAnalysis.set(row.analysisId, list);
  }
  return byAnalysis;
}

function withTurns(body: unknown, turns: Schemas['DebateTurn'][]): Schemas['Analysis'] {
  const stored = body as Omit<Schemas['Analysis'], 'debate'> & {
    debate: Omit<Schemas['Analysis']['debate'], 'turns'>;
  };
  return { ...stored, debate: { rounds: stored.debate.rounds, turns, verdict: stored.debate.verdict } };
}
