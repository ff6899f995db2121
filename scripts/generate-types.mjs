#!/usr/bin/env node
// Generates TypeScript types from openapi/sigmax.yaml into every package's generated/ folder.
// With --check, writes nothing and exits 1 when a generated file is stale, so CI catches drift.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, 'openapi/sigmax.yaml');
const targets = ['packages/server/src/generated/openapi.ts', 'packages/sdk/src/generated/openapi.ts'];
const header = `/**
 * DO NOT EDIT: generated from openapi/sigmax.yaml by scripts/generate-types.mjs.
 * Run \`pnpm generate\` after changing the spec.
 */
`;

const ast = await openapiTS(pathToFileURL(spec), { alphabetize: false, immutable: false });
const content = `${header}\n${astToString(ast)}`;
const check = process.argv.includes('--check');
let stale = 0;
for (const target of targets) {
  const file = resolve(root, target);
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === content) continue;
  if (check) {
    console.error(`stale generated file: ${target} (run \`pnpm generate\`)`);
    stale++;
  } else {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
    console.log(`wrote ${target}`);
  }
}
if (stale) process.exit(1);
if (check) console.log('generated types are up to date');
