// One SDK method per API operation, named after its operationId (`orders.create` is
// `sigmax.orders.create`, `health` is `sigmax.health`): every operation of the spec has one.
import { readFileSync } from 'node:fs';
import { Sigmax } from '@sigmax/sdk';
import { expect, it } from 'vitest';

/** Operations the SDK deliberately leaves out, with why. */
const NOT_IN_SDK: Record<string, string> = {
  openapi: 'the API description itself: fetch /v1/openapi.json, or use the generated types',
};

it('has a method for every operationId of openapi/sigmax.yaml', () => {
  const spec = readFileSync(new URL('../../../openapi/sigmax.yaml', import.meta.url), 'utf8');
  const ids = [...spec.matchAll(/^\s+operationId:\s*([\w.]+)\s*$/gm)].map((m) => m[1] as string);
  expect(ids.length).toBeGreaterThan(50);
  const sigmax = new Sigmax({ baseUrl: 'http://sigmax.test', apiKey: 'sk_test' }) as unknown as Record<
    string,
    Record<string, unknown> | (() => unknown)
  >;
  const missing = ids.filter((id) => {
    if (id in NOT_IN_SDK) return false;
    const [first, second] = id.split('.') as [string, string | undefined];
    const target =
      second === undefined ? sigmax[first] : (sigmax[first] as Record<string, unknown> | undefined)?.[second];
    return typeof target !== 'function';
  });
  expect(missing).toEqual([]);
});
