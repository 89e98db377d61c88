import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/migrations-folder.js';
import { DatabaseError } from '../../src/db/open-errors.js';
import { migratePostgres } from '../../src/db/postgres/migrate.js';
import { connect, type FreshDatabase, freshDatabase, TEST_DATABASE_URL } from '../support/postgres.js';

// Issue 14: PostgreSQL's migrations run at start-up under an advisory lock, so replicas starting together on a
// fresh database all succeed and each migration is applied once (SQLite gets the same from BEGIN IMMEDIATE).
// Skipped without a test server (scripts/test-postgres.sh sets TEST_DATABASE_URL).

const LOCK = "hashtextextended('reverse-mentor:migrations', 0)";

let folder: string;
let scratch: string;
let migrationCount: number;

/** The real migrations plus a second one, so "each applied once" covers more than a single step. */
function migrationsWithAnExtraStep(): string {
  const dir = join(scratch, 'postgres');
  cpSync(migrationsFolder('postgres'), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_test_extra' });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(
    join(dir, '9999_test_extra.sql'),
    'CREATE TABLE "migration_probe" ("id" integer PRIMARY KEY);--> statement-breakpoint\n' +
      'INSERT INTO "migration_probe" ("id") VALUES (1);',
  );
  migrationCount = journal.entries.length;
  return dir;
}

async function recorded(client: Client): Promise<string[]> {
  const rows = await client.query<{ hash: string }>(
    'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id',
  );
  return rows.rows.map((r) => r.hash);
}

async function tableExists(client: Client, name: string): Promise<boolean> {
  const row = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `public.${name}`,
  ]);
  return row.rows[0]!.present;
}

describe.skipIf(!TEST_DATABASE_URL)('migratePostgres', () => {
  let database: FreshDatabase;
  const clients: Client[] = [];
  const client = async () => {
    const c = await connect(database.url);
    clients.push(c);
    return c;
  };

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'rm-pg-migrations-'));
    folder = migrationsWithAnExtraStep();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    await database.drop();
  });

  it('lets runners started together on a fresh database all succeed, applying each migration once', async () => {
    const runners = await Promise.all(Array.from({ length: 4 }, () => client()));
    const results = await Promise.all(runners.map((c) => migratePostgres(c, { migrationsFolder: folder })));
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, 0, migrationCount]);
    for (const result of results) expect(result.total).toBe(migrationCount);
    const hashes = await recorded(runners[0]!);
    expect(hashes).toHaveLength(migrationCount);
    expect(new Set(hashes).size).toBe(migrationCount);
    expect((await runners[0]!.query('SELECT count(*)::int AS n FROM migration_probe')).rows[0].n).toBe(1);
    // The lock is let go: a later runner finds nothing to do.
    expect(await migratePostgres(await client(), { migrationsFolder: folder })).toEqual({
      applied: 0,
      total: migrationCount,
    });
  });

  it('waits for the advisory lock before reading what is applied, and goes on once it is free', async () => {
    const holder = await client();
    await holder.query(`SELECT pg_advisory_lock(${LOCK})`);
    const runner = await client();
    let settled = false;
    const running = migratePostgres(runner, { migrationsFolder: folder }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    expect(await tableExists(holder, 'people')).toBe(false);
    const waiting = await holder.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    expect(waiting.rows[0].n).toBe(1);
    await holder.query(`SELECT pg_advisory_unlock(${LOCK})`);
    expect((await running).applied).toBe(migrationCount);
    expect(await tableExists(holder, 'people')).toBe(true);
  });

  it('gives up plainly when another process holds the lock for too long, changing nothing', async () => {
    const holder = await client();
    await holder.query(`SELECT pg_advisory_lock(${LOCK})`);
    const runner = await client();
    const attempt = migratePostgres(runner, { migrationsFolder: folder, lockWaitMs: 300 });
    await expect(attempt).rejects.toThrow(DatabaseError);
    await expect(attempt).rejects.toThrow(/Another process has been applying database migrations/);
    expect(await tableExists(holder, 'people')).toBe(false);
    // The runner's session is usable afterwards, with its own lock timeout back.
    expect((await runner.query('SHOW lock_timeout')).rows[0].lock_timeout).toBe('0');
  });

  it('refuses a database a newer version migrated, applying nothing', async () => {
    const c = await client();
    await migratePostgres(c, { migrationsFolder: folder });
    await c.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      'from-the-future',
      9e15,
    ]);
    const before = await recorded(c);
    await expect(migratePostgres(c, { migrationsFolder: folder })).rejects.toThrow(
      /created by a newer version of reverse-mentor/,
    );
    expect(await recorded(c)).toEqual(before);
    // …and its advisory lock is released all the same.
    const other = await client();
    expect((await other.query(`SELECT pg_try_advisory_lock(${LOCK}) AS got`)).rows[0].got).toBe(true);
  });

  it('applies the package migrations (migrations/postgres/) by default', async () => {
    const c = await client();
    const result = await migratePostgres(c);
    expect(result.applied).toBeGreaterThan(0);
    expect(result.total).toBe(result.applied);
    expect(await tableExists(c, 'outbox')).toBe(true);
    expect(await tableExists(c, 'migration_probe')).toBe(false);
  });
});
