import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { runCli } from '../support/process.js';

// Issue 10, finding 5: migrations are applied once however many processes start together, and the commands
// that only read (backup, export) never migrate or create a database.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const knownMigrations = readdirSync(new URL('../../migrations/sqlite', import.meta.url)).filter((f) =>
  f.endsWith('.sql'),
).length;

function applied(path: string): { hash: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT hash FROM __drizzle_migrations ORDER BY rowid').all() as { hash: string }[];
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are applied exactly once when several processes start at the same moment', async () => {
    for (let round = 0; round < 2; round++) {
      const path = join(dir, `race-${round}.sqlite`);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => runCli(['migrate'], { DATABASE_PATH: path })),
      );
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      const hashes = applied(path).map((r) => r.hash);
      expect(hashes).toHaveLength(knownMigrations);
      expect(new Set(hashes).size).toBe(knownMigrations);
    }
  });
});

describe('commands that only read', () => {
  it('never create a database that is not there', async () => {
    const missing = join(dir, 'nowhere', 'rm.sqlite');
    for (const args of [
      ['backup', '--out', join(dir, 'copy.sqlite')],
      ['export', '--cohort', 'Winter', '--out', join(dir, 'x.csv')],
    ]) {
      const result = await runCli(args, { DATABASE_PATH: missing });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`There is no database at ${missing}`);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('refuse a database an earlier version wrote, without migrating it', async () => {
    const path = join(dir, 'old.sqlite');
    openDatabase(path).close();
    const db = new Database(path);
    db.prepare(
      'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
    ).run();
    db.close();
    const before = applied(path);
    for (const args of [
      ['backup', '--out', join(dir, 'copy.sqlite')],
      ['export', '--cohort', 'Winter', '--out', join(dir, 'x.csv')],
    ]) {
      const result = await runCli(args, { DATABASE_PATH: path });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('reverse-mentor migrate');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(applied(path)).toEqual(before);
  });
});
