import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, DatabaseError, openDatabase, pingDatabase } from '../../src/db/client.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the folder, applies migrations and sets WAL, foreign keys and a busy timeout', () => {
    const path = join(dir, 'nested', 'folder', 'rm.sqlite');
    const handle = openDatabase(path);
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // Short: a synchronous driver waiting on a lock freezes the process, and Slack wants an answer in 3 s.
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(BUSY_TIMEOUT_MS).toBeLessThanOrEqual(500);
    const tables = handle.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['people', 'profiles', 'pairing_blocks', '__drizzle_migrations']),
    );
    expect(pingDatabase(handle.sqlite)).toBe(true);
    handle.close();
    expect(pingDatabase(handle.sqlite)).toBe(false);
  });

  it('is a no-op on a second start', () => {
    const path = join(dir, 'rm.sqlite');
    const first = openDatabase(path);
    const applied = first.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    first.sqlite.prepare("INSERT INTO people (id, display_name, created_at) VALUES ('U1', 'Ana', 1)").run();
    first.close();
    const second = openDatabase(path);
    const again = second.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    expect(again.n).toBe(applied.n);
    expect(second.sqlite.prepare('SELECT display_name FROM people').get()).toEqual({ display_name: 'Ana' });
    second.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const path = join(dir, 'rm.sqlite');
    const handle = openDatabase(path);
    handle.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-the-future', Date.now() + 10 * 365 * 86_400_000);
    handle.close();
    expect(() => openDatabase(path)).toThrow(DatabaseError);
    expect(() => openDatabase(path)).toThrow(/newer version of reverse-mentor/);
  });

  it('opens a database migrated before the migrations moved to migrations/sqlite/, applying nothing again', () => {
    // What the releases that kept these files directly in migrations/ recorded: each migration's SQL hash and
    // journal time. A migration is known by these, never by its path — and editing an applied migration's
    // SQL would make every existing database unopenable, which this also catches.
    const recordedBeforeTheMove = [
      ['60993814abcfa626bc14d0945f2717269c40e630c4e5a61c5dea70f5cef6ba8c', 1795447977186],
      ['006067378e35cbcb3f452913bbc0164d191b289ba92afd10eed7f39fea45843c', 1795448944959],
      ['c8cff15d49a8136f444e5c43fc66ed6c160e5227830d21f6b424e43efc198624', 1795449646045],
      ['17ffc3ee3e6263ceaebad4b9a8cc5175d334bea1b6d9927d0bdc261c8c159378', 1795449898073],
      ['584dad9263b84d4754fe96f85d52f26bcdebb6efa4450329e14ba1e5b998ad71', 1796307720359],
      ['eaf2173764051a6f5d754664dfba6b85b305d137d0d6a1d3db5c607556f3a2d1', 1796314407552],
      ['3b6adb34ba2583ac8f4ddad55e8857ce4039030f5680f08318d74f04537293f3', 1796320257425],
      ['2a51cbc132c7c71a90b36816d14d6bd5845e03fce384276ec4ee8cecdebec450', 1796324976743],
    ] as const;
    const path = join(dir, 'rm.sqlite');
    const recorded = (handle: { sqlite: Database.Database }) =>
      handle.sqlite
        .prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id')
        .all()
        .map((r) => {
          const row = r as { hash: string; created_at: number | string };
          return [row.hash, Number(row.created_at)];
        });
    // A fresh database records the same migrations, under the same hashes and times, as the old layout did…
    const fresh = openDatabase(path);
    expect(recorded(fresh).slice(0, recordedBeforeTheMove.length)).toEqual(recordedBeforeTheMove);
    // …so a database an old release migrated (exactly these rows) opens without anything applied twice.
    fresh.sqlite.exec('DELETE FROM __drizzle_migrations');
    const insert = fresh.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)');
    for (const [hash, at] of recordedBeforeTheMove) insert.run(hash, at);
    fresh.close();
    const reopened = openDatabase(path);
    expect(recorded(reopened).slice(0, recordedBeforeTheMove.length)).toEqual(recordedBeforeTheMove);
    reopened.close();
  });

  it('works in memory for fast tests', () => {
    const handle = openDatabase(':memory:');
    expect(pingDatabase(handle.sqlite)).toBe(true);
    handle.close();
  });
});
