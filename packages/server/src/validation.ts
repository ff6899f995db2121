import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError } from './problem';

function fieldErrors(prefix: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    // Unknown keys are reported once per key, at the key's own path.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath(prefix, [...issue.path, key]),
        message: 'unknown field',
      }));
    }
    return [{ path: formatPath(prefix, issue.path), message: issue.message }];
  });
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

function validate<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(prefix, result.error);
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new ApiError(422, 'validation_failed', detail, { errors });
  }
  return result.data;
}

/** Reads a JSON body: 415 unless it is `application/json`, 400 when it does not parse, 422 when invalid. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  return validate(schema, value, 'body');
}

/** Validates the query string; repeated parameters arrive as arrays only where the schema asks. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(schema, c.req.query(), 'query');
}
