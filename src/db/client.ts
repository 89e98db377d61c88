import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from './migrations-folder.js';
import { checkDatabasePath, createDatabaseFolders, DatabaseError, explainOpenError } from './open-errors.js';
import * as schema from './schema.js';

export { DatabaseError };

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/**
 * The SQLite migrations (migrations/sqlite/). A migration is known by its SQL's hash and its journal time
 * (`folderMillis`), never by its path: databases migrated when these files lay directly in migrations/ open
 * unchanged.
 */
export const MIGRATIONS_FOLDER = migrationsFolder('sqlite');

const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * How long a statement waits for another connection's write lock before failing. Short on purpose: the
 * driver is synchronous, so waiting freezes the whole process — and a Slack request must be answered within
 * 3 s. A busy database is an error on the request path, and retried off it (see `busy.ts`).
 */
export const BUSY_TIMEOUT_MS = 250;
/** Start-up (migrations, which another process may be applying at the same moment) can afford to wait. */
const STARTUP_BUSY_TIMEOUT_MS = 30_000;

export interface OpenOptions {
  /** Apply pending migrations (default). False: open as is (tests that build an old schema by hand). */
  migrate?: boolean;
  /**
   * Read only, never migrating, for commands that only read (backup, export): the schema must be exactly the
   * one this version knows, or the command is refused with a clear message.
   */
  readOnly?: boolean;
}

/**
 * Opens (creating if needed) the SQLite database, sets the pragmas the app relies on and applies pending
 * migrations under an exclusive lock, so two processes starting together apply each migration once. Refuses a
 * database written by a newer version of the app rather than guessing. A path that can't work (a folder, a
 * file that isn't SQLite, a folder this user can't write…) is refused first with a `DatabaseError` naming the
 * path, the cause and the fix; so is anything SQLite itself refuses while opening.
 */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const access = options.readOnly ? 'read' : 'write';
  try {
    if (path !== ':memory:') checkDatabasePath(path, access);
    return options.readOnly ? openReadOnly(path) : openReadWrite(path, options);
  } catch (error) {
    throw explainOpenError(path, error, access);
  }
}

function openReadWrite(path: string, options: OpenOptions): DatabaseHandle {
  if (path !== ':memory:') prepareDatabaseFile(path);
  const sqlite = new Database(path);
  try {
    sqlite.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
    // WAL lets the health check and the scheduler read while a listener writes.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // "Delete" deletes: freed space is overwritten, so erased answers can't be read back from the file.
    sqlite.pragma('secure_delete = ON');
    const db = drizzle(sqlite, { schema });
    if (options.migrate !== false) applyMigrations(sqlite);
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function openReadOnly(path: string): DatabaseHandle {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
    const { pending } = checkSchema(sqlite);
    if (pending > 0) {
      throw new DatabaseError(
        `The database at ${path} is from an earlier version of reverse-mentor and hasn't been brought up to ` +
          'date yet. Run `reverse-mentor migrate` (or start the bot once), then try again.',
      );
    }
    return { db: drizzle(sqlite, { schema }), sqlite, close: () => sqlite.close() };
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
  createDatabaseFolders(path);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  try {
    restrictToOwner(path);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EPERM') throw error;
    const { mode, uid } = statSync(path);
    throw new DatabaseError(
      `The database at ${path} can be read by others (mode 0${(mode & 0o777).toString(8)}), and only its ` +
        `owner (uid ${uid}) may narrow that: chmod 600 ${path}, or chown it to the user the bot runs as.`,
    );
  }
}

/** Makes a file the bot wrote (database, backup, export) readable and writable by its owner only. */
export function restrictToOwner(path: string): void {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
}

interface MigrationRecord {
  hash: string;
  created_at: number | string;
}

/**
 * Which known migrations a database still lacks. Throws when it has schema changes this version doesn't know
 * (written by a newer version). Reads the same table drizzle-kit's migrator writes.
 */
function checkSchema(sqlite: Database.Database): {
  pending: number;
  migrations: ReturnType<typeof readMigrationFiles>;
  last: number;
} {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const newestKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  const applied = hasTable
    ? (sqlite.prepare(`SELECT hash, created_at FROM ${MIGRATIONS_TABLE}`).all() as MigrationRecord[])
    : [];
  const knownHashes = new Set(known.map((m) => m.hash));
  const unknown = applied.filter((row) => Number(row.created_at) > newestKnown || !knownHashes.has(row.hash));
  if (unknown.length > 0) {
    throw new DatabaseError(
      `The database was created by a newer version of reverse-mentor (it has ${unknown.length} schema ` +
        "change(s) this version doesn't know). Upgrade reverse-mentor, or point DATABASE_PATH at another file.",
    );
  }
  const last = Math.max(0, ...applied.map((row) => Number(row.created_at)));
  return { pending: known.filter((m) => m.folderMillis > last).length, migrations: known, last };
}

/**
 * Applies pending migrations inside one write transaction taken *before* reading which ones are applied: a
 * second process starting at the same moment waits for the first, then finds nothing left to do.
 */
function applyMigrations(sqlite: Database.Database): void {
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const { migrations, last } = checkSchema(sqlite);
    const record = sqlite.prepare(`INSERT INTO ${MIGRATIONS_TABLE} ("hash", "created_at") VALUES (?, ?)`);
    for (const migration of migrations) {
      if (migration.folderMillis <= last) continue;
      for (const statement of migration.sql) if (statement.trim() !== '') sqlite.exec(statement);
      record.run(migration.hash, migration.folderMillis);
    }
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
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
