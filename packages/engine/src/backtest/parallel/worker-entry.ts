/**
 * The file a parameter worker thread starts from. The engine is TypeScript source that is never
 * compiled, so the worker runs it through Node's own TypeScript support: the pool starts it with
 * `--experimental-transform-types` (the engine uses parameter properties, which plain type stripping
 * refuses), and this file adds the two things Node's resolver lacks for this repository's sources:
 * extensionless relative imports (`'./decimal'` → `./decimal.ts`, `'./indicators'` →
 * `./indicators/index.ts`) and the `@sigmax/source` export condition of the workspace packages.
 * That works the same whether the parent runs under vitest, tsx or plain Node, because a worker
 * thread does not inherit vitest's in-process transform. Needs Node ≥ 22.15 (`module.registerHooks`).
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

await import(new URL('./worker.ts', import.meta.url).href);
