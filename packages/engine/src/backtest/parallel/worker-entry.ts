/**
 * The file a parameter worker thread starts from: the source hooks (see `source-hooks.ts`), then
 * the worker. Only erasable TypeScript here: Node reads this file before any hook is in place.
 */
await import(new URL('./source-hooks.ts', import.meta.url).href);
await import(new URL('./worker.ts', import.meta.url).href);
