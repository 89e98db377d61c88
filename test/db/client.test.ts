import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('works in memory for fast tests', () => {
    const handle = openDatabase(':memory:');
    expect(pingDatabase(handle.sqlite)).toBe(true);
    handle.close();
  });
});
