import Database from 'better-sqlite3';
import type { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFromSqlite } from '../../src/db/postgres/copy-from-sqlite.js';
import { BOOLEAN_COLUMNS } from '../../src/db/postgres/schema.js';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER_USER, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';
import { connect, type FreshDatabase, freshDatabase, TEST_DATABASE_URL } from '../support/postgres.js';

// Issue 14: an installation moves from its SQLite file to PostgreSQL with every row as it was. The SQLite file
// comes from the real app after a launched cohort with a few weeks of its life (profiles, pairs, outbox,
// check-ins, leases…); the copy must hold the same rows, value for value, in an empty database, refuse a
// database that already holds data, and leave ids to carry on after the copied ones.

/**
 * Rows as sorted JSON lines, so the two databases compare whatever order (and text collation) they return rows
 * in; PostgreSQL's bigints arrive as decimal strings, SQLite's as numbers, so those are compared as numbers.
 */
function canonical(rows: unknown[][]): string[] {
  const value = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);
  return rows.map((row) => JSON.stringify(row.map(value))).sort();
}

let h: Harness | undefined;
let sqlitePath: string;
let target: FreshDatabase | undefined;
let client: Client | undefined;

describe.skipIf(!TEST_DATABASE_URL)('copying a SQLite database into PostgreSQL', () => {
  beforeAll(async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    h.clock.set('2026-12-12T12:00:00Z');
    await h.slack.command(pairs[0]!.menteeId, 'pause 2w');
    await h.settle();
    await h.tickAt('2026-12-15T23:00:00Z');
    await h.tickAt('2026-12-22T23:00:00Z');
    sqlitePath = h.dbPath;
    await h.stopBot();
  }, 60_000);

  afterEach(async () => {
    await client?.end();
    client = undefined;
    await target?.drop();
    target = undefined;
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('copies every row of every table, value for value, and ids carry on after the copied ones', async () => {
    target = await freshDatabase();
    client = await connect(target.url);
    const report = await copyFromSqlite(sqlitePath, client);

    const sqlite = new Database(sqlitePath, { readonly: true });
    try {
      const tables = (
        sqlite
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
          )
          .all() as { name: string }[]
      ).map((t) => t.name);
      expect(report.tables.map((t) => t.table).sort()).toEqual(tables);
      let nonEmpty = 0;
      for (const table of tables) {
        const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
          (c) => c.name,
        );
        const list = columns.map((c) => `"${c}"`).join(', ');
        const booleans = BOOLEAN_COLUMNS[table] ?? [];
        const expected = (sqlite.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][]).map(
          (row) => row.map((v, i) => (booleans.includes(columns[i]!) && v !== null ? v !== 0 : v)),
        );
        const actual = (await client.query({ text: `SELECT ${list} FROM "${table}"`, rowMode: 'array' }))
          .rows as unknown[][];
        expect(canonical(actual), table).toEqual(canonical(expected));
        if (expected.length > 0) nonEmpty++;
      }
      // The scenario really filled the database: people, profiles, cohorts, enrolments, pairs, outbox, leases…
      expect(nonEmpty).toBeGreaterThanOrEqual(8);
      expect(report.rows).toBeGreaterThan(50);

      // A new row gets an id after every copied one (never one a copied row, or a deleted one, had).
      const maxPair = (sqlite.prepare('SELECT max(id) AS id FROM pairs').get() as { id: number }).id;
      const next = await client.query<{ id: number }>(
        "INSERT INTO cohorts (name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour, summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at) SELECT name || ' copy', state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour, summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at FROM cohorts LIMIT 1 RETURNING id",
      );
      const maxCohort = (sqlite.prepare('SELECT max(id) AS id FROM cohorts').get() as { id: number }).id;
      expect(next.rows[0]!.id).toBeGreaterThan(maxCohort);
      expect(maxPair).toBeGreaterThan(0);
    } finally {
      sqlite.close();
    }
  });

  it('refuses a database that already holds data, and changes nothing there', async () => {
    target = await freshDatabase();
    client = await connect(target.url);
    await copyFromSqlite(sqlitePath, client);
    const before = await client.query<{ n: string }>('SELECT count(*) AS n FROM people');
    await expect(copyFromSqlite(sqlitePath, client)).rejects.toThrow(
      /already holds data.*Nothing was copied/,
    );
    const after = await client.query<{ n: string }>('SELECT count(*) AS n FROM people');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses a file that is not a reverse-mentor database before touching PostgreSQL', async () => {
    target = await freshDatabase();
    client = await connect(target.url);
    const other = `${sqlitePath}.other`;
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    await expect(copyFromSqlite(other, client)).rejects.toThrow(/reverse-mentor migrate/);
    const tables = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.rows[0]!.n).toBe('0');
  });
});
