import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldError, invalidFields } from './problem';

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
    throw invalidFields(fieldErrors(prefix, result.error));
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

/**
 * Reads a `multipart/form-data` body: the JSON document in part `jsonPart`, validated by `schema`
 * (errors at `body.<field>`), and the text of each file part. 400 when the body is not a form, 422
 * when the JSON part is missing or invalid.
 */
export async function parseMultipartBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  jsonPart: string,
): Promise<{ body: z.output<S>; files: Map<string, string> }> {
  const type = c.req.header('content-type') ?? '';
  let form: FormData;
  try {
    // Read through a fresh Request: the body may have been read as text already (idempotency).
    const raw = await c.req.arrayBuffer();
    form = await new Request('http://form.local/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
  } catch (error) {
    throw new ApiError(
      400,
      'bad_request',
      `The body is not valid multipart/form-data: ${(error as Error).message}`,
    );
  }
  const json = form.get(jsonPart);
  if (json === null) {
    throw invalidFields([{ path: jsonPart, message: 'missing: send the JSON request in this part' }]);
  }
  const text = typeof json === 'string' ? json : await json.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'invalid_json',
      `The ${jsonPart} part is not valid JSON: ${(error as Error).message}`,
    );
  }
  const files = new Map<string, string>();
  for (const [name, part] of form.entries()) {
    if (name !== jsonPart) files.set(name, typeof part === 'string' ? part : await part.text());
  }
  return { body: validate(schema, value, 'body'), files };
}

/** True for a `multipart/form-data` request. */
export function isMultipart(c: Context): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(c.req.header('content-type') ?? '');
}

/**
 * Reads an optional JSON body: an empty body is `{}`; otherwise as {@link parseJsonBody}.
 */
export async function parseOptionalJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  const length = c.req.header('content-length');
  const type = c.req.header('content-type');
  if ((length === undefined || length === '0') && !type) {
    const text = await c.req.text();
    if (text.trim() === '') return validate(schema, {}, 'body');
  }
  return parseJsonBody(c, schema);
}
