export { ParallelError, type ParallelErrorCode } from '../parallel/errors';
export { type EvaluationRange, evaluateParams, serialEvaluator } from '../parallel/evaluate';
export { ParameterPool, type ParameterPoolOptions, WORKER_EXEC_ARGV } from '../parallel/pool';
export { loadStrategy, type StrategyRef } from '../parallel/strategy-ref';
export {
  type MonteCarloOptions,
  type MonteCarloResult,
  monteCarlo,
  monteCarloTrades,
  type OutcomeMode,
  type Percentiles,
  percentile,
  percentiles,
  type ResamplingMethod,
} from './monte-carlo';
export {
  type BatchEvaluator,
  bestOf,
  type ScoredPoint,
  type SearchResult,
  scorePoints,
} from './search/evaluation';
export { type GeneticSearchOptions, geneticSearch } from './search/genetic';
export { gridPoints, gridSearch } from './search/grid';
export {
  OBJECTIVES,
  type Objective,
  type ObjectiveMetrics,
  type ObjectiveSpec,
  objective,
} from './search/objectives';
export { type RandomSearchOptions, randomSearch } from './search/random';
export { type SearchMethod, searchParameters } from './search/search';
export {
  type Constraint,
  type ExpandedSpace,
  expandSpace,
  type ParamRange,
  type ParamSet,
  type RangeOverride,
  rangeValues,
  type SearchSpace,
  SearchSpaceError,
  type SearchSpaceErrorCode,
  type StrategySpaceOptions,
  strategySpace,
} from './search/space';
export {
  type WalkForwardMode,
  type WalkForwardOptions,
  type WalkForwardResult,
  type WalkForwardWindow,
  type WalkForwardWindowOptions,
  type WalkForwardWindowResult,
  walkForward,
  walkForwardWindows,
} from './walk-forward';
