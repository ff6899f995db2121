#!/usr/bin/env node
// Generates docs/api-reference.md from openapi/sigmax.yaml: every operation by tag (method and path,
// operationId, summary, description, scope, parameters, request body, responses), then every schema.
// The output depends on the spec alone, in its own order, so it is the same on every machine.
// With --check, writes nothing and exits 1 when docs/api-reference.md is stale, so CI catches drift.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `yaml` is a dependency of the server, which parses the same spec at start; resolve it from there.
const { parse } = createRequire(resolve(root, 'packages/server/package.json'))('yaml');

const specPath = 'openapi/sigmax.yaml';
const target = 'docs/api-reference.md';
const spec = parse(await readFile(resolve(root, specPath), 'utf8'));
const components = spec.components ?? {};
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

// --- Anchors, as GitHub makes them from headings (github-slugger), duplicates numbered -------------------
const slugs = new Map();
function slug(heading) {
  const base = heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
  let candidate = base;
  for (let n = 1; slugs.has(candidate); n++) candidate = `${base}-${n}`;
  slugs.set(candidate, true);
  return candidate;
}

// --- Text helpers ------------------------------------------------------------------------------------------
/** One line, pipes escaped: safe inside a table cell. */
const cell = (text) =>
  String(text ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
const code = (text) => `\`${text}\``;
const refName = (ref) => ref.split('/').at(-1);

function deref(value) {
  if (!value?.$ref) return value;
  const [, ...path] = value.$ref.split('/'); // '#/components/schemas/Order'
  let node = spec;
  for (const key of path) node = node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`unresolved $ref ${value.$ref}`);
  return node;
}

// Schema anchors are reserved up front: operations link to schemas that are listed later.
const schemaAnchors = new Map();

/** A short type expression: `string`, `string | null`, [`Order`](#order), `array of …`, `"a" \| "b"`. */
function typeOf(schema) {
  if (!schema) return 'any';
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const anchor = schemaAnchors.get(name);
    return anchor ? `[${code(name)}](#${anchor})` : code(name);
  }
  if ('const' in schema) return code(JSON.stringify(schema.const));
  for (const key of ['oneOf', 'anyOf']) {
    if (schema[key]) return schema[key].map(typeOf).join(' or ');
  }
  if (schema.allOf) return schema.allOf.map(typeOf).join(' and ');
  if (schema.enum) return schema.enum.map((value) => code(JSON.stringify(value))).join(', ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const named = types.map((type) => {
    if (type === 'array') return `array of ${typeOf(schema.items)}`;
    if (type === 'string' && schema.format) return `string (${schema.format})`;
    return type;
  });
  if (named.length === 0) return schema.properties ? 'object' : 'any';
  return named.join(' or ');
}

/** Bounds and default of a schema, as a short note: `1–500, default 50`. */
function constraints(schema) {
  if (!schema || schema.$ref) return '';
  const notes = [];
  const range = (low, high, unit = '') => {
    if (low !== undefined && low === high) notes.push(`exactly ${low}${unit}`);
    else if (low !== undefined && high !== undefined) notes.push(`${low}–${high}${unit}`);
    else if (low !== undefined) notes.push(`≥ ${low}${unit}`);
    else if (high !== undefined) notes.push(`≤ ${high}${unit}`);
  };
  range(schema.minimum, schema.maximum);
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  if (schema.pattern) notes.push(`pattern ${code(schema.pattern)}`);
  if (schema.default !== undefined) notes.push(`default ${code(JSON.stringify(schema.default))}`);
  return notes.join(', ');
}

function typeWithConstraints(schema) {
  const note = constraints(schema);
  return note ? `${typeOf(schema)} (${note})` : typeOf(schema);
}

/** A property's own description, else (for a `$ref` without one) nothing: the type links to it. */
function describe(schema) {
  if (!schema) return '';
  if (schema.description) return schema.description;
  for (const key of ['oneOf', 'anyOf']) {
    const described = schema[key]?.find((s) => !s.$ref && s.description);
    if (described) return described.description;
  }
  return '';
}

