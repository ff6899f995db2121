import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';

describe('structured logs', () => {
  it('redact secrets wherever they appear', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        headers: { authorization: 'Bearer sk_sigmax_secret1' },
        config: { databaseUrl: 'postgres://u:pw@h/db', adminKey: 'sk_sigmax_secret2' },
        exchange: { apiKey: 'abc-secret3', secret: 'secret4', password: 'secret5' },
      },
      'hello',
    );
    const line = JSON.parse(out);
    expect(line.msg).toBe('hello');
    expect(out).not.toMatch(/secret[1-5]|pw@/);
    expect(line.headers.authorization).toBe('[redacted]');
  });
});
