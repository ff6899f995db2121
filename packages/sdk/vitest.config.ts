import { defineConfig } from 'vitest/config';
import { testWorkerExecArgv } from '../../vitest.node-args';

// `@sigmax/source` makes `@sigmax/sdk` resolve to src/, so tests never run against a stale build.
// Tests run in Vite's server (SSR) environment, which takes its own conditions; setting them replaces
// Vite's defaults, hence those are listed again.
const conditions = ['@sigmax/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'sdk',
    execArgv: testWorkerExecArgv,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