/** The properties of an object schema, with `allOf` parts merged (following their `$ref`s). */
function objectFields(schema) {
  const properties = {};
  const required = new Set();
  const collect = (part) => {
    const resolved = deref(part);
    for (const sub of resolved.allOf ?? []) collect(sub);
    Object.assign(properties, resolved.properties ?? {});
    for (const name of resolved.required ?? []) required.add(name);
  };
  collect(schema);
  return { properties, required };
}

function fieldsTable(schema) {
  const { properties, required } = objectFields(schema);
  const names = Object.keys(properties);
  if (names.length === 0) return [];
  const lines = ['| Field | Type | Required | Description |', '|---|---|---|---|'];
  for (const name of names) {
    const property = properties[name];
    lines.push(
      `| ${code(name)} | ${cell(typeWithConstraints(property))} | ${required.has(name) ? 'yes' : ''} | ${cell(describe(property))} |`,
    );
  }
  return lines;
}

/** The body of a schema: its fields, its variants (each with its fields), or its values. */
function schemaBody(schema) {
  const lines = [];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants && !schema.properties) {
    const objects = variants.filter((variant) => {
      const resolved = deref(variant);
      return resolved.properties || resolved.allOf;
    });
    if (objects.length === 0 || objects.some((variant) => variant.$ref)) {
      lines.push(`One of: ${typeOf(schema)}.`, '');
      return lines;
    }
    lines.push(`One of ${variants.length}:`, '');
    variants.forEach((variant, index) => {
      const title = variant.title ?? `variant ${index + 1}`;
      lines.push(`${index + 1}. **${title}**`, '');
      if (variant.description) lines.push(cell(variant.description), '');
      const table = fieldsTable(variant);
      lines.push(...(table.length ? table : [`${typeOf(variant)}.`]), '');
    });
    return lines;
  }
  const table = fieldsTable(schema);
  if (table.length) {
    lines.push(...table, '');
    return lines;
  }
  if (schema.enum) {
    lines.push(`Values: ${typeOf(schema)}.`, '');
    return lines;
  }
  lines.push(`Type: ${cell(typeWithConstraints(schema))}.`, '');
  return lines;
}

// --- Operations --------------------------------------------------------------------------------------------
const operations = [];
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const method of methods) {
    const operation = item[method];
    if (!operation) continue;
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    operations.push({ path, method, operation, parameters });
  }
}

function scopeOf(operation) {
  const security = operation.security ?? spec.security ?? [];
  if (security.length === 0) return 'none (public)';
  const stated = /Requires the `(\w+)` scope/.exec(operation.description ?? '');
  return stated ? code(stated[1]) : '`read` (any key)';
}

function operationSection(entry) {
  const { operation, parameters } = entry;
  const lines = [`### ${entry.heading}`, ''];
  if (operation.summary) lines.push(`**${operation.summary.trim()}**`, '');
  lines.push(`- operationId: ${code(operation.operationId)}`, `- Scope: ${scopeOf(operation)}`, '');
  if (operation.description) lines.push(operation.description.trim(), '');

  if (parameters.length) {
    lines.push('Parameters:', '');
    lines.push('| Name | In | Type | Required | Description |', '|---|---|---|---|---|');
    for (const parameter of parameters) {
      lines.push(
        `| ${code(parameter.name)} | ${parameter.in} | ${cell(typeWithConstraints(parameter.schema))} | ${parameter.required ? 'yes' : ''} | ${cell(parameter.description ?? describe(parameter.schema))} |`,
      );
    }
    lines.push('');
  }

  if (operation.requestBody) {
    const body = deref(operation.requestBody);
    for (const [mediaType, media] of Object.entries(body.content ?? {})) {
      const schema = media.schema ?? {};
      const name = schema.$ref ? ` ${typeOf(schema)}` : '';
      lines.push(`Request body (${code(mediaType)}${body.required ? ', required' : ''}):${name}`, '');
      if (body.description) lines.push(cell(body.description), '');
      lines.push(...schemaBody(deref(schema)));
    }
  }

  lines.push('Responses:', '', '| Status | Description | Body |', '|---|---|---|');
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    const response = deref(raw);
    const bodies = Object.entries(response.content ?? {}).map(
      ([mediaType, media]) => `${typeOf(media.schema)} (${code(mediaType)})`,
    );
    lines.push(`| ${status} | ${cell(response.description)} | ${cell(bodies.join(', '))} |`);
  }
  lines.push('');
  return lines;
}

