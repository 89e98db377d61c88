import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../../src/simulator/index.js';
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET, seen } from '../support/harness.js';
import { devOnlyPackages, type ImageLayout, makeImageLayout, runInImage } from '../support/image-layout.js';
import type { CliRun } from '../support/process.js';
import { freePort, until } from '../support/process.js';

// The Docker image, without Docker (none runs on these machines): the Dockerfile's runtime stage is laid out in
// a temporary folder (see test/support/image-layout.ts) and used as an operator would — the container started
// with its CMD as user `node`, `/healthz` and the HEALTHCHECK, a person opting in through the loopback Slack,
// then `docker exec reverse-mentor reverse-mentor backup|export|tick|migrate` against its database, `npx` and
// `npm run` as people type them out of habit, the demo, and `docker stop`.

const OWNER = 'U0OWNER01';
const CHANNEL = 'C0SUMMARY1';
const COHORT = 'Autumn 2026';
const ENDED = Date.parse('2026-11-20T10:00:00Z');
/** A week and a day after the cohort ended: its survey window has closed, so its final summary is due. */
const FINAL_SUMMARY_AT = '2026-11-28T10:00:00Z';
const PAIRS = 6;

let layout: ImageLayout;
let fake: FakeSlack;
let port: number;
let bot: CliRun;
/** What `docker run -e …` gives the container, for HTTP mode against the loopback Slack. */
let runEnv: Record<string, string>;

const inImage = (path: string) => layout.path(path);
const exec = (argv: string[], env: Record<string, string> = {}) =>
  runInImage(layout, argv, { ...runEnv, ...env }).done;
