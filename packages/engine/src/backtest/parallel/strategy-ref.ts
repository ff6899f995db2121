import { BacktestConfigError } from '../errors';
import { STRATEGY_TEMPLATES } from '../strategies/templates';
import type { StrategyDefinition } from '../types';

/**
 * A strategy named so that a worker thread can load it (a {@link StrategyDefinition} holds functions,
 * which cannot be posted to a worker):
 * - `{ template }`: one of the built-in templates, by name (e.g. `'sma-crossover'`);
 * - `{ module, export }`: a named export of a module, by URL (`import.meta.resolve('./my-strategy.ts')`
 *   or a `file:` URL); the module is imported in each worker.
 */
export type StrategyRef = { template: string } | { module: string; export: string };

/**
 * The definition `ref` names.
 *
 * @throws BacktestConfigError `invalid_config` when there is no such template or export.
 */
export async function loadStrategy(ref: StrategyRef): Promise<StrategyDefinition> {
  if ('template' in ref) {
    const definition = STRATEGY_TEMPLATES[ref.template];
    if (!definition) {
      throw new BacktestConfigError(
        'invalid_config',
        `unknown strategy template ${ref.template}; known: ${Object.keys(STRATEGY_TEMPLATES).join(', ')}`,
      );
    }
    return definition;
  }
  const module = (await import(ref.module)) as Record<string, unknown>;
  const definition = module[ref.export] as StrategyDefinition | undefined;
  if (!definition || typeof definition.create !== 'function' || !Array.isArray(definition.params)) {
    throw new BacktestConfigError(
      'invalid_config',
      `${ref.module} has no strategy definition exported as ${ref.export}`,
    );
  }
  return definition;
}
