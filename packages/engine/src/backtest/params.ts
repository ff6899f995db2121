import { BacktestConfigError } from './errors';
import type { ParamSpec, ParamValue, ParamValues } from './types';

/** Tolerance for "on the step grid" of float parameters. */
const GRID_EPSILON = 1e-9;

/**
 * Fills in defaults and validates values against their declared specs: ints must be integers in
 * `[min, max]` on the `step` grid from `min`, floats finite numbers in `[min, max]`, choices one of
 * `choices`. Unknown names are refused (a typo must not silently run the default).
 * @throws {BacktestConfigError} `invalid_param`.
 * @example resolveParams(smaCrossover.params, { fast: 5 }) // { fast: 5, slow: 30, cross: 'carry' }
 */
export function resolveParams(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, ParamValue | undefined>> = {},
): ParamValues {
  const known = new Set(specs.map((spec) => spec.name));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) throw new BacktestConfigError('invalid_param', `unknown parameter ${name}`);
  }
  const resolved: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const value = values[spec.name] ?? spec.default;
    checkParam(spec, value);
    resolved[spec.name] = value;
  }
  return Object.freeze(resolved);
}

/**
 * Checks one value against its spec.
 * @throws {BacktestConfigError} `invalid_param`.
 */
export function checkParam(spec: ParamSpec, value: ParamValue): void {
  const fail = (why: string): never => {
    throw new BacktestConfigError('invalid_param', `${spec.name}: ${why}, got ${JSON.stringify(value)}`);
  };
  if (spec.type === 'choice') {
    if (!spec.choices.includes(value)) fail(`must be one of ${spec.choices.join(', ')}`);
    return;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BacktestConfigError(
      'invalid_param',
      `${spec.name}: must be a finite number, got ${JSON.stringify(value)}`,
    );
  }
  if (value < spec.min || value > spec.max) fail(`must be between ${spec.min} and ${spec.max}`);
  if (spec.type === 'int') {
    if (!Number.isInteger(value)) fail('must be an integer');
    if ((value - spec.min) % (spec.step ?? 1) !== 0)
      fail(`must be ${spec.min} plus a multiple of ${spec.step}`);
  } else if (spec.step !== undefined) {
    const steps = (value - spec.min) / spec.step;
    if (Math.abs(steps - Math.round(steps)) > GRID_EPSILON)
      fail(`must be ${spec.min} plus a multiple of ${spec.step}`);
  }
}

/**
 * Every value a parameter takes on its grid, in order: the choices, or `min, min + step, ... ≤ max`
 * (a float without a step gives `[min, max]`). What a grid search walks.
 */
export function paramGrid(spec: ParamSpec): ParamValue[] {
  if (spec.type === 'choice') return [...spec.choices];
  const step = spec.step ?? (spec.type === 'int' ? 1 : spec.max - spec.min);
  if (step <= 0) return [spec.min];
  const out: number[] = [];
  const count = Math.floor((spec.max - spec.min) / step + GRID_EPSILON);
  for (let i = 0; i <= count; i++) {
    const value = spec.min + i * step;
    out.push(spec.type === 'int' ? Math.round(value) : Number(value.toPrecision(12)));
  }
  return out;
}
