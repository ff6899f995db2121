// The SDK must run where only web-standard globals exist (browsers, Deno, Bun, edge runtimes): its
// bundle imports no Node built-in, and it works in a sandbox that has fetch and friends but no
// `process`, `require`, `Buffer` or Node module at all.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, packageDir } from './support/build';

let server: Server;
let baseUrl = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    const ok = request.headers.authorization === 'Bearer sk_test';
    response.writeHead(ok ? 200 : 401, {
      'content-type': ok ? 'application/json' : 'application/problem+json',
      'x-request-id': 'req_sandbox',
    });
    response.end(
      JSON.stringify(
        ok
          ? { status: 'ok', version: '0.0.0', time: new Date().toISOString(), database: 'ok' }
          : {
              type: 'urn:sigmax:problem:unauthorized',
              title: 'Unauthorized',
              status: 401,
              code: 'unauthorized',
              requestId: 'req_sandbox',
            },
      ),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  server.closeAllConnections();
});

/** The SDK (with ky) bundled for the browser, as an app's bundler would. */
async function browserBundle(): Promise<{ code: string; inputs: string[] }> {
  ensureBuilt();
  const result = await build({
    entryPoints: [join(packageDir, 'dist/index.js')],
    bundle: true,
    format: 'iife',
    globalName: 'SigmaxSDK',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return {
    code: result.outputFiles[0]?.text ?? '',
    inputs: Object.keys(result.metafile.inputs),
  };
}

it('bundles for the browser without any Node built-in', async () => {
  const { code, inputs } = await browserBundle();
  expect(inputs.filter((input) => input.startsWith('node:') || !input.includes('/'))).toEqual([]);
  expect(code).not.toMatch(/require\(["'](node:|fs|http|https|net|crypto|stream|events)["']\)/);
});

it('works in a sandbox with only web-standard globals', async () => {
  const { code } = await browserBundle();
  const web = [
    'fetch',
    'Request',
    'Response',
    'Headers',
    'FormData',
    'Blob',
    'AbortController',
    'AbortSignal',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'ReadableStream',
    'DOMException',
    'setTimeout',
    'clearTimeout',
    'queueMicrotask',
    'structuredClone',
    'crypto',
    'console',
  ] as const;
  const globals: Record<string, unknown> = {};
  for (const name of web) globals[name] = (globalThis as Record<string, unknown>)[name];
  const sandbox = createContext(globals);
  runInContext(code, sandbox);
  expect(runInContext('typeof process + typeof require + typeof Buffer', sandbox)).toBe(
    'undefinedundefinedundefined',
  );
  sandbox.baseUrl = baseUrl;
  const health = await runInContext(
    `new SigmaxSDK.Sigmax({ baseUrl, apiKey: 'sk_test', maxRetries: 0 }).health()`,
    sandbox,
  );
  expect(health.status).toBe('ok');
  const error = await runInContext(
    `new SigmaxSDK.Sigmax({ baseUrl, apiKey: 'sk_wrong', maxRetries: 0 }).health().then(() => null, (e) => ({ name: e.name, status: e.status, requestId: e.requestId }))`,
    sandbox,
  );
  expect(error).toEqual({ name: 'AuthenticationError', status: 401, requestId: 'req_sandbox' });
});
