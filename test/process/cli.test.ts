import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../../src/simulator/index.js';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET } from '../support/harness.js';
import { CLI, freePort, runCli, spawnCli, until } from '../support/process.js';

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

/**
 * Runs `reverse-mentor <args>` in `cwd` with only PATH and `env`, killing it after `timeoutMs` (a command that
 * should have printed its help and exited, but started the bot instead, would otherwise never end).
 */
function runIn(cwd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 15_000) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('every command explains itself (issue 12, item 1)', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack({ tokens: [BOT_TOKEN], users: PEOPLE });
  });
  afterEach(async () => {
    await fake.close();
  });

  const commands = ['start', 'tick', 'export', 'backup', 'migrate', 'demo'];

  it('prints its own usage for --help and -h, exits 0, and touches nothing: no file, no Slack, no database', async () => {
    // A configuration every command would accept, so that doing anything but printing help would show.
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
    };
    for (const command of commands) {
      for (const flag of ['--help', '-h']) {
        const result = await runIn(dir, [command, flag], env);
        expect(result.code, `${command} ${flag}: ${result.stderr}`).toBe(0);
        expect(result.stdout).toMatch(new RegExp(`^Usage: reverse-mentor ${command}\\b`));
        expect(result.stderr).toBe('');
        // migrate and start would create ./data/reverse-mentor.sqlite, backup and export their --out.
        expect(readdirSync(dir), `${command} ${flag}`).toEqual([]);
      }
      // --help wins wherever it is, whatever else is there.
      const mixed = await runIn(dir, [command, '--out', 'x', '--help', '--bogus'], env);
      expect(mixed.code, command).toBe(0);
      expect(mixed.stdout).toMatch(new RegExp(`^Usage: reverse-mentor ${command}\\b`));
      // `help COMMAND` prints the same.
      expect((await runIn(dir, ['help', command])).stdout).toBe(
        (await runIn(dir, [command, '--help'])).stdout,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(fake.calls).toEqual([]);
  }, 90_000);

  it('says what each command reads, and that tick needs no signing secret or app token', async () => {
    const help = async (command: string) => (await runIn(dir, [command, '--help'])).stdout;
    expect(await help('tick')).toContain('--at TIME');
    expect(await help('tick')).toContain('Not SLACK_APP_TOKEN, SLACK_SIGNING_SECRET or PORT');
    expect(await help('export')).toContain('--anonymised');
    expect(await help('backup')).toContain('--out FILE');
    expect(await help('demo')).toContain('--people N');
    for (const command of ['export', 'backup', 'migrate'])
      expect(await help(command)).toContain('Reads DATABASE_PATH.');
  });

  it('prints the version from package.json with --version, -v and version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v', 'version']) {
      const result = await runIn(dir, [flag]);
      expect(result.code, flag).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it('lists --help and --version in the overall usage, and refuses options a command does not take', async () => {
    const usage = await runIn(dir, ['--help']);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toContain('--help');
    expect(usage.stdout).toContain('--version');
    for (const args of [
      ['start', '--bogus'],
      ['migrate', 'now'],
    ]) {
      const result = await runIn(dir, args, { DATABASE_PATH: join(dir, 'rm.sqlite') });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`Usage: reverse-mentor ${args[0]}`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('each command validates only the configuration it needs (issue 12, item 2)', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await startFakeSlack({ tokens: [BOT_TOKEN], users: PEOPLE });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('tick runs with the bot token alone: no app token, signing secret or port', async () => {
    const dbPath = join(dir, 'rm.sqlite');
    const result = await run(['tick', '--at', '2026-12-01T09:00:00Z'], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      // Settings only `start` reads: a tick ignores them rather than refusing to run.
      PORT: 'eighty',
      TICK_SCHEDULE: 'every minute',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Tick at 2026-12-01T09:00:00.000Z');
  });

  it('tick without a bot token names only the bot token', async () => {
    const result = await run(['tick'], { DATABASE_PATH: join(dir, 'rm.sqlite') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reverse-mentor tick cannot run: the configuration needs attention.');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN is missing');
    expect(result.stderr).not.toContain('SLACK_APP_TOKEN');
    expect(result.stderr).not.toContain('SLACK_SIGNING_SECRET');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('migrate, backup and export need the database alone, and never mind broken Slack settings', async () => {
    const env = {
      DATABASE_PATH: join(dir, 'rm.sqlite'),
      SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token',
      SLACK_API_URL: 'not a url',
      PORT: 'eighty',
      DELIVERY_HOURS: 'whenever',
    };
    expect((await run(['migrate'], env)).code).toBe(0);
    expect((await run(['backup', '--out', join(dir, 'copy.sqlite')], env)).code).toBe(0);
    const exported = await run(['export', '--cohort', 'Winter', '--out', join(dir, 'w.csv')], env);
    expect(exported.stderr).toContain('No cohort is called “Winter”');
    expect(fake.calls).toEqual([]);
  });

  it('start still needs the Slack tokens, and a problem found at start-up is printed without a secret', async () => {
    const secret = 'xapp-not-right-but-secret';
    const result = await run(['start'], {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: ` ${secret}x`,
      PORT: '-1',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('reverse-mentor cannot start');
    expect(result.stderr).toContain('PORT must be between 0 and 65535');
    expect(result.stderr).not.toContain('xoxb-1');
    expect(result.stderr).not.toContain(secret);
  });
});
