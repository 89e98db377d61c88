import type Database from 'better-sqlite3';
import { eq, getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrationsFolder } from '../../src/db/migrations-folder.js';
import * as pgSchema from '../../src/db/postgres/schema.js';
import * as sqliteSchema from '../../src/db/schema.js';
import { UNREADABLE_PAYLOAD } from '../../src/domain/outbox.js';
import { connect, type FreshDatabase, freshDatabase, TEST_DATABASE_URL } from '../support/postgres.js';

// Issue 14: the two backends' schemas can never drift apart. Each dialect's migrations are applied to an empty
// database (SQLite in memory; a fresh PostgreSQL database on the test server), and what the databases then
// hold — read back from PRAGMA table_info and information_schema, not from the Drizzle schema files — must be
// the same tables, columns, nullability, defaults, keys, foreign keys and indexes, with types that carry each
// value over unchanged. Skipped without a test server (scripts/test-postgres.sh sets TEST_DATABASE_URL).

interface Column {
  type: string;
  notNull: boolean;
  default: string | null;
  /** SQLite AUTOINCREMENT / PostgreSQL identity. */
  generated: boolean;
}

interface Shape {
  tables: Record<string, Record<string, Column>>;
  primaryKeys: Record<string, string[]>;
  foreignKeys: string[];
  /** `name on table (unique, partial)`, primary keys left out. */
  indexes: string[];
}

/** SQLite's declared default as PostgreSQL would print it, so the two compare. */
const normaliseDefault = (value: string | null): string | null =>
  value === null ? null : value.replace(/::[a-z ]+$/, '');

function sqliteShape(sqlite: Database.Database): Shape {
  const shape: Shape = { tables: {}, primaryKeys: {}, foreignKeys: [], indexes: [] };
  const tables = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of tables) {
    const columns = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    shape.tables[name] = Object.fromEntries(
      columns.map((c) => [
        c.name,
        {
          type: c.type.toLowerCase(),
          notNull: c.notnull === 1 || c.pk > 0,
          default: normaliseDefault(c.dflt_value),
          generated: c.pk > 0 && /AUTOINCREMENT/i.test(sql),
        },
      ]),
    );
    shape.primaryKeys[name] = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const fks = sqlite.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    for (const fk of fks)
      shape.foreignKeys.push(
        `${name}.${fk.from} -> ${fk.table}.${fk.to} on delete ${fk.on_delete.toLowerCase()}`,
      );
    const indexes = sqlite.prepare(`PRAGMA index_list("${name}")`).all() as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[];
    for (const index of indexes) {
      if (index.origin === 'pk') continue;
      shape.indexes.push(
        `${index.name} on ${name} (${index.unique ? 'unique' : 'not unique'}, ${index.partial ? 'partial' : 'whole'})`,
      );
    }
  }
  shape.foreignKeys.sort();
  shape.indexes.sort();
  return shape;
}

async function postgresShape(client: Client): Promise<Shape> {
  const shape: Shape = { tables: {}, primaryKeys: {}, foreignKeys: [], indexes: [] };
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const c of columns.rows) {
    shape.tables[c.table_name] ??= {};
    shape.tables[c.table_name]![c.column_name] = {
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
      default: normaliseDefault(c.column_default),
      generated: c.is_identity === 'YES',
    };
  }
  const keys = await client.query<{ table_name: string; column_name: string }>(
    `SELECT tc.table_name, k.column_name
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage k
         ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
      WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
      ORDER BY tc.table_name, k.ordinal_position`,
  );
  for (const k of keys.rows) {
    shape.primaryKeys[k.table_name] ??= [];
    shape.primaryKeys[k.table_name]!.push(k.column_name);
  }
  const fks = await client.query<{ def: string }>(
    `SELECT format('%s.%s -> %s.%s on delete %s', src.relname, sa.attname, dst.relname, da.attname,
                   CASE con.confdeltype WHEN 'c' THEN 'cascade' WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
                                        WHEN 'n' THEN 'set null' WHEN 'd' THEN 'set default' END) AS def
       FROM pg_constraint con
       JOIN pg_class src ON src.oid = con.conrelid
       JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = src.relnamespace
       JOIN pg_attribute sa ON sa.attrelid = con.conrelid AND sa.attnum = ANY (con.conkey)
       JOIN pg_attribute da ON da.attrelid = con.confrelid AND da.attnum = ANY (con.confkey)
      WHERE con.contype = 'f' AND ns.nspname = 'public'`,
  );
  shape.foreignKeys = fks.rows.map((r) => r.def).sort();
  const indexes = await client.query<{ def: string }>(
    `SELECT format('%s on %s (%s, %s)', ic.relname, tc.relname,
                   CASE WHEN i.indisunique THEN 'unique' ELSE 'not unique' END,
                   CASE WHEN i.indpred IS NULL THEN 'whole' ELSE 'partial' END) AS def
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace ns ON ns.oid = tc.relnamespace
      WHERE ns.nspname = 'public' AND NOT i.indisprimary`,
  );
  shape.indexes = indexes.rows.map((r) => r.def).sort();
  return shape;
}

/** Columns that hold epoch milliseconds: in PostgreSQL they must be bigint (integer stops in January 1970). */
const isTime = (column: string) => /_at$|^until$|_deadline$/.test(column);

