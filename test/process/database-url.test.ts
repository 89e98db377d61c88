import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

// Issue 14 is being built: DATABASE_URL is read and checked, but no command runs on PostgreSQL yet. Until one
// does, every command that uses the database says so plainly and stops (exit 2) — it never carries on with
// SQLite while the operator thinks the data goes to PostgreSQL — and a URL that can't work is a plain
// configuration problem. Neither message ever shows the password.

const PASSWORD = 'Zq9Xk7Wv3';
const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a-very-secret-value', PORT: '0' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-dburl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('DATABASE_URL while PostgreSQL support is being built', () => {
  it('makes start, tick, migrate, backup and export refuse plainly, touching no SQLite file', async () => {
    const env = {
      ...slack,
      DATABASE_PATH: join(dir, 'rm.sqlite'),
      DATABASE_URL: `postgres://rm:${PASSWORD}@127.0.0.1:5432/reverse_mentor`,
    };
    for (const args of [
      ['start'],
      ['tick'],
      ['migrate'],
      ['backup', '--out', join(dir, 'copy.sqlite')],
      ['export', '--cohort', 'Winter', '--out', join(dir, 'w.csv')],
    ]) {
      const result = await runCli(args, env);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain(
        'PostgreSQL support is being built; unset DATABASE_URL to use SQLite',
      );
      expect(result.stderr, args[0]).not.toContain(PASSWORD);
      expect(result.stderr, args[0]).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a URL that cannot work as a configuration problem naming host and port, never the password', async () => {
    const result = await runCli(['start'], {
      ...slack,
      DATABASE_PATH: join(dir, 'rm.sqlite'),
      DATABASE_URL: `postgres://rm:${PASSWORD}@db.internal:99999/reverse_mentor`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reverse-mentor cannot start: the configuration needs attention.');
    expect(result.stderr).toContain('DATABASE_URL has a port that can');
    expect(result.stderr).toContain('host db.internal, port 99999');
    expect(result.stderr).not.toContain(PASSWORD);
    expect(readdirSync(dir)).toEqual([]);
  });
});
