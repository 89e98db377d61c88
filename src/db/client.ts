import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/**
 * The package's migrations/ folder, found by walking up from this file, so the same code works from src/
 * (tests), dist/ (production) and dist-bench/ (benchmarks).
 */
export const MIGRATIONS_FOLDER = findMigrations(dirname(fileURLToPath(import.meta.url)));

function findMigrations(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) return join(from, '..', '..', 'migrations');
  }
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/**
 * Opens (creating if needed) the SQLite database, sets the pragmas the app relies on and applies pending
 * migrations. Refuses a database written by a newer version of the app rather than guessing.
 */
export function openDatabase(path: string, options: { migrate?: boolean } = {}): DatabaseHandle {
  if (path !== ':memory:') prepareDatabaseFile(path);
  const sqlite = new Database(path);
  try {
    // WAL lets the health check and the scheduler read while a listener writes; the busy timeout makes a
    // second process (an external `tick`) wait for the write lock instead of failing at once.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // "Delete" deletes: freed space is overwritten, so erased answers can't be read back from the file.
    sqlite.pragma('secure_delete = ON');
    const db = drizzle(sqlite, { schema });
    if (options.migrate !== false) applyMigrations(sqlite, db);
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * The database holds people's private answers: its file is readable by the bot's user only (0600), and a
 * folder we create for it is 0700. SQLite gives its -wal and -shm files the database file's permissions.
 * An existing file is tightened; an existing folder is left alone (it may be someone's home directory).
 */
function prepareDatabaseFile(path: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  restrictToOwner(path);
}

/** Makes a file the bot wrote (database, backup, export) readable and writable by its owner only. */
export function restrictToOwner(path: string): void {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
}

function applyMigrations(sqlite: Database.Database, db: Db): void {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const newestKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (hasTable) {
    const applied = sqlite.prepare(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE}`).all() as {
      hash: string;
      created_at: number | string;
    }[];
    const knownHashes = new Set(known.map((m) => m.hash));
    const unknown = applied.filter(
      (row) => Number(row.created_at) > newestKnown || !knownHashes.has(row.hash),
    );
    if (unknown.length > 0) {
      throw new DatabaseError(
        `The database was created by a newer version of reverse-mentor (it has ${unknown.length} schema ` +
          "change(s) this version doesn't know). Upgrade reverse-mentor, or point DATABASE_PATH at another file.",
      );
    }
  }
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsTable: MIGRATIONS_TABLE });
}

/** A cheap round-trip for /healthz: proves the file is open and readable. */
export function pingDatabase(sqlite: Database.Database): boolean {
  try {
    const row = sqlite.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
    return row?.ok === 1;
  } catch {
    return false;
  }
}
