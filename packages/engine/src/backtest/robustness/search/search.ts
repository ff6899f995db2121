import type { BatchEvaluator, SearchResult } from './evaluation';
import { type GeneticSearchOptions, geneticSearch } from './genetic';
import { gridSearch } from './grid';
import type { Objective, ObjectiveMetrics } from './objectives';
import { type RandomSearchOptions, randomSearch } from './random';
import type { SearchSpace } from './space';

/** Which search to run, with its options. */
export type SearchMethod =
  | { kind: 'grid' }
  | ({ kind: 'random' } & RandomSearchOptions)
  | ({ kind: 'genetic' } & GeneticSearchOptions);

/**
 * Runs the search `method` over `space`, maximising `objective` of the metrics `evaluate` returns.
 *
 * @throws SearchSpaceError when a range is empty or malformed, or the space has no valid point.
 */
export function searchParameters<M extends ObjectiveMetrics>(
  space: SearchSpace,
  evaluate: BatchEvaluator<M>,
  objective: Objective,
  method: SearchMethod = { kind: 'grid' },
): Promise<SearchResult<M>> {
  switch (method.kind) {
    case 'grid':
      return gridSearch(space, evaluate, objective);
    case 'random':
      return randomSearch(space, evaluate, objective, method);
    case 'genetic':
      return geneticSearch(space, evaluate, objective, method);
  }
}
