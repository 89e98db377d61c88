#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config, Needs, SlackApiConfig } from './config.js';
import { DatabaseError } from './db/open-errors.js';
import { StartupError } from './errors.js';

// Only what every command needs is imported up front: the rest (Slack, the database, the services) is loaded
// by the command that uses it, so --help and --version answer at once and touch nothing.

const USAGE = `Usage: reverse-mentor <command> [options]

Commands:
  start              Run the bot (Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise)
  tick [--at TIME]   Run one scheduler tick as of TIME (ISO 8601, default now) and exit
  export --cohort NAME --out FILE [--anonymised]
                     Write a cohort's pairs, meetings and ratings as CSV (no Slack needed)
  demo [--people 4-200] [--weeks 4-26] [--seed N] [--fast] [--full] [--out DIR]
                     Play a whole cohort against a local Slack simulator: no Slack app needed
  backup --out FILE  Copy the database safely while the bot runs (SQLite's online backup)
  migrate            Apply database migrations to DATABASE_PATH and exit
  help [COMMAND]     Show this text, or a command's
  version            Show the version (also --version, -v)

Every command explains itself with --help, which does nothing else.
Configuration comes from environment variables; see README.md.`;

/** Each command's own --help: what it does, its options, and which environment variables it reads. */
const HELP: Record<string, string> = {
  start: `Usage: reverse-mentor start

Runs the bot: Socket Mode when SLACK_APP_TOKEN is set, HTTP mode (POST /slack/events) otherwise, and
GET /healthz in both. Creates and migrates the database first. SIGTERM or SIGINT stops it gracefully.

Reads SLACK_BOT_TOKEN, and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (required); PORT, DATABASE_PATH,
PROGRAM_OWNERS, SLACK_API_URL, LOG_LEVEL and the scheduling settings (see README.md, Configuration).`,
  tick: `Usage: reverse-mentor tick [--at TIME]

Runs one scheduler tick as of TIME, sends what is due, then exits: for your own cron, next to the running
bot or instead of its clock. Two ticks at once never both send: they share a lease in the database.

Options:
  --at TIME   ISO 8601 date and time, such as 2026-12-01T09:00:00Z (default: now)

Reads SLACK_BOT_TOKEN (required); DATABASE_PATH, SLACK_API_URL, PROGRAM_OWNERS, LOG_LEVEL and the scheduling
settings. Not SLACK_APP_TOKEN, SLACK_SIGNING_SECRET or PORT: a tick only calls Slack's Web API.`,
  export: `Usage: reverse-mentor export --cohort NAME --out FILE [--anonymised]

Writes every row of a cohort's pairs, meetings and ratings as CSV, straight from the database: no Slack
needed. Opens the database read-only. The file is readable by its owner only (0600).

Options:
  --cohort NAME   The cohort, by name
  --out FILE      Where to write the CSV (an existing file is replaced)
  --anonymised    Rows shuffled; no pair numbers, ids, names or teams; dates as ISO weeks

Reads DATABASE_PATH.`,
  backup: `Usage: reverse-mentor backup --out FILE

Copies the database with SQLite's online backup: safe while the bot runs. Opens the database read-only:
never creates, migrates or changes it. The copy is readable by its owner only (0600).

Options:
  --out FILE   Where to write the copy (an existing file is replaced)

Reads DATABASE_PATH.`,
  migrate: `Usage: reverse-mentor migrate

Creates the database at DATABASE_PATH if needed, applies pending migrations, then exits. (start does this
by itself.)

Reads DATABASE_PATH.`,
  demo: `Usage: reverse-mentor demo [--people N] [--weeks N] [--seed N] [--fast] [--full] [--out DIR]

Plays a whole cohort against a local Slack simulator with a throwaway database: no Slack app needed.

Options:
  --people N   How many people opt in, 4-200 (default 20)
  --weeks N    Length of the cohort in weeks, 4-26 (default 6)
  --seed N     Who the people are and what they do, 0-2147483648 (default 1)
  --fast       No pauses between steps
  --full       Print every message whole
  --out DIR    Where summary-chart.png and deliveries.jsonl are written (default demo-output)

Needs no configuration: it ignores the environment variables the bot reads.`,
  help: USAGE,
  version: `Usage: reverse-mentor version (or --version, -v)

Prints the version of reverse-mentor.`,
};

/** `--help` or `-h` among a command's arguments (before a `--`), whatever else is there. */
function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** The version in package.json, which sits one folder above this file in src/ and dist/ alike. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return String(pkg.version ?? 'unknown');
}

/** A command's options, strictly: an unknown option or a stray argument is refused with its usage. */
function options<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  spec: T,
) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    if (String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
      fail(`${(error as Error).message}\n\n${HELP[command] ?? USAGE}`, 2);
    }
    throw error;
  }
}

/** The configuration `command` needs, from the environment; or its problems, printed, and exit 2. */
async function configFor<N extends Needs>(command: string, needs: N) {
  const { describeConfigProblems, loadConfig } = await import('./config.js');
  const loaded = loadConfig(process.env, { needs });
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems, command), 2);
  // Issue 14 is under way: the URL is checked, but nothing runs on PostgreSQL yet. Refuse plainly rather than
  // carry on with SQLite while the operator believes their data goes to PostgreSQL.
  if (loaded.config.databaseUrl !== undefined) fail(postgresNotYet(command), 2);
  return loaded.config;
}

