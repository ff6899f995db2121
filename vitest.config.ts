import { defineConfig } from 'vitest/config';

// Each package with tests owns a vitest.config.ts (name, includes, resolve conditions, timeouts).
// The glob matches only config files that exist, so a package without one (yet) is skipped rather than
// run as a default-configured project. Reporters are passed by the root `test:unit` script, not set here.
export default defineConfig({
  test: {
    projects: ['{packages/*,examples}/vitest.config.ts'],
  },
});
