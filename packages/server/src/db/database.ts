import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** The drizzle handle both drivers share: queries take it as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseDriver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: DatabaseDriver;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

// Serialises concurrent migrations from several replicas on one PostgreSQL database.
const MIGRATION_LOCK_ID = 0x51_67_4d_58;

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` (or undefined) keeps everything in memory. */
  dataDir?: string | undefined;
  /** Maximum PostgreSQL connections in the pool. */
  poolSize?: number;
}

/** Opens the database and applies pending migrations. Throws when it cannot be reached or migrated. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const fresh = !inMemory && !existsSync(join(dataDir, 'PG_VERSION'));
  let client = await startPglite(inMemory ? undefined : dataDir);
  const migrate = async (c: PGlite) => {
    try {
      await migratePglite(drizzlePglite(c, { schema }) as never, { migrationsFolder });
    } catch (error) {
      await c.close();
      throw error;
    }
  };
  await migrate(client);
  if (fresh) {
    // Creating the cluster grows PGlite's WebAssembly heap by hundreds of megabytes that are never given
    // back; starting again on the new cluster costs about a second once and keeps the server small.
    await client.close();
    client = await startPglite(dataDir);
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

async function startPglite(dataDir: string | undefined): Promise<PGlite> {
  // PostgreSQL's default 128 MB of shared buffers is most of an idle server's memory; an embedded,
  // single-user database does well with 16 MB.
  const client = new PGlite(dataDir, {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  await client.waitReady;
  return client;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const migrationClient = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres(migrationClient), { migrationsFolder });
    await migrationClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrationClient.end({ timeout: 5 });
  }
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
