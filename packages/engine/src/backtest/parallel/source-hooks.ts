/**
 * Resolve hooks a worker thread needs to run the engine's TypeScript sources with Node's own
 * TypeScript support (the thread is started with `--experimental-transform-types`: the engine uses
 * parameter properties, which plain type stripping refuses): extensionless relative imports
 * (`'./decimal'` → `./decimal.ts`, `'./indicators'` → `./indicators/index.ts`) and the
 * `@sigmax/source` export condition of the workspace packages. That works the same whether the parent
 * runs under vitest, tsx or plain Node, because a worker thread does not inherit vitest's in-process
 * transform. Needs Node ≥ 22.15 (`module.registerHooks`).
 *
 * Only erasable TypeScript here: Node reads this file before any hook is in place.
 */
import { registerHooks } from 'node:module';

const SOURCE_SUFFIXES = ['.ts', '/index.ts'];

registerHooks({
  resolve(specifier, context, nextResolve) {
    const withSource = { ...context, conditions: [...(context.conditions ?? []), '@sigmax/source'] };
    try {
      return nextResolve(specifier, withSource);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || !context.parentURL?.endsWith('.ts')) throw error;
      for (const suffix of SOURCE_SUFFIXES) {
        try {
          return nextResolve(`${specifier}${suffix}`, withSource);
        } catch {
          // try the next suffix
        }
      }
      throw error;
    }
  },
});
