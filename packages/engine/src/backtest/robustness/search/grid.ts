import { type BatchEvaluator, bestOf, type SearchResult, scorePoints } from './evaluation';
import type { Objective, ObjectiveMetrics } from './objectives';
import {
  type ExpandedSpace,
  emptySpaceError,
  expandSpace,
  type ParamSet,
  pointAt,
  type SearchSpace,
} from './space';

/**
 * Every point of the product of the ranges that the constraint accepts, in odometer order (the last
 * parameter varies fastest).
 *
 * @throws SearchSpaceError when a range is empty or malformed (naming it), or the constraint rejects every point.
 */
export function gridPoints(space: SearchSpace | ExpandedSpace): ParamSet[] {
  const expanded = 'names' in space ? space : expandSpace(space);
  const points: ParamSet[] = [];
  const dims = expanded.values.map((list) => list.length);
  const indices = dims.map(() => 0);
  for (let n = 0; n < expanded.size; n++) {
    const point = pointAt(expanded, indices);
    if (expanded.constraint(point)) points.push(point);
    for (let p = dims.length - 1; p >= 0; p--) {
      indices[p] = (indices[p] as number) + 1;
      if ((indices[p] as number) < (dims[p] as number)) break;
      indices[p] = 0;
    }
  }
  if (points.length === 0) throw emptySpaceError(expanded);
  return points;
}

/**
 * Exhaustive search: evaluates every valid point of the space (as one batch) and keeps the best.
 *
 * @throws SearchSpaceError when the space has no valid point.
 */
export async function gridSearch<M extends ObjectiveMetrics>(
  space: SearchSpace,
  evaluate: BatchEvaluator<M>,
  objective: Objective,
): Promise<SearchResult<M>> {
  const evaluations = await scorePoints(gridPoints(space), evaluate, objective);
  return { method: 'grid', best: bestOf(evaluations), evaluations };
}
