import type { BacktestMetrics } from '../../types';

/**
 * The metrics an objective reads (a subset of {@link BacktestMetrics}). Returns and drawdowns are
 * fractions (`0.25` is 25 %); the maximum drawdown is a positive fraction of the peak; a ratio that
 * divides by zero is `null`.
 */
export type ObjectiveMetrics = Pick<BacktestMetrics, 'sharpe' | 'calmar' | 'totalReturn' | 'maxDrawdown'>;

/** What a search maximises, in a form that can be named in a request or sent to a worker. */
export type ObjectiveSpec =
  | { kind: 'sharpe' }
  | { kind: 'calmar' }
  | { kind: 'totalReturn' }
  /** Total return, among the results whose maximum drawdown is at most `maxDrawdown` (a fraction). */
  | { kind: 'returnWithDrawdownCap'; maxDrawdown: number };

/** The names of the objectives. */
export const OBJECTIVES = ['sharpe', 'calmar', 'totalReturn', 'returnWithDrawdownCap'] as const;

/** A score to maximise; a result that must never be chosen scores `-Infinity`. */
export type Objective = (metrics: Readonly<ObjectiveMetrics>) => number;

/**
 * The scoring function of `spec`. A `null` or NaN metric (e.g. the Sharpe ratio of a flat equity curve)
 * scores `-Infinity`, so a search never prefers a result it cannot rank; a result over the drawdown cap
 * is infeasible and scores `-Infinity` too.
 *
 * @throws RangeError when the drawdown cap is not a number in `[0, 1]`.
 */
export function objective(spec: ObjectiveSpec): Objective {
  switch (spec.kind) {
    case 'sharpe':
      return (m) => finiteOrWorst(m.sharpe);
    case 'calmar':
      return (m) => finiteOrWorst(m.calmar);
    case 'totalReturn':
      return (m) => finiteOrWorst(m.totalReturn);
    case 'returnWithDrawdownCap': {
      const cap = spec.maxDrawdown;
      if (!(cap >= 0 && cap <= 1))
        throw new RangeError(`maxDrawdown must be a fraction in [0, 1], got ${cap}`);
      return (m) => (m.maxDrawdown <= cap ? finiteOrWorst(m.totalReturn) : Number.NEGATIVE_INFINITY);
    }
  }
}

/** `x`, or `-Infinity` when it is null or NaN (±Infinity pass through). */
function finiteOrWorst(x: number | null): number {
  return x === null || Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x;
}
