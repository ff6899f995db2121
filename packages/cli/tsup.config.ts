import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  clean: true,
  // The SDK is a dependency, installed next to the CLI, not bundled into it.
  external: ['@sigmax/sdk'],
  banner: { js: '#!/usr/bin/env node' },
});