const dataFile = () => inImage('/data/reverse-mentor.sqlite');

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  layout = await makeImageLayout();
  fake = await startFakeSlack({
    tokens: [BOT_TOKEN],
    users: PEOPLE,
    channels: [{ id: CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  port = await freePort();
  runEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PROGRAM_OWNERS: OWNER,
    PORT: String(port),
    // The bot's own ticks stay out of the way of the `tick --at` below, which shares their lease.
    TICK_SCHEDULE: '0 0 1 1 *',
    DELIVERY_HOURS: 'Mon-Sun 00:00-24:00',
  };
  bot = runInImage(layout, layout.cmd, runEnv);
  const deadline = Date.now() + 20_000;
  while (!(await healthy())) {
    if (bot.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`The container's CMD never answered /healthz:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  if (bot && bot.child.exitCode === null) {
    bot.child.kill('SIGKILL');
    await bot.done;
  }
  await fake?.close();
  // IMAGE_LAYOUT_KEEP=1 leaves the layout in place to look around (its path is printed).
  if (process.env.IMAGE_LAYOUT_KEEP) process.stderr.write(`image layout kept in ${layout?.root}\n`);
  else layout?.remove();
});

/** A completed cohort of six launched pairs, written straight into the live database (as a past run would have). */
function seedCompletedCohort(): void {
  const db = new Database(dataFile());
  db.pragma('busy_timeout = 5000');
  const cohortId = Number(
    db
      .prepare(
        `INSERT INTO cohorts (name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour,
           summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at, launched_at, ended_at)
         VALUES (?, 'completed', '2026-09-28', '2026-10-05', 6, 'weekly', 1, 9, ?, '[]', 1, 0, ?, ?, ?, ?)`,
      )
      .run(COHORT, CHANNEL, OWNER, ENDED - 60 * 86_400_000, ENDED - 45 * 86_400_000, ENDED).lastInsertRowid,
  );
  const person = db.prepare('INSERT INTO people (id, display_name, created_at) VALUES (?, ?, 1)');
  const pair = db.prepare(
    `INSERT INTO pairs (cohort_id, mentor_id, mentee_id, score, reasons, state, created_at, launched_at, ended_at, end_reason)
     VALUES (?, ?, ?, 1, '[]', 'ended', ?, ?, ?, 'completed')`,
  );
  for (let i = 0; i < PAIRS; i++) {
    person.run(`U0IMGM00${i}`, `Mentor ${i}`);
    person.run(`U0IMGE00${i}`, `Mentee ${i}`);
    pair.run(
      cohortId,
      `U0IMGM00${i}`,
      `U0IMGE00${i}`,
      ENDED - 46 * 86_400_000,
      ENDED - 45 * 86_400_000,
      ENDED,
    );
  }
  db.close();
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the Docker image, laid out without Docker', () => {
  it('holds the compiled app and production dependencies only, and nothing that rebuilds it', () => {
    expect(readdirSync(layout.workdir).sort()).toEqual([
      'bin',
      'dist',
      'manifest.yml',
      'migrations',
      'node_modules',
      'package.json',
    ]);
    const devOnly = devOnlyPackages();
    expect(devOnly).toContain('node_modules/typescript');
    expect(devOnly.filter((path) => existsSync(join(layout.workdir, path)))).toEqual([]);
    expect(
      existsSync(join(layout.workdir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    ).toBe(true);
    // Both backends' migrations (issue 14), and PostgreSQL's driver among the production dependencies.
    for (const dialect of ['sqlite', 'postgres'])
      expect(existsSync(join(layout.workdir, 'migrations', dialect, 'meta', '_journal.json')), dialect).toBe(
        true,
      );
    expect(existsSync(join(layout.workdir, 'node_modules/pg/package.json'))).toBe(true);
    expect(existsSync(join(layout.workdir, 'node_modules/.bin/tsc'))).toBe(false);
    // Nothing builds at run time: no `prepare` (which npm runs when it installs /app as a package), and the
    // scripts an operator may run build nothing.
    const image = JSON.parse(readFileSync(join(layout.workdir, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(image.scripts.prepare).toBeUndefined();
    for (const name of ['build', 'start', 'tick', 'db:migrate', 'demo'])
      expect(image.scripts[name], `script ${name}`).not.toMatch(/\btsc\b/);
  });

  it('has every package that dist/ imports, lazily or not', () => {
    const dist = join(layout.workdir, 'dist');
    const missing: string[] = [];
    for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    )) {
      const code = readFileSync(join(dist, file), 'utf8');
      const specifiers = [
        ...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((m) => m[1]!);
      for (const specifier of specifiers) {
        if (/^(\.|\/|node:)/.test(specifier) || isBuiltin(specifier)) continue;
        const name = specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/');
        if (!existsSync(join(layout.workdir, 'node_modules', name, 'package.json')))
          missing.push(`dist/${file} imports ${name}`);
      }
    }
    expect(missing, 'imports of packages the image lacks (dev dependencies?)').toEqual([]);
  });

  it('starts with its CMD as user node: /healthz, the HEALTHCHECK, its database on /data, and Slack served', async () => {
    expect(await healthy()).toBe(true);
    expect(layout.healthcheck).toBeDefined();
    const check = await exec(layout.healthcheck!);
    expect(check.code, check.stderr).toBe(0);
    expect(mode(dataFile())).toBe(0o600);
    if (layout.user) expect(statSync(dataFile()).uid).toBe(layout.user.uid);

    const slack = new SlackRequestSender({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      fake,
    });
    const user = 'U0SAM0001';
    await slack.command(user, '');
    await until(() => fake.lastViewOpenedFor(user) !== undefined);
    const saved = await slack.submitView(user, fake.lastViewOpenedFor(user)!, {
      role: 'mentee',
      topics: ['ai-tools'],
      career_stage: 'executive',
      team: 'Finance',
      goals: 'Understand how my teams use AI every day.',
    });
    expect(saved.outcome?.action).toBe('closed');
    await until(() => fake.dmsTo(user).length === 1);
  });

  it('docker exec reverse-mentor reverse-mentor backup --out /data/backup.sqlite', async () => {
    seedCompletedCohort();
    const out = inImage('/data/backup.sqlite');
    const result = await exec(['reverse-mentor', 'backup', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Backed up ${dataFile()} to ${out}.`);
    expect(mode(out)).toBe(0o600);
    const copy = new Database(out, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM profiles').get()).toEqual({ n: 1 });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: PAIRS });
    copy.close();
  });

  it('docker exec reverse-mentor reverse-mentor export --cohort … --out /data/….csv', async () => {
    const out = inImage('/data/autumn.csv');
    const result = await exec(['reverse-mentor', 'export', '--cohort', COHORT, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Wrote ${PAIRS} pairs of “${COHORT}” to ${out}.`);
    expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(PAIRS + 1);
    expect(mode(out)).toBe(0o600);
  });

  it('docker exec reverse-mentor reverse-mentor tick --at …: the final summary goes to the channel', async () => {
    const result = await exec(['reverse-mentor', 'tick', '--at', FINAL_SUMMARY_AT]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Tick at 2026-11-28T10:00:00.000Z: 1 queued, 1 sent, 0 failed');
    expect(fake.messages(CHANNEL).map((m) => seen(m).toLowerCase())).toContainEqual(
      expect.stringContaining(`${COHORT.toLowerCase()} (final summary)`),
    );
  });

  it('docker exec reverse-mentor reverse-mentor migrate', async () => {
    const result = await exec(['reverse-mentor', 'migrate']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Database ${dataFile()} is up to date.`);
  });

  it('npx reverse-mentor backup runs the same command: no reinstall, no prepare, no build', async () => {
    const out = inImage('/data/npx-backup.sqlite');
    const result = await exec(['npx', 'reverse-mentor', 'backup', '--out', out], {
      // npm's global prefix, which the image derives from where node is (/usr/local): npx finds commands there.
      npm_config_prefix: inImage('/usr/local'),
      // Whatever happens, nothing is fetched from a registry.
      npm_config_offline: 'true',
      npm_config_update_notifier: 'false',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`to ${out}.`);
    expect(existsSync(out)).toBe(true);
  });

  it('npm run db:migrate and npm run tick work as in a checkout, with nothing to build', async () => {
    const migrate = await exec(['npm', 'run', '-s', 'db:migrate'], { npm_config_update_notifier: 'false' });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('is up to date');
    const tick = await exec(['npm', 'run', '-s', 'tick', '--', '--at', FINAL_SUMMARY_AT], {
      npm_config_update_notifier: 'false',
    });
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toContain('Tick at 2026-11-28T10:00:00.000Z: 0 queued');
  });

  it('docker run --rm reverse-mentor reverse-mentor demo: the demo and its chart', async () => {
    const out = inImage('/data/demo');
    const result = await runInImage(layout, [
      'reverse-mentor',
      'demo',
      '--fast',
      // Enough pairs for the summary to carry its chart (fewer are withheld, for privacy).
      '--people',
      '10',
      '--weeks',
      '4',
      '--out',
      out,
    ]).done;
    // The demo plays against the project's loopback Slack: it too must run with production dependencies only.
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary-chart.png')).subarray(1, 4).toString()).toBe('PNG');
    // Without the sources and dev dependencies the loopback Slack says it checks with its own rules only.
    expect(result.stderr).toContain('The loopback Slack checks Block Kit with its own rules only here');
  });

  it('docker stop: SIGTERM stops it cleanly', async () => {
    bot.child.kill('SIGTERM');
    const stopped = await bot.done;
    expect(stopped.code, bot.output()).toBe(0);
  });
});
