import { z } from 'zod';
import type { components } from '../generated/openapi';
import { pageQuery, queryBoolean } from './common';

export const scopeSchema = z.enum(['read', 'trade', 'admin']) satisfies z.ZodType<
  components['schemas']['Scope']
>;

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(scopeSchema)
    .min(1)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'scopes must not repeat'),
}) satisfies z.ZodType<components['schemas']['ApiKeyCreate']>;

export const apiKeyListQuery = z.strictObject({
  ...pageQuery,
  includeRevoked: queryBoolean.default(false),
});
