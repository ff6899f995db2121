import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runPnpm } from './support/build';

// The published artifact, as a user gets it: `pnpm pack` (which rewrites workspace: ranges the way
// `pnpm publish` does), `npm install` of the tarball into a fresh project, then ESM, CommonJS and
// TypeScript consumers.

const TIMEOUT = 180_000;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const HEALTH_FETCH = `async () => new Response(
  JSON.stringify({ status: 'ok', version: '0.1.0', time: '2025-01-01T00:00:00.000Z', database: 'up' }),
  { headers: { 'content-type': 'application/json', 'x-request-id': 'req_smoke' } },
)`;
const NOT_FOUND_FETCH = `async () => new Response(
  JSON.stringify({ type: 'urn:sigmax:problem:not_found', title: 'Not found', status: 404, code: 'not_found', requestId: 'req_404' }),
  { status: 404, headers: { 'content-type': 'application/problem+json' } },
)`;

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'sdk-consumer', private: true, version: '0.0.0' }),
  'esm.mjs': `
import { Sigmax, APIError, NotFoundError } from '@sigmax/sdk';
const sigmax = new Sigmax({ baseUrl: 'http://sigmax.test', fetch: ${HEALTH_FETCH} });
const { data, requestId } = await sigmax.health().withResponse();
const error = await new Sigmax({ baseUrl: 'http://sigmax.test', fetch: ${NOT_FOUND_FETCH} }).status().catch((e) => e);
console.log(JSON.stringify({ health: data.status, requestId, apiError: error instanceof APIError, notFound: error instanceof NotFoundError, code: error.code }));
`,
  'cjs.cjs': `
const { Sigmax, APIError, NotFoundError } = require('@sigmax/sdk');
(async () => {
  const sigmax = new Sigmax({ baseUrl: 'http://sigmax.test', fetch: ${HEALTH_FETCH} });
  const { data, requestId } = await sigmax.health().withResponse();
  const error = await new Sigmax({ baseUrl: 'http://sigmax.test', fetch: ${NOT_FOUND_FETCH} }).status().catch((e) => e);
  console.log(JSON.stringify({ health: data.status, requestId, apiError: error instanceof APIError, notFound: error instanceof NotFoundError, code: error.code }));
})();
`,
  // The same code checked as an ES module (index.d.ts) and as CommonJS (index.d.cts).
  'check.mts': typedConsumer(),
  'check.cts': typedConsumer(),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      // Web APIs only: the declarations must not need Node's types.
      lib: ['es2022', 'dom'],
      types: [],
      skipLibCheck: false,
    },
    files: ['check.mts', 'check.cts'],
  }),
};

function typedConsumer(): string {
  return `
import { Sigmax, APIError, type ApiKey, type Health, type Scope } from '@sigmax/sdk';

export async function main(): Promise<string> {
  const sigmax = new Sigmax({ baseUrl: 'http://sigmax.test', fetch: ${HEALTH_FETCH} });
  const health: Health = await sigmax.health();
  const scopes: Scope[] = ['read'];
  const keys: ApiKey[] = [];
  for await (const key of sigmax.apiKeys.list({ limit: 10 })) keys.push(key);
  try {
    await sigmax.apiKeys.create({ name: 'typed', scopes }, { idempotencyKey: 'k1', timeout: 1000 });
  } catch (error) {
    if (error instanceof APIError) return \`\${error.status} \${error.code ?? ''} \${error.requestId ?? ''}\`;
  }
  // @ts-expect-error 'root' is not a scope
  await sigmax.apiKeys.create({ name: 'typed', scopes: ['root'] });
  return health.status;
}
`;
}

let work: string;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, {
    cwd: work,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
}

describe(
  'the packed @sigmax/sdk',
  () => {
    beforeAll(() => {
      ensureBuilt();
      work = mkdtempSync(join(tmpdir(), 'sigmax-sdk-package-'));
      const packDir = join(work, 'pack');
      runPnpm(['pack', '--pack-destination', packDir]);
      const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
      if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${packDir}`);
      for (const [name, content] of Object.entries(files)) writeFileSync(join(work, name), content);
      run('npm', [
        'install',
        join(packDir, tarball),
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
      ]);
    }, TIMEOUT);

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('holds the build, the README and package.json, and no sources', () => {
      const installed = join(work, 'node_modules/@sigmax/sdk');
      const contents = readdirSync(installed, { recursive: true }).map(String).sort();
      expect(contents).toEqual(
        expect.arrayContaining([
          'README.md',
          'dist/index.cjs',
          'dist/index.d.cts',
          'dist/index.d.ts',
          'dist/index.js',
        ]),
      );
      expect(contents.filter((file) => /^(src|test)\b|\.tsbuildinfo$|tsup\.config/.test(file))).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
      expect(manifest.dependencies).toEqual({ ky: expect.stringMatching(/^\^2\./) });
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
    });

    it('works from an ES module', () => {
      expect(JSON.parse(run(process.execPath, ['esm.mjs']))).toEqual({
        health: 'ok',
        requestId: 'req_smoke',
        apiError: true,
        notFound: true,
        code: 'not_found',
      });
    });

    it('works from CommonJS', () => {
      expect(JSON.parse(run(process.execPath, ['cjs.cjs']))).toEqual({
        health: 'ok',
        requestId: 'req_smoke',
        apiError: true,
        notFound: true,
        code: 'not_found',
      });
    });

    it('typechecks for TypeScript users, as ESM and as CommonJS', () => {
      try {
        run(process.execPath, [tsc, '-p', 'tsconfig.json']);
      } catch (error) {
        // tsc prints its diagnostics on stdout; show them rather than just the exit code.
        throw new Error(String((error as { stdout?: string }).stdout || error));
      }
    });
  },
  TIMEOUT,
);