/** What every database command answers while DATABASE_URL is set (issue 14 in progress). */
function postgresNotYet(command: string): string {
  return (
    `reverse-mentor ${command} cannot run: DATABASE_URL is set, and PostgreSQL support is being built; ` +
    'unset DATABASE_URL to use SQLite (the file at DATABASE_PATH).'
  );
}

/** Prints a message meant for a person and exits without a stack trace. */
function fail(message: string, exitCode: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

async function start(args: string[]): Promise<void> {
  options('start', args, {});
  const config = await configFor('start', 'bot');
  const [{ LineLogger }, { startBot }] = await Promise.all([import('./logger.js'), import('./main.js')]);
  const logger = new LineLogger(config.logLevel);
  const bot = await startBot(config, { logger });
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl-C means "now"
    logger.info(`${signal} received: finishing work in flight, then stopping`);
    void bot.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Something escaped every handler: the process may be in a state nobody planned for. Rather than limp on,
  // stop gracefully (work in flight finishes, the database closes) and exit non-zero, so an orchestrator
  // restarts a clean process.
  onUnexpected((what, error) => {
    logger.error(`${what}: stopping so the bot can be restarted cleanly`, error);
    return bot.stop();
  });
}

/** How long a graceful stop after an unexpected error may take before the process exits anyway. */
const UNEXPECTED_STOP_TIMEOUT_MS = 20_000;

let unexpectedHandler: ((what: string, error: unknown) => Promise<void>) | null = null;
let failing = false;

/** What the process does when an error escapes everything (default: report it and exit 1). */
function onUnexpected(handler: (what: string, error: unknown) => Promise<void>): void {
  unexpectedHandler = handler;
}

function unexpected(what: string, error: unknown): void {
  if (failing) return;
  failing = true;
  const stop = unexpectedHandler
    ? unexpectedHandler(what, error)
    : Promise.resolve(
        void process.stderr.write(
          `${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        ),
      );
  const timeout = setTimeout(() => process.exit(1), UNEXPECTED_STOP_TIMEOUT_MS);
  timeout.unref();
  void stop.catch(() => undefined).finally(() => process.exit(1));
}

/** One tick from outside the running bot: for an external cron, or to replay a moment in tests. */
async function tick(args: string[]): Promise<void> {
  const values = options('tick', args, { at: { type: 'string' } });
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime()))
    fail(`--at must be a date and time such as 2026-12-01T09:00:00Z (got "${values.at}").`, 2);
  // Only what a tick uses: the bot token and the database, never the signing secret, app token or port.
  const config = await configFor('tick', 'slack-api');
  const [{ LineLogger }, { openDatabase }, { SlackGateway }, { buildServices }] = await Promise.all([
    import('./logger.js'),
    import('./db/client.js'),
    import('./slack/gateway.js'),
    import('./wiring.js'),
  ]);
  const logger = new LineLogger(config.logLevel);
  const database = openDatabase(config.databasePath);
  try {
    const gateway = new SlackGateway({
      token: config.slack.botToken,
      apiUrl: config.slack.apiUrl,
      logger: logger.child('slack'),
    });
    const services = buildServices(servicesConfig(config), database, gateway, logger, () => at);
    const report = await services.tick.tick();
    await services.background.idle();
    if (!report.ran) {
      process.stdout.write('Another tick is running (the bot or another process); nothing to do.\n');
      return;
    }
    const d = report.delivery;
    process.stdout.write(
      `Tick at ${at.toISOString()}: ${report.queued} queued, ${d?.sent ?? 0} sent, ${d?.failed ?? 0} failed, ` +
        `${d?.retrying ?? 0} to retry, ${report.matched} cohort(s) matched, ${report.completed} completed.\n`,
    );
  } finally {
    database.close();
  }
}

/**
 * The services read neither how Slack reaches the bot nor its port or schedule, which a one-off tick doesn't
 * have: those fields are filled with values nothing reads.
 */
function servicesConfig(config: SlackApiConfig): Config {
  return {
    ...config,
    slack: { ...config.slack, signingSecret: undefined, appToken: undefined, mode: 'http' },
    port: 0,
    tickSchedule: '* * * * *',
  };
}

/** Refuses, plainly, an --out that can't be written: a folder, or a file in a folder that isn't there. */
function checkOut(path: string): void {
  const stats = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return null;
    }
  };
  if (stats(path)?.isDirectory()) fail(`--out ${path} is a folder: name a file inside it.`, 2);
  const folder = dirname(resolve(path));
  if (!stats(folder)?.isDirectory()) fail(`--out ${path}: the folder ${folder} doesn't exist.`, 2);
}

/**
 * Creates `path` readable and writable by its owner only (0600), also when it exists already: `write` fills
 * a private temporary file beside it, which then replaces `path`. A failed write leaves `path` as it was.
 */
async function writePrivately(path: string, write: (temp: string) => unknown): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    closeSync(openSync(temp, 'wx', 0o600));
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    fail(
      `Can't write ${path}: ${code === 'EACCES' || code === 'EPERM' ? `this user may not create files in ${dirname(resolve(path))}` : (error as Error).message}.`,
      2,
    );
  }
  try {
    chmodSync(temp, 0o600); // the mode given to open is narrowed by the umask; this is exact
    await write(temp);
    renameSync(temp, path);
  } catch (error) {
    for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`]) rmSync(leftover, { force: true });
    throw error;
  }
}

/** A CSV of a cohort straight from the database: for backups, spreadsheets, or when Slack is down. */
async function exportCohort(args: string[]): Promise<void> {
  const values = options('export', args, {
    cohort: { type: 'string' },
    out: { type: 'string' },
    anonymised: { type: 'boolean', default: false },
  });
  if (!values.cohort || !values.out) fail(`export needs --cohort NAME and --out FILE.\n\n${HELP.export}`, 2);
  checkOut(values.out);
  const { databasePath } = await configFor('export', 'database');
  const [{ openDatabase }, { buildRepositories }, { OwnerService }, { ExportService, secureRandom }] =
    await Promise.all([
      import('./db/client.js'),
      import('./wiring.js'),
      import('./services/owners.js'),
      import('./services/export.js'),
    ]);
  // Read only: an export never migrates (or creates) the database it reads.
  const database = openDatabase(databasePath, { readOnly: true });
  try {
    const repos = buildRepositories(database);
    const owners = new OwnerService([], repos.owners, () => new Date());
    const exporter = new ExportService({ ...repos, owners, random: secureRandom });
    const cohort = exporter.findCohort(values.cohort);
    if (!cohort) {
      const names = repos.cohorts.list().map((c) => `“${c.name}”`);
      fail(
        `No cohort is called “${values.cohort}”.${names.length > 0 ? ` Known cohorts: ${names.join(', ')}.` : ''}`,
        2,
      );
    }
    // Every row: whoever runs this has the database itself. The file holds names and ratings: 0600.
    const file = exporter.operatorCsv(cohort, values.anonymised);
    if (!file.ok) fail(file.message, 2);
    await writePrivately(values.out, (temp) => writeFileSync(temp, file.value.csv));
    process.stdout.write(`Wrote ${file.value.pairs} pairs of “${cohort.name}” to ${values.out}.\n`);
  } finally {
    database.close();
  }
}

/** A consistent copy of the live database (WAL included), safe while the bot is running. */
async function backup(args: string[]): Promise<void> {
  const values = options('backup', args, { out: { type: 'string' } });
  if (!values.out) fail(`backup needs --out FILE.\n\n${HELP.backup}`, 2);
  checkOut(values.out);
  const { databasePath } = await configFor('backup', 'database');
  const { openDatabase } = await import('./db/client.js');
  // Read only: a backup copies the database as it is, never migrating (or creating) it.
  const database = openDatabase(databasePath, { readOnly: true });
  try {
    await writePrivately(values.out, (temp) => database.sqlite.backup(temp));
    process.stdout.write(`Backed up ${databasePath} to ${values.out}.\n`);
  } finally {
    database.close();
  }
}

async function migrate(args: string[]): Promise<void> {
  options('migrate', args, {});
  const { databasePath } = await configFor('migrate', 'database');
  const { openDatabase } = await import('./db/client.js');
  openDatabase(databasePath).close();
  process.stdout.write(`Database ${databasePath} is up to date.\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...args] = argv;
  // Help first, before any configuration is read or any file, database or connection is touched.
  if (Object.hasOwn(HELP, command) && asksForHelp(args)) {
    process.stdout.write(`${HELP[command]}\n`);
    return;
  }
  switch (command) {
    case 'start':
      return start(args);
    case 'tick':
      return tick(args);
    case 'export':
      return exportCohort(args);
    case 'demo':
      return (await import('./demo/run.js')).runDemo(args);
    case 'backup':
      return backup(args);
    case 'migrate':
      return migrate(args);
    case 'help':
    case '--help':
    case '-h': {
      const [topic] = args;
      if (topic !== undefined && !Object.hasOwn(HELP, topic))
        fail(`Unknown command "${topic}".\n\n${USAGE}`, 2);
      process.stdout.write(`${topic === undefined ? USAGE : HELP[topic]}\n`);
      return;
    }
    case 'version':
    case '--version':
    case '-v':
      process.stdout.write(`${packageVersion()}\n`);
      return;
    default:
      fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
  }
}

// Anything that escapes a handler is logged; the bot keeps serving rather than dying on one bad request.
process.on('unhandledRejection', (reason) => unexpected('Unhandled promise rejection', reason));
process.on('uncaughtException', (error) => unexpected('Uncaught exception', error));

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StartupError) fail(error.message, error.exitCode);
  if (error instanceof DatabaseError) fail(error.message, 2);
  if (String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  fail(`reverse-mentor failed: ${error instanceof Error ? error.message : String(error)}`, 1);
});
