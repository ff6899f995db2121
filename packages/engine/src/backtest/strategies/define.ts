import { BacktestConfigError } from '../errors';
import { resolveParams } from '../params';
import type {
  ParamSpec,
  ParamValue,
  ParamValues,
  Signal,
  Strategy,
  StrategyContext,
  StrategyDefinition,
} from '../types';

/** What {@link defineStrategy} needs: the parameters and a function building one run's `onCandle`. */
export interface StrategySource {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /**
   * Checks relations between parameters that their ranges cannot express (fast < slow).
   * Return a message to refuse the combination.
   */
  readonly check?: (params: ParamValues) => string | undefined;
  /** Builds a fresh instance: create indicators here, keep state in the closure. */
  readonly init: (params: ParamValues) => (ctx: StrategyContext) => Signal | undefined;
}

/**
 * Turns a plain definition into a {@link StrategyDefinition}: `create` resolves the parameters
 * ({@link resolveParams}), runs `check` and calls `init`. How templates and custom strategies alike
 * are written.
 * @example
 * const buyTheDip = defineStrategy({
 *   name: 'buy-the-dip', description: 'Long after a red candle, flat after a green one',
 *   params: [],
 *   init: () => (ctx) => (ctx.candle.close < ctx.candle.open ? 'long' : 'close'),
 * });
 */
export function defineStrategy(source: StrategySource): StrategyDefinition {
  return Object.freeze({
    name: source.name,
    description: source.description,
    params: source.params,
    create(values?: Readonly<Record<string, ParamValue | undefined>>): Strategy {
      const params = resolveParams(source.params, values);
      const problem = source.check?.(params);
      if (problem !== undefined) {
        throw new BacktestConfigError('invalid_param', `${source.name}: ${problem}`);
      }
      const onCandle = source.init(params);
      return { name: source.name, params, onCandle };
    },
  });
}
