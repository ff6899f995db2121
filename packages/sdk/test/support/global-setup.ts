import { ensureBuilt } from './build';

// The size and packaging tests read dist/. Building here, once, keeps them from racing each other to
// build it.
export function setup(): void {
  ensureBuilt();
}