// --- The document ------------------------------------------------------------------------------------------
const tags = [...(spec.tags ?? [])];
const tagNames = new Set(tags.map((tag) => tag.name));
const untagged = operations.filter((entry) => !(entry.operation.tags ?? []).some((t) => tagNames.has(t)));
if (untagged.length) tags.push({ name: 'other', description: 'Operations without a listed tag' });

// Headings in document order, so duplicate anchors are numbered as GitHub numbers them.
const title = `${spec.info.title} reference`;
slug(title);
slug('Contents');
if (spec.info.description) slug('Overview');
const tagSections = tags.map((tag) => {
  const members = operations.filter((entry) =>
    tag.name === 'other' && untagged.includes(entry) ? true : (entry.operation.tags ?? [])[0] === tag.name,
  );
  const anchor = slug(tag.name);
  for (const entry of members) {
    entry.heading = `${entry.method.toUpperCase()} ${entry.path}`;
    entry.anchor = slug(entry.heading);
  }
  return { tag, anchor, members };
});
const schemaNames = Object.keys(components.schemas ?? {});
const schemasAnchor = slug('Schemas');
for (const name of schemaNames) schemaAnchors.set(name, slug(name));

const out = [
  `# ${title}`,
  '',
  `<!-- DO NOT EDIT: generated from ${specPath} by scripts/generate-api-reference.mjs. Run \`pnpm generate:docs\` after changing the spec. -->`,
  '',
  `${spec.info.summary ?? ''} — API version ${spec.info.version}, OpenAPI ${spec.openapi}. The spec, [${specPath}](../${specPath}), is the source of truth; a running server also serves it at \`/v1/openapi.json\` and browsable at \`/docs\`.`,
  '',
  '## Contents',
  '',
];
for (const { tag, anchor, members } of tagSections) {
  out.push(`- [${tag.name}](#${anchor}): ${cell(tag.description)}`);
  for (const entry of members) {
    out.push(`  - [${code(entry.heading)}](#${entry.anchor}) ${cell(entry.operation.summary)}`);
  }
}
out.push(`- [Schemas](#${schemasAnchor})`, '');

if (spec.info.description) out.push('## Overview', '', spec.info.description.trim(), '');

for (const { tag, members } of tagSections) {
  out.push(`## ${tag.name}`, '');
  if (tag.description) out.push(`${tag.description.trim()}.`.replace(/\.\.$/, '.'), '');
  for (const entry of members) out.push(...operationSection(entry));
}

out.push('## Schemas', '');
for (const name of schemaNames) {
  const schema = components.schemas[name];
  out.push(`### ${name}`, '');
  if (schema.description) out.push(schema.description.trim(), '');
  out.push(...schemaBody(schema));
}

const content = `${out
  .join('\n')
  .replace(/\n{3,}/g, '\n\n')
  .trimEnd()}\n`;

const file = resolve(root, target);
const current = await readFile(file, 'utf8').catch(() => null);
if (process.argv.includes('--check')) {
  if (current !== content) {
    console.error(`stale generated file: ${target} (run \`pnpm generate:docs\`)`);
    process.exit(1);
  }
  console.log('the API reference is up to date');
} else if (current !== content) {
  await writeFile(file, content);
  console.log(`wrote ${target}`);
}
