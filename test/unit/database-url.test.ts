import { describe, expect, it } from 'vitest';
import { describeConfigProblems, parseConfig } from '../../src/config.js';
import { describeLocation, parsePostgresUrl } from '../../src/db/postgres/url.js';

// Issue 14: DATABASE_URL=postgres://… selects PostgreSQL. A URL that can't work is one plain problem that says
// where it points (host and port) and never shows the password, wherever in the URL it hides.

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a-very-secret-value' };
const PASSWORD_PIECES = ['Zq9', 'Xk7', 'Wv3'];

function problemsFor(url: string): string[] {
  const result = parseConfig({ ...slack, DATABASE_URL: url });
  return result.ok ? [] : result.problems;
}

describe('DATABASE_URL', () => {
  it('is accepted as postgres:// or postgresql:// for every command that reads the database', () => {
    for (const url of [
      'postgres://rm:Zq9Xk7Wv3@db.internal:6543/reverse_mentor',
      'postgresql://rm@db.internal/reverse_mentor?sslmode=require',
      'postgres://rm:p%40ss%2Fw%23rd@[::1]:5432/rm',
    ]) {
      const bot = parseConfig({ ...slack, DATABASE_URL: ` ${url} ` });
      expect(bot.ok && bot.config.databaseUrl, url).toBe(url);
      const tick = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', DATABASE_URL: url }, { needs: 'slack-api' });
      expect(tick.ok && tick.config.databaseUrl, url).toBe(url);
      const storage = parseConfig({ DATABASE_URL: url }, { needs: 'database' });
      expect(storage.ok && storage.config.databaseUrl, url).toBe(url);
    }
    expect(parsePostgresUrl('postgres://rm:x@db.internal/reverse_mentor')).toEqual({
      ok: true,
      value: {
        url: 'postgres://rm:x@db.internal/reverse_mentor',
        host: 'db.internal',
        port: 5432,
        database: 'reverse_mentor',
      },
    });
  });

  it('is SQLite (undefined) when unset or blank', () => {
    for (const env of [slack, { ...slack, DATABASE_URL: '' }, { ...slack, DATABASE_URL: '   ' }]) {
      const result = parseConfig(env);
      expect(result.ok && result.config.databaseUrl).toBeUndefined();
    }
  });

  it('refuses a URL that cannot work with one problem naming host and port, never the password', () => {
    const cases: [url: string, says: RegExp][] = [
      [
        'postgres://rm:Zq9Xk7Wv3@db.internal:99999/rm',
        /port that can't be used \(host db\.internal, port 99999\)/,
      ],
      ['mysql://rm:Zq9Xk7Wv3@db.internal:3306/rm', /host db\.internal, port 3306: it starts with mysql:\/\//],
      [
        'rm:Zq9Xk7Wv3@db.internal:5432/rm',
        /host db\.internal, port 5432: it doesn't start with postgres:\/\//,
      ],
      ['postgres://rm:Zq9Xk7Wv3@:5432/rm', /no host given/],
      [
        'postgres://rm:Zq9Xk7Wv3@db.internal:5432/a/b',
        /database with a "\/" in it \(host db\.internal, port 5432\)/,
      ],
    ];
    for (const [url, says] of cases) {
      const problems = problemsFor(url);
      expect(problems, url).toHaveLength(1);
      expect(problems[0], url).toMatch(/^DATABASE_URL /);
      expect(problems[0], url).toMatch(says);
      for (const piece of PASSWORD_PIECES) expect(problems[0], url).not.toContain(piece);
    }
  });

  it('never shows a password with unescaped @ / ? # in it, or one in the query, even when it cannot tell the host', () => {
    for (const url of [
      'postgres://rm:Zq9/Xk7#Wv3@db.internal:5432/rm',
      'postgres://rm:Zq9?Xk7@Wv3@db.internal:99999/rm',
      'postgres://db.internal:99999/rm?password=Zq9@Xk7Wv3',
      'postgres://rm:Zq9@Xk7Wv3@db.internal:99999/rm',
      'postgres://rm:Zq9Xk7Wv3/rm',
      'postgres://rm:Zq9/Xk7Wv3@db.internal:-1/rm',
    ]) {
      const shown = [describeLocation(url), ...problemsFor(url)].join('\n');
      for (const piece of PASSWORD_PIECES) expect(shown, url).not.toContain(piece);
    }
    expect(describeLocation('postgres://rm:Zq9/Xk7@db.internal:5433/rm')).toBe('host db.internal, port 5433');
    expect(describeLocation('postgres://rm:Zq9@Xk7@db.internal/rm')).toBe('host db.internal, port 5432');
  });

  it('is listed once in the plain message, next to the other problems, with how to fix it', () => {
    const result = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      DATABASE_URL: 'postgres://rm:Zq9Xk7Wv3@db:0/rm',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = describeConfigProblems(result.problems);
    expect(message.match(/DATABASE_URL has a port/g)).toHaveLength(1);
    expect(message).toContain('host db, port 0');
    expect(message).toContain('unset it to use SQLite at DATABASE_PATH');
    expect(message).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing');
    expect(message).not.toContain('Zq9');
  });
});
