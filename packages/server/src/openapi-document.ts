import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The path of the spec this server implements. */
export const specPath = fileURLToPath(new URL('../../../openapi/sigmax.yaml', import.meta.url));

let cached: Record<string, unknown> | undefined;

/** The OpenAPI document, parsed once. */
export function openapiDocument(): Record<string, unknown> {
  cached ??= parse(readFileSync(specPath, 'utf8')) as Record<string, unknown>;
  return cached;
}
