import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { expect, it } from 'vitest';
import { ensureBuilt, packageDir } from './support/build';

// What the SDK's own code costs an app, ky aside (ky is a dependency an app may already have).
const BUDGET_BYTES = 12 * 1024;
const distIndex = join(packageDir, 'dist/index.js');

it(`dist/index.js stays under ${BUDGET_BYTES / 1024} kB minified and gzipped`, async () => {
  ensureBuilt();
  const source = readFileSync(distIndex, 'utf8');
  const { code } = await transform(source, { minify: true, format: 'esm', target: 'es2022', loader: 'js' });
  const size = gzipSync(code).length;

  // For information: the same with ky bundled in, as a browser app without ky would ship it.
  const bundled = await build({
    entryPoints: [distIndex],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
  });
  const withKy = gzipSync(bundled.outputFiles[0]?.contents ?? new Uint8Array()).length;

  console.log(
    `@sigmax/sdk dist/index.js: ${source.length} B, ${code.length} B minified, ${size} B min+gzip ` +
      `(budget ${BUDGET_BYTES} B); with ky bundled: ${withKy} B min+gzip`,
  );
  expect(size).toBeLessThan(BUDGET_BYTES);
});
