import { defineConfig } from 'vitest/config';
import { testWorkerExecArgv } from '../../vitest.node-args';

export default defineConfig({
  resolve: { conditions: ['@sigmax/source'] },
  test: {
    name: 'server',
    execArgv: testWorkerExecArgv,
    include: ['test/**/*.test.ts'],
    // A PGlite instance takes seconds to start on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
