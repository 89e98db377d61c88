import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Client, PoolClient } from 'pg';
import { migrationsFolder } from '../migrations-folder.js';
import { DatabaseError } from '../open-errors.js';

// PostgreSQL's migrations (migrations/postgres/), applied by Drizzle's own migrator inside a session-level
// advisory lock: replicas starting together against a fresh database queue on the lock, and each one after the
// first finds nothing left to do — as SQLite's runner does under BEGIN IMMEDIATE. Without the lock, two
// runners would both see no migration applied and the second would fail half-way ("relation already exists").

/** Where the migrations are recorded: Drizzle's defaults for PostgreSQL. */
export const MIGRATIONS_SCHEMA = 'drizzle';
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** The advisory lock's key: one 64-bit number per database, derived from a name that says whose it is. */
const LOCK_KEY_SQL = "hashtextextended('reverse-mentor:migrations', 0)";

/** How long start-up waits for another process's migrations before giving up (as SQLite waits 30 s). */
export const DEFAULT_LOCK_WAIT_MS = 120_000;

export interface PostgresMigrateOptions {
  /** The migrations to apply (default: the package's migrations/postgres/). */
  migrationsFolder?: string;
  /** How long to wait for another process holding the migration lock (default DEFAULT_LOCK_WAIT_MS). */
  lockWaitMs?: number;
}

export interface PostgresMigrateResult {
  /** Migrations this call applied (0 when another process had applied them, or there were none). */
  applied: number;
  /** Migrations recorded in the database afterwards. */
  total: number;
}

interface MigrationRow {
  hash: string;
  created_at: string | number | null;
}

async function recorded(client: Client | PoolClient): Promise<MigrationRow[]> {
  const exists = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`,
  ]);
  if (!exists.rows[0]?.present) return [];
  const rows = await client.query<MigrationRow>(
    `SELECT hash, created_at FROM "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}" ORDER BY id`,
  );
  return rows.rows;
}

/**
 * Applies the pending PostgreSQL migrations on `client` (one connection: the advisory lock belongs to its
 * session), holding `pg_advisory_lock` from before reading what is applied until after the last one is
 * recorded. Refuses, changing nothing, a database with migrations this version doesn't know (written by a
 * newer version), as the SQLite runner does. Throws a `DatabaseError` when the lock can't be had in time.
 */
export async function migratePostgres(
  client: Client | PoolClient,
  options: PostgresMigrateOptions = {},
): Promise<PostgresMigrateResult> {
  const folder = options.migrationsFolder ?? migrationsFolder('postgres');
  const known = readMigrationFiles({ migrationsFolder: folder });
  const waitMs = Math.max(1, Math.round(options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS));

  // lock_timeout bounds the wait for an advisory lock too; it is put back as soon as the lock is held, so
  // the migrations themselves run under the session's own setting.
  await client.query(`SET lock_timeout = ${waitMs}`);
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEY_SQL})`);
  } catch (error) {
    if ((error as { code?: unknown }).code === '55P03') {
      throw new DatabaseError(
        `Another process has been applying database migrations for over ${Math.round(waitMs / 1000)} s ` +
          '(another replica starting, or a `reverse-mentor migrate`). Try again once it has finished.',
      );
    }
    throw error;
  } finally {
    await client.query('RESET lock_timeout').catch(() => undefined);
  }
  try {
    const before = await recorded(client);
    const newestKnown = Math.max(0, ...known.map((m) => m.folderMillis));
    const knownHashes = new Set(known.map((m) => m.hash));
    const unknown = before.filter(
      (row) => Number(row.created_at) > newestKnown || !knownHashes.has(row.hash),
    );
    if (unknown.length > 0) {
      throw new DatabaseError(
        `The database was created by a newer version of reverse-mentor (it has ${unknown.length} schema ` +
          "change(s) this version doesn't know). Upgrade reverse-mentor, or point DATABASE_URL at another database.",
      );
    }
    await migrate(drizzle({ client }), {
      migrationsFolder: folder,
      migrationsSchema: MIGRATIONS_SCHEMA,
      migrationsTable: MIGRATIONS_TABLE,
    });
    const after = await recorded(client);
    return { applied: after.length - before.length, total: after.length };
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY_SQL})`).catch(() => undefined);
  }
}
