import { type RandomSource, seededRandom } from '../../../market/seeded-random';
import { type BatchEvaluator, bestOf, type SearchResult, scorePoints } from './evaluation';
import { gridPoints } from './grid';
import type { Objective, ObjectiveMetrics } from './objectives';
import { type ExpandedSpace, expandSpace, type ParamSet, pointAt, pointKey, type SearchSpace } from './space';

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions {
  /** Distinct valid points to evaluate (fewer when the space holds fewer). @default 100 */
  samples?: number;
  /** Seed of the draws: the same seed gives the same points. @default 1 */
  seed?: number | string;
}

/** A uniform draw of one value index per parameter. */
export function randomIndices(space: ExpandedSpace, random: RandomSource): number[] {
  return space.values.map((list) => Math.floor(random() * list.length));
}

/**
 * Random search: draws points uniformly from the product of the ranges (seeded), skips those the
 * constraint rejects and those already drawn, evaluates `samples` distinct points as one batch and
 * keeps the best. When the valid points number no more than `samples`, it evaluates all of them, in a
 * seeded random order.
 *
 * @throws SearchSpaceError when a range is empty or malformed, or the space has no valid point.
 * @throws RangeError when `samples` is not a positive whole number.
 */
export async function randomSearch<M extends ObjectiveMetrics>(
  space: SearchSpace,
  evaluate: BatchEvaluator<M>,
  objective: Objective,
  options: RandomSearchOptions = {},
): Promise<SearchResult<M>> {
  const samples = options.samples ?? 100;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a positive whole number, got ${samples}`);
  }
  const expanded = expandSpace(space);
  const random = seededRandom(options.seed ?? 1);
  const points = drawDistinct(expanded, random, samples);
  const evaluations = await scorePoints(points, evaluate, objective);
  return { method: 'random', best: bestOf(evaluations), evaluations };
}

/** Up to `count` distinct valid points, drawn uniformly. */
function drawDistinct(space: ExpandedSpace, random: RandomSource, count: number): ParamSet[] {
  if (space.size <= count) return shuffled(gridPoints(space), random);
  const seen = new Set<string>();
  const points: ParamSet[] = [];
  // Rejection sampling; a constraint that rejects nearly everything falls back to listing the grid.
  const attempts = count * 50;
  for (let i = 0; i < attempts && points.length < count; i++) {
    const point = pointAt(space, randomIndices(space, random));
    const key = pointKey(space, point);
    if (seen.has(key)) continue;
    seen.add(key);
    if (space.constraint(point)) points.push(point);
  }
  if (points.length < count) {
    const valid = gridPoints(space);
    if (valid.length <= count) return shuffled(valid, random);
    const rest = shuffled(
      valid.filter((point) => !seen.has(pointKey(space, point))),
      random,
    );
    points.push(...rest.slice(0, count - points.length));
  }
  return points;
}

/** A seeded Fisher–Yates shuffle of a copy of `items`. */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
