import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

describe('loadConfig resolves relative paths where the command was typed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigmax-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the default data folder in the directory pnpm was started from (INIT_CWD)', () => {
    expect(loadConfig({ INIT_CWD: dir }).dataDir).toBe(join(dir, '.sigmax'));
    expect(loadConfig({ INIT_CWD: dir, SIGMAX_DATA_DIR: 'data/db' }).dataDir).toBe(join(dir, 'data/db'));
  });

  it('uses the working directory without INIT_CWD, and leaves absolute and in-memory paths alone', () => {
    expect(loadConfig({}).dataDir).toBe(join(process.cwd(), '.sigmax'));
    expect(loadConfig({ INIT_CWD: dir, SIGMAX_DATA_DIR: '/srv/sigmax' }).dataDir).toBe('/srv/sigmax');
    expect(loadConfig({ INIT_CWD: dir, SIGMAX_DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
  });

  it('reads a relative SIGMAX_CONFIG from that directory too', () => {
    writeFileSync(join(dir, 'sigmax.json'), JSON.stringify({ port: 9123, dataDir: 'from-file' }));
    const config = loadConfig({ INIT_CWD: dir, SIGMAX_CONFIG: 'sigmax.json' });
    expect(config.port).toBe(9123);
    expect(config.dataDir).toBe(join(dir, 'from-file'));
  });
});
