import { Decimal } from '../../decimal';
import { BacktestConfigError } from '../errors';
import { checkParam } from '../params';
import { gridPoints } from '../robustness/search/grid';
import { expandSpace, SearchSpaceError, strategySpace } from '../robustness/search/space';
import { walkForwardWindows } from '../robustness/walk-forward';
import { STRATEGY_TEMPLATES } from '../strategies/templates';
import type { ParamValue, StrategyDefinition } from '../types';
import { type JobSpec, MAX_GRID_POINTS } from './spec';

/** One thing wrong with a job, at `path` (a field of the request, e.g. `strategy.params.fast`). */
export interface JobProblem {
  path: string;
  message: string;
}

/**
 * The parameters a search holds still: every declared parameter without a range, at the job's value
 * or its default.
 */
export function heldParams(
  definition: StrategyDefinition,
  params: Readonly<Record<string, ParamValue>>,
  ranges: Readonly<Record<string, unknown>>,
): Record<string, ParamValue> {
  const held: Record<string, ParamValue> = {};
  for (const spec of definition.params) {
    if (!(spec.name in ranges)) held[spec.name] = params[spec.name] ?? spec.default;
  }
  return held;
}

/** The strategy definition a job names, or undefined. */
export function jobStrategy(name: string): StrategyDefinition | undefined {
  return Object.hasOwn(STRATEGY_TEMPLATES, name) ? STRATEGY_TEMPLATES[name] : undefined;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Everything wrong with `spec` for a series of `candleCount` candles, before any work is queued: an
 * unknown strategy, a parameter out of its declared range, an empty or oversized search space, window
 * sizes that do not fit the candles, settings out of range. An empty list means the job can run.
 */
export function checkJob(spec: JobSpec, candleCount: number): JobProblem[] {
  const problems: JobProblem[] = [];
  const definition = jobStrategy(spec.strategy.name);
  if (!definition) {
    problems.push({
      path: 'strategy.name',
      message: `unknown strategy ${spec.strategy.name}; known: ${Object.keys(STRATEGY_TEMPLATES).join(', ')}`,
    });
    return problems;
  }
  const params = spec.strategy.params ?? {};
  const declared = new Map(definition.params.map((p) => [p.name, p]));
  let paramsOk = true;
  for (const [name, value] of Object.entries(params)) {
    const declaredSpec = declared.get(name);
    if (!declaredSpec) {
      problems.push({
        path: `strategy.params.${name}`,
        message: `${definition.name} has no parameter ${name}`,
      });
      paramsOk = false;
      continue;
    }
    try {
      checkParam(declaredSpec, value);
    } catch (error) {
      problems.push({ path: `strategy.params.${name}`, message: message(error) });
      paramsOk = false;
    }
  }
  if (paramsOk) {
    try {
      definition.create(params);
    } catch (error) {
      problems.push({ path: 'strategy.params', message: message(error) });
    }
  }

  const settings = spec.settings;
  if (settings.initialCash !== undefined && Decimal.from(settings.initialCash).isZero()) {
    problems.push({ path: 'settings.initialCash', message: 'must be greater than 0' });
  }
  if (settings.lotSize !== undefined && Decimal.from(settings.lotSize).isZero()) {
    problems.push({ path: 'settings.lotSize', message: 'must be greater than 0' });
  }
  if (settings.sizing?.kind === 'units' && Decimal.from(settings.sizing.units).isZero()) {
    problems.push({ path: 'settings.sizing.units', message: 'must be greater than 0' });
  }

  const needsSearch = spec.kind === 'search' || spec.kind === 'walk-forward';
  if (needsSearch) {
    const ranges = spec.search?.ranges ?? {};
    if (!spec.search || Object.keys(ranges).length === 0) {
      problems.push({
        path: 'search.ranges',
        message: `a ${spec.kind} job needs at least one parameter range`,
      });
    } else {
      const fixed = heldParams(definition, params, ranges);
      try {
        const space = expandSpace(strategySpace(definition, { ranges, fixed }));
        const method = spec.search.method?.kind ?? 'grid';
        // Walking the grid finds a space whose every point the strategy refuses (e.g. fast ≥ slow).
        if (space.size <= MAX_GRID_POINTS) gridPoints(space);
        else if (method === 'grid') {
          problems.push({
            path: 'search.ranges',
            message: `the grid holds ${space.size} points, more than ${MAX_GRID_POINTS}; narrow the ranges or use a random or genetic search`,
          });
        }
      } catch (error) {
        const path =
          error instanceof SearchSpaceError && error.code !== 'empty_space'
            ? `search.ranges.${error.parameter}`
            : 'search.ranges';
        problems.push({ path, message: message(error) });
      }
      const objective = spec.search.objective;
      if (objective.kind === 'returnWithDrawdownCap' && !(objective.maxDrawdown > 0)) {
        problems.push({ path: 'search.maxDrawdown', message: 'returnWithDrawdownCap needs maxDrawdown' });
      }
    }
  }
  if (spec.kind === 'walk-forward') {
    if (!spec.walkForward) {
      problems.push({ path: 'walkForward', message: 'a walk-forward job needs train and test window sizes' });
    } else {
      try {
        walkForwardWindows(candleCount, spec.walkForward);
      } catch (error) {
        problems.push({ path: 'walkForward', message: message(error) });
      }
    }
  }
  if (candleCount < 2)
    problems.push({ path: 'data', message: `${candleCount} candles; a backtest needs at least 2` });
  return problems;
}

/** Throws the first problem of {@link checkJob} as a `BacktestConfigError`. */
export function assertJob(spec: JobSpec, candleCount: number): void {
  const [first] = checkJob(spec, candleCount);
  if (first) throw new BacktestConfigError('invalid_config', `${first.path}: ${first.message}`);
}
