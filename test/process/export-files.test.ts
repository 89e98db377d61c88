import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { runCli } from '../support/process.js';

// `reverse-mentor export` and `backup` as real processes: the files they write hold names, ratings and
// everything else in the database, so only their owner may read them (0600), also when they overwrite a
// file that was readable by others. The command line is an operator with the database in hand: its export
// keeps every row, including pairs that program owners are in.

const OWNER_IN_A_PAIR = 'U0GRACE01';
const NAMES = ['Ana', 'Ben', 'Cai', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kit', 'Lou'];

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-files-'));
  dbPath = join(dir, 'live.sqlite');
  seed(dbPath);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A completed cohort of six pairs, one of them with an owner as mentee, and a tiny one of two pairs. */
function seed(path: string): void {
  const handle = openDatabase(path);
  const db = handle.sqlite;
  const day = (iso: string) => Date.parse(`${iso}T10:00:00Z`);
  const cohort = db.prepare(
    `INSERT INTO cohorts (name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour,
       summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at, launched_at, ended_at)
     VALUES (?, 'completed', '2026-11-30', '2026-12-07', 6, 'weekly', 1, 9, 'C0SUMMARY1', '[]', 1, 0, 'U0OLIVIA1', ?, ?, ?)`,
  );
  const person = db.prepare('INSERT INTO people (id, display_name, created_at) VALUES (?, ?, 1)');
  const pair = db.prepare(
    `INSERT INTO pairs (cohort_id, mentor_id, mentee_id, score, reasons, state, created_at, launched_at, ended_at, end_reason)
     VALUES (?, ?, ?, 1, '[]', 'ended', ?, ?, ?, 'completed')`,
  );
  const survey = db.prepare(
    'INSERT INTO surveys (cohort_id, user_id, rating, again, answered_at) VALUES (?, ?, ?, 1, ?)',
  );
  db.prepare("INSERT INTO owners (user_id, added_by, added_at) VALUES (?, 'U0OLIVIA1', 1)").run(
    OWNER_IN_A_PAIR,
  );
  person.run(OWNER_IN_A_PAIR, 'Grace');
  for (const [name, pairs] of [
    ['Winter 2026', 6],
    ['Tiny', 2],
  ] as const) {
    const cohortId = Number(
      cohort.run(name, day('2026-11-01'), day('2026-12-07'), day('2027-01-25')).lastInsertRowid,
    );
    for (let i = 0; i < pairs; i++) {
      const mentor = `U0M${name[0]}${i}`;
      const mentee = name === 'Winter 2026' && i === 2 ? OWNER_IN_A_PAIR : `U0E${name[0]}${i}`;
      person.run(mentor, `${NAMES[i]} Mentor`);
      if (mentee !== OWNER_IN_A_PAIR) person.run(mentee, `${NAMES[i + 6]} Mentee`);
      pair.run(cohortId, mentor, mentee, day('2026-12-01'), day('2026-12-07'), day('2027-01-25'));
      survey.run(cohortId, mentor, 1 + (i % 5), day('2027-01-26'));
    }
  }
  handle.close();
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** A file left by someone else, readable by everyone, to be overwritten. */
function worldReadable(path: string): void {
  writeFileSync(path, 'old contents\n');
  chmodSync(path, 0o644);
  expect(mode(path)).toBe(0o644);
}

describe('reverse-mentor export --out', () => {
  it('creates the CSV readable by its owner only, with every row (owners in pairs included)', async () => {
    const out = join(dir, 'winter.csv');
    const result = await runCli(['export', '--cohort', 'Winter 2026', '--out', out], {
      DATABASE_PATH: dbPath,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote 6 pairs of “Winter 2026”');
    expect(mode(out)).toBe(0o600);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes(OWNER_IN_A_PAIR))).toContain(',Grace,');
  });

  it('tightens an existing world-readable file to 0600 as it replaces it', async () => {
    const out = join(dir, 'winter.csv');
    worldReadable(out);
    const result = await runCli(['export', '--cohort', 'Winter 2026', '--out', out], {
      DATABASE_PATH: dbPath,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/^cohort,pair,/);
  });

  it('writes an anonymised file 0600 too, and refuses one for a cohort too small to be anonymous', async () => {
    const out = join(dir, 'anonymised.csv');
    worldReadable(out);
    const result = await runCli(['export', '--cohort', 'Winter 2026', '--out', out, '--anonymised'], {
      DATABASE_PATH: dbPath,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/^cohort,state,launched_week,ended_week,/);

    const tiny = join(dir, 'tiny.csv');
    const refused = await runCli(['export', '--cohort', 'Tiny', '--out', tiny, '--anonymised'], {
      DATABASE_PATH: dbPath,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs at least 5 pairs in it, and it has 2');
    expect(() => statSync(tiny)).toThrow();
  });
});

describe('reverse-mentor backup --out', () => {
  it('creates the copy readable by its owner only', async () => {
    const out = join(dir, 'backup.sqlite');
    const result = await runCli(['backup', '--out', out], { DATABASE_PATH: dbPath });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: 8 });
    copy.close();
  });

  it('tightens an existing world-readable backup to 0600 as it replaces it, leaving nothing else behind', async () => {
    const out = join(dir, 'backup.sqlite');
    const older = new Database(out);
    older.exec('CREATE TABLE older_backup (x INTEGER)');
    older.close();
    chmodSync(out, 0o644);
    const result = await runCli(['backup', '--out', out], { DATABASE_PATH: dbPath });
    expect(result.code, result.stderr).toBe(0);
    expect(mode(out)).toBe(0o600);
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('SELECT display_name FROM people WHERE id = ?').get(OWNER_IN_A_PAIR)).toEqual({
      display_name: 'Grace',
    });
    expect(copy.prepare("SELECT name FROM sqlite_master WHERE name = 'older_backup'").all()).toEqual([]);
    copy.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
