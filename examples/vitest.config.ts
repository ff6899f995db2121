import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@sigmax/source'] },
  ssr: { resolve: { conditions: ['@sigmax/source'] } },
  test: { name: 'examples', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
