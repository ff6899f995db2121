import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

/** The PostgreSQL server tests use when it answers (override with SIGMAX_TEST_DATABASE_URL). */
export const testPostgresUrl =
  process.env.SIGMAX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL answers; asked once per worker. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const sql = postgres(testPostgresUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  })();
  return reachable;
}

/** Creates an empty database for one test file and returns its URL and a drop function. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sigmax_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(testPostgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(testPostgresUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
      await sql.end();
    },
  };
}

/**
 * The drivers a database test runs on: PGlite always, PostgreSQL when it answers. Tests name the
 * driver in their titles, so the report says which one each run used.
 */
export async function testDrivers(): Promise<Array<'pglite' | 'postgres'>> {
  if (await postgresReachable()) return ['pglite', 'postgres'];
  console.warn(
    'PostgreSQL at %s does not answer: database tests run on PGlite only',
    redact(testPostgresUrl),
  );
  return ['pglite'];
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Storage that survives a restart: a scratch PostgreSQL database on `postgres`, a temporary PGlite
 * data folder (`sigmax-<name>-…` in the system temp folder) on `pglite`. `config` goes into the
 * server config of each start; `cleanup` drops the database or removes the folder.
 */
export async function restartableStorage(
  driver: 'pglite' | 'postgres',
  name = 'storage',
): Promise<{ config: { databaseUrl: string } | { dataDir: string }; cleanup(): Promise<void> }> {
  if (driver === 'postgres') {
    const scratch = await createScratchDatabase();
    return { config: { databaseUrl: scratch.url }, cleanup: scratch.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), `sigmax-${name}-`));
  return { config: { dataDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
