import { defineConfig } from 'vitest/config';
import { testWorkerExecArgv } from '../vitest.node-args';

export default defineConfig({
  resolve: { conditions: ['@sigmax/source'] },
  ssr: { resolve: { conditions: ['@sigmax/source'] } },
  test: {
    name: 'examples',
    include: ['test/**/*.test.ts'],
    execArgv: testWorkerExecArgv,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
