import { defineConfig } from 'vitest/config';
import { testWorkerExecArgv } from '../../vitest.node-args';

export default defineConfig({
  resolve: { conditions: ['@sigmax/source'] },
  ssr: { resolve: { conditions: ['@sigmax/source'] } },
  test: {
    name: 'cli',
    execArgv: testWorkerExecArgv,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