/** The columns the SQLite schema reads as booleans (integers 0/1 behind Drizzle's boolean mode). */
function sqliteBooleanColumns(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of Object.values(sqliteSchema)) {
    if (!is(table, SQLiteTable)) continue;
    const booleans = getTableConfig(table)
      .columns.filter((c) => c.columnType === 'SQLiteBoolean')
      .map((c) => c.name);
    if (booleans.length > 0) out[getTableName(table)] = booleans;
  }
  return out;
}

/** The PostgreSQL type each SQLite column must have, so that every stored value carries over unchanged. */
function expectedPostgresType(table: string, column: string, sqliteType: string): string {
  if (pgSchema.BOOLEAN_COLUMNS[table]?.includes(column)) return 'boolean';
  switch (sqliteType) {
    case 'integer':
      return isTime(column) ? 'bigint' : 'integer';
    case 'real':
      return 'double precision';
    case 'text':
      return 'text';
    default:
      return `(no PostgreSQL type chosen for SQLite's ${sqliteType})`;
  }
}

describe.skipIf(!TEST_DATABASE_URL)('the PostgreSQL schema', () => {
  let database: FreshDatabase;
  let client: Client;
  let sqlite: Shape;
  let postgres: Shape;

  beforeAll(async () => {
    const handle = openDatabase(':memory:');
    sqlite = sqliteShape(handle.sqlite);
    handle.close();
    database = await freshDatabase();
    client = await connect(database.url);
    await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder('postgres') });
    postgres = await postgresShape(client);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('has every table and column of the SQLite schema, under the same names, and nothing else', () => {
    expect(Object.keys(sqlite.tables).length).toBeGreaterThan(15);
    expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
    for (const [table, columns] of Object.entries(sqlite.tables))
      expect(Object.keys(postgres.tables[table]!).sort(), table).toEqual(Object.keys(columns).sort());
  });

  it('gives each column a type that holds the same values, and the same nullability and default', () => {
    for (const [table, columns] of Object.entries(sqlite.tables)) {
      for (const [name, column] of Object.entries(columns)) {
        const twin = postgres.tables[table]?.[name];
        const where = `${table}.${name}`;
        expect(twin, where).toBeDefined();
        expect(twin!.type, where).toBe(expectedPostgresType(table, name, column.type));
        expect(twin!.notNull, where).toBe(column.notNull);
        expect(twin!.generated, where).toBe(column.generated);
        expect(twin!.default, where).toBe(column.default);
      }
    }
  });

  it('lists exactly the columns SQLite reads as booleans in BOOLEAN_COLUMNS (what a copy converts)', () => {
    expect(pgSchema.BOOLEAN_COLUMNS).toEqual(sqliteBooleanColumns());
  });

  it('has the same primary keys, foreign keys and indexes', () => {
    expect(postgres.primaryKeys).toEqual(sqlite.primaryKeys);
    expect(postgres.foreignKeys).toEqual(sqlite.foreignKeys);
    expect(postgres.indexes).toEqual(sqlite.indexes);
  });

  it('reads back through Drizzle what it stored: times as numbers, booleans, JSON text as SQLite writes it', async () => {
    const db = drizzle({ client, schema: pgSchema });
    const now = Date.parse('2026-12-01T09:00:00.123Z');
    await db.insert(pgSchema.people).values({ id: 'U0PG00001', displayName: 'Ana', createdAt: now });
    const [person] = await db.select().from(pgSchema.people).where(eq(pgSchema.people.id, 'U0PG00001'));
    expect(person).toMatchObject({ createdAt: now, active: true, homeOpened: false });
    const [cohort] = await db
      .insert(pgSchema.cohorts)
      .values({
        name: 'Winter',
        state: 'enrolling',
        enrolmentClosesOn: '2026-12-10',
        startsOn: '2026-12-14',
        weeks: 6,
        cadence: 'weekly',
        promptWeekday: 1,
        promptHour: 9,
        summaryChannelId: 'C0SUMMARY1',
        topics: ['ai', 'other:Rust'],
        capacity: 10,
        allowSameStage: false,
        createdBy: 'U0PG00001',
        createdAt: now,
      })
      .returning();
    expect(cohort).toMatchObject({ id: 1, topics: ['ai', 'other:Rust'], allowSameStage: false });
    const stored = await client.query('SELECT topics FROM cohorts WHERE id = $1', [cohort!.id]);
    expect(stored.rows[0].topics).toBe(JSON.stringify(['ai', 'other:Rust']));
    // Open cohorts' names are unique whatever their case, as in SQLite.
    await expect(
      db.insert(pgSchema.cohorts).values({ ...cohort!, id: undefined, name: 'WINTER' }),
    ).rejects.toThrow();
    // A damaged payload reads as unreadable on its own row, as in SQLite.
    await client.query(
      `INSERT INTO outbox (dedupe_key, kind, target, payload, state, created_at, next_attempt_at)
       VALUES ('k1', 'prompt', 'user:U0PG00001', '{not json', 'pending', $1, $1)`,
      [now],
    );
    const [row] = await db.select().from(pgSchema.outbox);
    expect(row).toMatchObject({ payload: UNREADABLE_PAYLOAD, createdAt: now, attempts: 0 });
  });
});
