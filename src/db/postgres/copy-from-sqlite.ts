import type { Client, PoolClient } from 'pg';
import { openDatabase } from '../client.js';
import { DatabaseError } from '../open-errors.js';
import { migratePostgres } from './migrate.js';
import { BOOLEAN_COLUMNS } from './schema.js';

// Moving an existing installation from its SQLite file to PostgreSQL (issue 14): every row of every table,
// copied as it is, into an empty PostgreSQL database brought to the same schema version. All or nothing: one
// transaction, the row counts compared table by table before it commits. The SQLite file is only read.

/** PostgreSQL takes at most 65,535 parameters in one statement: rows go in batches below that. */
const MAX_PARAMETERS = 60_000;

export interface TableCopy {
  table: string;
  rows: number;
}

export interface CopyReport {
  tables: TableCopy[];
  rows: number;
}

type Target = Client | PoolClient;

/**
 * Copies the SQLite database at `sqlitePath` (which must be up to date with this version: run `migrate` on it
 * first) into the PostgreSQL database `target` is connected to. Applies PostgreSQL's migrations first; refuses,
 * changing nothing, a target that holds any row of the app's tables. Throws a DatabaseError in plain words.
 */
export async function copyFromSqlite(sqlitePath: string, target: Target): Promise<CopyReport> {
  const source = openDatabase(sqlitePath, { readOnly: true });
  try {
    await migratePostgres(target);
    const tables = await tablesInDependencyOrder(target);
    const sourceTables = new Set(
      (
        source.sqlite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all() as { name: string }[]
      ).map((t) => t.name),
    );
    const missing = tables.filter((t) => !sourceTables.has(t));
    if (missing.length > 0) {
      throw new DatabaseError(
        `The SQLite database at ${sqlitePath} has no ${missing.join(', ')} table: it is not a reverse-mentor ` +
          'database of this version. Nothing was copied.',
      );
    }
    const nonEmpty: string[] = [];
    for (const table of tables) if ((await countRows(target, table)) > 0) nonEmpty.push(table);
    if (nonEmpty.length > 0) {
      throw new DatabaseError(
        `The PostgreSQL database already holds data (in ${nonEmpty.slice(0, 5).join(', ')}` +
          `${nonEmpty.length > 5 ? ', …' : ''}): copy into an empty database. Nothing was copied.`,
      );
    }

    await target.query('BEGIN');
    try {
      const report: TableCopy[] = [];
      for (const table of tables) {
        const rows = copyTable(source.sqlite, table);
        await insertAll(target, table, rows.columns, rows.values);
        await resetIdentity(target, table, lastIssuedId(source.sqlite, table));
        const copied = await countRows(target, table);
        if (copied !== rows.values.length) {
          throw new DatabaseError(
            `Copying ${table} gave ${copied} rows in PostgreSQL for ${rows.values.length} in SQLite. Nothing was copied.`,
          );
        }
        report.push({ table, rows: copied });
      }
      await target.query('COMMIT');
      return { tables: report, rows: report.reduce((sum, t) => sum + t.rows, 0) };
    } catch (error) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    source.close();
  }
}

/** The app's tables (Drizzle's own bookkeeping left out), each after the tables its foreign keys point at. */
async function tablesInDependencyOrder(target: Target): Promise<string[]> {
  const tables = (
    await target.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  ).rows.map((r) => r.name);
  const edges = (
    await target.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    )
  ).rows;
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges)
    if (child !== parent) parents.get(unquote(child))?.add(unquote(parent));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0) throw new DatabaseError('The PostgreSQL tables refer to each other in a circle.');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

const unquote = (name: string) => name.replace(/^"|"$/g, '');

async function countRows(target: Target, table: string): Promise<number> {
  const result = await target.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Every row of a SQLite table, with its 0/1 booleans as PostgreSQL's booleans. */
function copyTable(
  sqlite: ReturnType<typeof openDatabase>['sqlite'],
  table: string,
): { columns: string[]; values: unknown[][] } {
  const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
    (c) => c.name,
  );
  const booleans = new Set(BOOLEAN_COLUMNS[table] ?? []);
  const values = (sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((row) =>
    row.map((value, i) => (booleans.has(columns[i]!) && value !== null ? value !== 0 : value)),
  );
  return { columns, values };
}

async function insertAll(target: Target, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const names = columns.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const placeholders = chunk
      .map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    // OVERRIDING SYSTEM VALUE: identity columns keep the ids the SQLite rows had (other rows refer to them).
    await target.query(
      `INSERT INTO "${table}" (${names}) OVERRIDING SYSTEM VALUE VALUES ${placeholders}`,
      chunk.flat(),
    );
  }
}

/** The highest id SQLite's AUTOINCREMENT ever handed out for a table (deleted rows' ids are never reused). */
function lastIssuedId(sqlite: ReturnType<typeof openDatabase>['sqlite'], table: string): number {
  const hasSequence = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
    .get();
  if (!hasSequence) return 0;
  const row = sqlite.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as
    | { seq: number }
    | undefined;
  return row?.seq ?? 0;
}

/**
 * An identity column carries on after the highest id SQLite ever handed out (or the highest copied, if more),
 * so an id is never used twice, as with SQLite's AUTOINCREMENT.
 */
async function resetIdentity(target: Target, table: string, lastIssued: number): Promise<void> {
  const identity = await target.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'YES'",
    [table],
  );
  for (const { column_name: column } of identity.rows) {
    await target.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, COALESCE((SELECT max("${column}") FROM "${table}"), 0)) + 1, false)`,
      [`"${table}"`, column, lastIssued],
    );
  }
}
