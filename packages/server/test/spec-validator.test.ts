import { describe, expect, it } from 'vitest';
import { SpecValidator } from './support';

const validator = new SpecValidator();
const json = (body: unknown, status: number, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, 'X-Request-Id': 'r1' } });
const health = { status: 'ok', version: '1', time: '2026-01-01T00:00:00Z', database: 'up' };

describe('the spec validator every test goes through', () => {
  it('accepts a response the spec describes', async () => {
    await expect(validator.check('GET', '/v1/health', json(health, 200))).resolves.toBeUndefined();
  });

  it('rejects a status the operation does not declare', async () => {
    await expect(validator.check('GET', '/v1/health', json(health, 201))).rejects.toThrow(
      /status not declared/,
    );
  });

  it('rejects a body that does not match the schema', async () => {
    await expect(validator.check('GET', '/v1/health', json({ ...health, extra: 1 }, 200))).rejects.toThrow(
      /does not match/,
    );
    await expect(
      validator.check('GET', '/v1/health', json({ ...health, time: 'yesterday' }, 200)),
    ).rejects.toThrow(/does not match/);
  });

  it('rejects a content type the spec does not declare, and a missing request id', async () => {
    await expect(validator.check('GET', '/v1/health', json(health, 200, 'text/plain'))).rejects.toThrow(
      /content type/,
    );
    const noId = new Response(JSON.stringify(health), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    await expect(validator.check('GET', '/v1/health', noId)).rejects.toThrow(/X-Request-Id/);
  });

  it('allows only a 404 problem for paths the spec does not have', async () => {
    await expect(validator.check('GET', '/v1/secret', json(health, 200))).rejects.toThrow(/has no GET/);
    const problem = { type: 'urn:x', title: 'Not found', status: 404, code: 'not_found', requestId: 'r1' };
    await expect(
      validator.check('GET', '/v1/secret', json(problem, 404, 'application/problem+json')),
    ).resolves.toBeUndefined();
  });
});
