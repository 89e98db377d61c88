import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../../src/simulator/index.js';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../support/harness.js';
import { freePort, runCli, spawnCli, until } from '../support/process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the bot never became healthy');
}

describe('reverse-mentor start: configuration problems', () => {
  it('lists every problem with how to fix it, exits 2 and prints no stack trace', async () => {
    const result = await run(['start'], { PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reverse-mentor cannot start: the configuration needs attention.');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN is missing');
    expect(result.stderr).toContain('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is missing');
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
    expect(result.stderr).toContain('npm run demo');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a database written by a newer version, plainly', async () => {
    const dbPath = join(dir, 'rm.sqlite');
    const handle = openDatabase(dbPath);
    handle.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', 9e15);
    handle.close();
    const result = await run(['migrate'], { DATABASE_PATH: dbPath });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('created by a newer version of reverse-mentor');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('backs up a database to a file that opens with the same data', async () => {
    const dbPath = join(dir, 'live.sqlite');
    const live = openDatabase(dbPath);
    live.sqlite.prepare("INSERT INTO people (id, display_name, created_at) VALUES ('U1', 'Ana', 1)").run();
    const copy = join(dir, 'copy.sqlite');
    const result = await run(['backup', '--out', copy], { DATABASE_PATH: dbPath });
    live.close();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up ${dbPath} to ${copy}`);
    const restored = new Database(copy, { readonly: true });
    expect(restored.prepare('SELECT display_name FROM people').all()).toEqual([{ display_name: 'Ana' }]);
    restored.close();
  });

  it('migrates a new database and is a no-op the second time', async () => {
    const dbPath = join(dir, 'fresh.sqlite');
    const first = await run(['migrate'], { DATABASE_PATH: dbPath });
    expect(first.code).toBe(0);
    const second = await run(['migrate'], { DATABASE_PATH: dbPath });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });
});

describe('reverse-mentor start against the loopback Slack', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack({ tokens: [BOT_TOKEN], users: PEOPLE });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('says so plainly when Slack refuses the token', async () => {
    const result = await run(['start'], {
      SLACK_BOT_TOKEN: 'xoxb-not-this-one',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: join(dir, 'rm.sqlite'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  });

  it('says so plainly when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const result = await run(['start'], {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATABASE_PATH: join(dir, 'rm.sqlite'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} is already in use`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('takes a person through opt-in, edit and leave, then stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dbPath = join(dir, 'rm.sqlite');
    const { child, done } = spawnCli(['start'], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_PATH: dbPath,
      LOG_LEVEL: 'warn',
    });
    const exited = done.then((r) => r.code);
    try {
      await waitForHealth(port, child);
      const slack = new SlackRequestSender({
        appUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        fake,
      });
      const user = 'U0SAM0001';
      await slack.command(user, '');
      await until(() => fake.lastViewOpenedFor(user) !== undefined);
      const answers = {
        role: 'mentee',
        topics: ['ai-tools'],
        career_stage: 'executive',
        team: 'Finance',
        goals: 'Understand how my teams use AI every day.',
      };
      const saved = await slack.submitView(user, fake.lastViewOpenedFor(user)!, answers);
      expect(saved.outcome?.action).toBe('closed');
      await until(() => fake.dmsTo(user).length === 1);

      await slack.command(user, '');
      await until(() => fake.callsTo('views.open').length === 2);
      await slack.submitView(user, fake.lastViewOpenedFor(user)!, { ...answers, team: 'Operations' });
      await until(() => fake.dmsTo(user).length === 2);

      await slack.command(user, 'leave');
      await until(() => fake.ephemerals({ user }).length === 1);
      await slack.clickButton(user, 'ephemeral', 'leave_confirm');
      await until(() => fake.responses().length >= 2);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare('SELECT COUNT(*) AS n FROM profiles').get()).toEqual({ n: 0 });
      db.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
