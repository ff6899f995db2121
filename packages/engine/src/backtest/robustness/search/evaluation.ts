import type { Objective, ObjectiveMetrics } from './objectives';
import type { ParamSet } from './space';

/**
 * Evaluates a batch of points, in order: one metrics object per point. A search hands over whole
 * batches (the grid, a generation) so that an evaluator can spread them over worker threads; the
 * results must not depend on how a batch is split.
 */
export type BatchEvaluator<M extends ObjectiveMetrics = ObjectiveMetrics> = (
  points: readonly ParamSet[],
) => Promise<readonly M[]> | readonly M[];

/** One evaluated point. */
export interface ScoredPoint<M extends ObjectiveMetrics = ObjectiveMetrics> {
  params: ParamSet;
  metrics: M;
  /** The objective's score; `-Infinity` for a result that must not be chosen. */
  score: number;
}

/** The outcome of a parameter search. */
export interface SearchResult<M extends ObjectiveMetrics = ObjectiveMetrics> {
  method: 'grid' | 'random' | 'genetic';
  /** The highest-scoring point; on a tie, the one evaluated first. */
  best: ScoredPoint<M>;
  /** Every distinct point evaluated, in the order the search evaluated them. */
  evaluations: ScoredPoint<M>[];
}

/**
 * Evaluates `points` with `evaluate` and scores them with `objective`.
 *
 * @throws RangeError when the evaluator returns a different number of results than points.
 */
export async function scorePoints<M extends ObjectiveMetrics>(
  points: readonly ParamSet[],
  evaluate: BatchEvaluator<M>,
  objective: Objective,
): Promise<ScoredPoint<M>[]> {
  if (points.length === 0) return [];
  const metrics = await evaluate(points);
  if (metrics.length !== points.length) {
    throw new RangeError(`evaluator returned ${metrics.length} results for ${points.length} points`);
  }
  return points.map((params, i) => {
    const m = metrics[i] as M;
    return { params, metrics: m, score: objective(m) };
  });
}

/** The highest-scoring point, the first one on a tie (so `-Infinity` everywhere still picks one). */
export function bestOf<M extends ObjectiveMetrics>(points: readonly ScoredPoint<M>[]): ScoredPoint<M> {
  let best = points[0];
  if (!best) throw new RangeError('no evaluated points');
  for (const point of points) if (point.score > best.score) best = point;
  return best;
}
