// Type tests: checked by tsc (`pnpm typecheck`) and by vitest's typecheck mode, never run. Each
// `@ts-expect-error` fails the check if the line below it compiles.
import {
  type APIError,
  type APIPromise,
  type APIResponse,
  type ApiKey,
  type ApiKeyCreated,
  type Health,
  type Page,
  type PagePromise,
  type Problem,
  type RateLimitError,
  type RequestOptions,
  type Scope,
  Sigmax,
  type Status,
} from '@sigmax/sdk';
import { describe, expectTypeOf, it } from 'vitest';

const sigmax = new Sigmax({ baseUrl: 'http://localhost:8080', fetch: async () => new Response('{}') });

describe('method types', () => {
  it('resolve to the spec’s schemas', () => {
    expectTypeOf(sigmax.health()).toEqualTypeOf<APIPromise<Health>>();
    expectTypeOf(sigmax.status()).toEqualTypeOf<APIPromise<Status>>();
    expectTypeOf(sigmax.apiKeys.create({ name: 'a', scopes: ['read'] })).toEqualTypeOf<
      APIPromise<ApiKeyCreated>
    >();
    expectTypeOf(sigmax.apiKeys.get('key_1')).toEqualTypeOf<APIPromise<ApiKey>>();
    expectTypeOf(sigmax.apiKeys.revoke('key_1')).toEqualTypeOf<APIPromise<ApiKey>>();
    expectTypeOf(sigmax.apiKeys.list()).toEqualTypeOf<PagePromise<ApiKey>>();
    expectTypeOf<Awaited<ReturnType<typeof sigmax.apiKeys.list>>>().toEqualTypeOf<Page<ApiKey>>();
    expectTypeOf(sigmax.health()).toExtend<Promise<Health>>();
    expectTypeOf(sigmax.health().withResponse()).toEqualTypeOf<Promise<APIResponse<Health>>>();
  });

  it('carry the spec’s enums and nullability', () => {
    expectTypeOf<Scope>().toEqualTypeOf<'read' | 'trade' | 'admin'>();
    expectTypeOf<Health['status']>().toEqualTypeOf<'ok' | 'degraded'>();
    expectTypeOf<ApiKey['revokedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<ApiKeyCreated>().toExtend<ApiKey & { key: string }>();
  });

  it('iterate list items with for await', () => {
    expectTypeOf(sigmax.apiKeys.list()).toExtend<AsyncIterable<ApiKey>>();
    expectTypeOf<Page<ApiKey>>().toExtend<AsyncIterable<ApiKey>>();
  });

  it('type errors', () => {
    expectTypeOf<APIError['status']>().toEqualTypeOf<number>();
    expectTypeOf<APIError['problem']>().toEqualTypeOf<Problem | undefined>();
    expectTypeOf<APIError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError['retryAfter']>().toEqualTypeOf<number | undefined>();
    // Known codes autocomplete, unknown ones are still allowed.
    expectTypeOf<'not_found'>().toExtend<NonNullable<APIError['code']>>();
    expectTypeOf<'some_future_code'>().toExtend<NonNullable<APIError['code']>>();
  });
});

describe('wrong calls do not compile', () => {
  it('rejects bad bodies, params and options', () => {
    // Declared, never called: the assertions are the compile errors themselves.
    const wrong = () => {
      // @ts-expect-error name must be a string
      sigmax.apiKeys.create({ name: 1, scopes: ['read'] });
      // @ts-expect-error 'superuser' is not a Scope
      sigmax.apiKeys.create({ name: 'a', scopes: ['superuser'] });
      // @ts-expect-error scopes is required
      sigmax.apiKeys.create({ name: 'a' });
      // @ts-expect-error unknown body field
      sigmax.apiKeys.create({ name: 'a', scopes: ['read'], admin: true });
      // @ts-expect-error limit is a number
      sigmax.apiKeys.list({ limit: '10' });
      // @ts-expect-error unknown query parameter
      sigmax.apiKeys.list({ sort: 'name' });
      // @ts-expect-error the id is a string
      sigmax.apiKeys.get(42);
      // @ts-expect-error the id is required
      sigmax.apiKeys.revoke();
      // @ts-expect-error timeout is a number of milliseconds
      sigmax.status({ timeout: '5s' });
      // @ts-expect-error unknown client option
      new Sigmax({ baseURL: 'http://localhost:8080' });
      // @ts-expect-error no such resource
      sigmax.orders.list();
    };
    expectTypeOf(wrong).toBeFunction();
    expectTypeOf<RequestOptions>().toHaveProperty('idempotencyKey');
  });
});
