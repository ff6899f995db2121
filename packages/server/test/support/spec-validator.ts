import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openapiDocument } from '../../src/openapi-document';

// biome-ignore lint/suspicious/noExplicitAny: walks an arbitrary parsed OpenAPI document
type Json = Record<string, any>;

interface Operation {
  template: string;
  regex: RegExp;
  method: string;
  responses: Json;
}

/**
 * Checks responses against openapi/sigmax.yaml: the status must be one the operation declares, the
 * content type one it declares for that status, and the body must match its schema. A response to a
 * path the spec does not describe must be a 404 problem. Every test talks to the server through this.
 */
export class SpecValidator {
  private readonly spec = openapiDocument() as Json;
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ $id: 'sigmax', components: this.spec.components }, 'sigmax');
    for (const [template, item] of Object.entries<Json>(this.spec.paths)) {
      const regex = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method])
          this.operations.push({ template, regex, method, responses: item[method].responses });
      }
    }
  }

  /** Throws with a readable reason when the response breaks the contract. */
  async check(method: string, url: string, response: Response): Promise<void> {
    const path = new URL(url, 'http://x').pathname;
    const m = method.toLowerCase();
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const where = `${method.toUpperCase()} ${path} → ${response.status}`;
    if (!path.startsWith('/v1/')) return; // docs pages and assets are not API responses
    if (!response.headers.get('x-request-id')) throw new Error(`${where}: no X-Request-Id header`);

    const candidates = this.operations.filter((op) => op.regex.test(path));
    const operation = candidates.find((op) => op.method === m);
    if (!operation) {
      if (response.status !== 404 && response.status !== 405) {
        throw new Error(
          `${where}: the spec has no ${method.toUpperCase()} ${path}, so only 404/405 is allowed`,
        );
      }
      await this.validateBody(where, 'application/problem+json', contentType, response, {
        $ref: 'sigmax#/components/schemas/Problem',
      });
      return;
    }
    let declared = operation.responses[String(response.status)] ?? operation.responses.default;
    if (!declared) {
      throw new Error(
        `${where}: status not declared for ${operation.method.toUpperCase()} ${operation.template} (declares ${Object.keys(operation.responses).join(', ')})`,
      );
    }
    if (declared.$ref) declared = this.resolve(declared.$ref);
    const content = declared.content as Json | undefined;
    if (!content) {
      if (response.status !== 204 && (await response.clone().text()).length > 0) {
        throw new Error(`${where}: the spec declares no body but one was sent`);
      }
      return;
    }
    const media = content[contentType];
    if (!media)
      throw new Error(
        `${where}: content type '${contentType}' not declared (${Object.keys(content).join(', ')})`,
      );
    await this.validateBody(where, contentType, contentType, response, media.schema);
  }

  private async validateBody(
    where: string,
    expected: string,
    actual: string,
    response: Response,
    schema: Json,
  ) {
    if (expected !== actual) throw new Error(`${where}: content type '${actual}', expected '${expected}'`);
    if (!actual.includes('json')) return;
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${where}: body is not JSON: ${text.slice(0, 200)}`);
    }
    const validate = this.compile(schema);
    if (!validate(body)) {
      const errors = this.ajv.errorsText(validate.errors, { dataVar: 'body' });
      throw new Error(`${where}: body does not match the spec: ${errors}\n${text.slice(0, 500)}`);
    }
  }

  private compile(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema));
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private resolve(ref: string): Json {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json>((node, part) => node[part], this.spec);
  }
}

function rewriteRefs(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"sigmax#/'));
}
