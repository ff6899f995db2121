import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@sigmax/source'] },
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // A PGlite instance takes seconds to start on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
