import { BacktestConfigError } from '../../errors';
import { paramGrid } from '../../params';
import type {
  ChoiceParamSpec,
  FloatParamSpec,
  IntParamSpec,
  ParamSpec,
  ParamValue,
  StrategyDefinition,
} from '../../types';

/** One point of a search space: a value per parameter name. */
export type ParamSet = Record<string, ParamValue>;

/**
 * A declared parameter range as a search reads it: a strategy's {@link ParamSpec} without its default
 * and description (a search only needs the name, the type and the range).
 */
export type ParamRange =
  | Omit<IntParamSpec, 'default' | 'description'>
  | Omit<FloatParamSpec, 'default' | 'description'>
  | Omit<ChoiceParamSpec, 'default' | 'description'>;

/** True for a point the strategy accepts, e.g. `(p) => p.fast < p.slow`. */
export type Constraint = (params: Readonly<ParamSet>) => boolean;

/** The parameters a search varies, and which of their combinations are valid. */
export interface SearchSpace {
  params: readonly ParamRange[];
  /** Points for which this returns false are never evaluated. @default every point is valid */
  constraint?: Constraint;
}

/** Stable machine codes of {@link SearchSpaceError}. */
export type SearchSpaceErrorCode =
  /** A parameter's range holds no value: `min > max`, or no choices. */
  | 'empty_range'
  /** A parameter's range is malformed: a step that is not positive, a non-finite or fractional bound. */
  | 'invalid_range'
  /** Two parameters share a name. */
  | 'duplicate_parameter'
  /** Every combination of the ranges is rejected by the constraint. */
  | 'empty_space';

/** A search space cannot be searched; `parameter` names the offending parameter (all of them for `empty_space`). */
export class SearchSpaceError extends Error {
  override readonly name = 'SearchSpaceError';
  constructor(
    readonly code: SearchSpaceErrorCode,
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The values a declared range takes, as a grid search walks them (see {@link paramGrid}): the choices
 * in their declared order, or `min, min + step, ... ≤ max` (a float without a step gives `min` and `max`).
 *
 * @throws SearchSpaceError naming the parameter when its range is empty or malformed.
 */
export function rangeValues(range: ParamRange): ParamValue[] {
  if (range.type === 'choice') {
    if (range.choices.length === 0) {
      throw new SearchSpaceError('empty_range', range.name, `parameter ${range.name} has no choices`);
    }
    return [...new Set(range.choices)];
  }
  const step = range.step ?? (range.type === 'int' ? 1 : undefined);
  const stepOk = step === undefined || (step > 0 && Number.isFinite(step));
  if (!Number.isFinite(range.min) || !Number.isFinite(range.max) || !stepOk) {
    throw new SearchSpaceError(
      'invalid_range',
      range.name,
      `parameter ${range.name} needs finite min and max and a positive step (got min ${range.min}, max ${range.max}, step ${step})`,
    );
  }
  if (range.type === 'int' && !(Number.isInteger(range.min) && Number.isInteger(step))) {
    throw new SearchSpaceError(
      'invalid_range',
      range.name,
      `int parameter ${range.name} needs a whole min and step (got min ${range.min}, step ${step})`,
    );
  }
  if (range.min > range.max) {
    throw new SearchSpaceError(
      'empty_range',
      range.name,
      `parameter ${range.name} has an empty range: min ${range.min} > max ${range.max}`,
    );
  }
  return [...new Set(paramGrid({ ...range, default: range.min } as ParamSpec))];
}

/** A search space checked and expanded: the value list of each parameter, in declaration order. */
export interface ExpandedSpace {
  names: string[];
  values: ParamValue[][];
  constraint: Constraint;
  /** Points of the full product, before the constraint. */
  size: number;
}

/**
 * Checks every range of `space` and lists its values.
 *
 * @throws SearchSpaceError when a range is empty or malformed, or two parameters share a name.
 */
export function expandSpace(space: SearchSpace): ExpandedSpace {
  const names: string[] = [];
  const values: ParamValue[][] = [];
  for (const range of space.params) {
    if (names.includes(range.name)) {
      throw new SearchSpaceError(
        'duplicate_parameter',
        range.name,
        `parameter ${range.name} is declared twice`,
      );
    }
    names.push(range.name);
    values.push(rangeValues(range));
  }
  const size = values.reduce((product, list) => product * list.length, 1);
  return { names, values, constraint: space.constraint ?? (() => true), size };
}

/** The point at the given value indices (one per parameter). */
export function pointAt(space: ExpandedSpace, indices: readonly number[]): ParamSet {
  const point: ParamSet = {};
  for (let p = 0; p < space.names.length; p++) {
    point[space.names[p] as string] = (space.values[p] as ParamValue[])[indices[p] as number] as ParamValue;
  }
  return point;
}

/** A stable text key of a point (its values in declaration order), for de-duplication. */
export function pointKey(space: ExpandedSpace, point: Readonly<ParamSet>): string {
  return JSON.stringify(space.names.map((name) => point[name]));
}

/** The error for a space whose every point the constraint rejects. */
export function emptySpaceError(space: ExpandedSpace): SearchSpaceError {
  const names = space.names.join(', ');
  return new SearchSpaceError(
    'empty_space',
    names,
    `the constraint rejects all ${space.size} combinations of ${names || 'no parameters'}`,
  );
}

/** New bounds, step or choices for a declared parameter (the fields given replace the declared ones). */
export interface RangeOverride {
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly ParamValue[];
}

/** Options of {@link strategySpace}. */
export interface StrategySpaceOptions {
  /** Narrower (or other) ranges for some parameters, e.g. `{ fast: { min: 5, max: 50, step: 5 } }`. */
  ranges?: Readonly<Record<string, RangeOverride>>;
  /** Parameters held at one value (they stay in every point, as one-value choices). */
  fixed?: Readonly<ParamSet>;
  /** A further constraint on top of the strategy's own check. */
  constraint?: Constraint;
}

/**
 * The search space of a strategy: its declared parameter ranges (narrowed by `ranges`, some held by
 * `fixed`), with a constraint that accepts exactly the points the strategy's `create` accepts (its
 * range checks and its check of relations, such as `fast < slow`) and `constraint`, if given.
 *
 * @throws SearchSpaceError `invalid_range` naming a parameter of `ranges` or `fixed` the strategy does not declare.
 * @example
 * strategySpace(smaCrossover, { ranges: { fast: { min: 5, max: 50 }, slow: { min: 20, max: 200, step: 10 } }, fixed: { cross: 'carry' } });
 */
export function strategySpace(
  definition: StrategyDefinition,
  options: StrategySpaceOptions = {},
): SearchSpace {
  const ranges = options.ranges ?? {};
  const fixed = options.fixed ?? {};
  const declared = new Set(definition.params.map((spec) => spec.name));
  for (const name of [...Object.keys(ranges), ...Object.keys(fixed)]) {
    if (!declared.has(name)) {
      throw new SearchSpaceError('invalid_range', name, `${definition.name} has no parameter ${name}`);
    }
  }
  const params: ParamRange[] = definition.params.map((spec) => {
    const value = fixed[spec.name];
    if (value !== undefined) return { name: spec.name, type: 'choice', choices: [value] };
    const { default: _default, description: _description, ...range } = spec;
    return { ...range, ...ranges[spec.name] } as ParamRange;
  });
  const extra = options.constraint;
  return {
    params,
    constraint: (point) => {
      try {
        definition.create(point);
      } catch (error) {
        if (error instanceof BacktestConfigError) return false;
        throw error;
      }
      return extra ? extra(point) : true;
    },
  };
}
