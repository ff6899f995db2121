import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
  dts: true,
  clean: true,
  // ky ships only ESM. The CommonJS build bundles it so that `require('@sigmax/sdk')` works on every
  // Node.js 22 and in tools that cannot require() an ES module; the ESM build imports it, so apps
  // share one copy.
  noExternal: ['ky'],
  esbuildPlugins: [
    {
      name: 'ky-external-in-esm',
      setup(build) {
        if (build.initialOptions.format !== 'esm') return;
        build.onResolve({ filter: /^ky$/ }, () => ({ path: 'ky', external: true }));
      },
    },
  ],
});
