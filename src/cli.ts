#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeConfigProblems, loadConfig, loadStorageConfig } from './config.js';
import { DatabaseError, openDatabase } from './db/client.js';
import { LineLogger } from './logger.js';
import { StartupError, startBot } from './main.js';
import { ExportService, secureRandom } from './services/export.js';
import { OwnerService } from './services/owners.js';
import { SlackGateway } from './slack/gateway.js';
import { buildRepositories, buildServices } from './wiring.js';

const USAGE = `Usage: reverse-mentor <command>

Commands:
  start              Run the bot (Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise)
  tick [--at TIME]   Run one scheduler tick as of TIME (ISO 8601, default now) and exit
  export --cohort NAME --out FILE [--anonymised]
                     Write a cohort's pairs, meetings and ratings as CSV (no Slack needed)
  demo [--people 4-200] [--weeks 4-26] [--seed N] [--fast] [--full] [--out DIR]
                     Play a whole cohort against a local Slack simulator: no Slack app needed
  backup --out FILE  Copy the database safely while the bot runs (SQLite's online backup)
  migrate            Apply database migrations to DATABASE_PATH and exit
  help               Show this text

Configuration comes from environment variables; see README.md.`;

/** Prints a message meant for a person and exits without a stack trace. */
function fail(message: string, exitCode: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

async function start(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems), 2);
  const logger = new LineLogger(loaded.config.logLevel);
  const bot = await startBot(loaded.config, { logger });
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
  const { values } = parseArgs({ args, options: { at: { type: 'string' } }, strict: true });
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime()))
    fail(`--at must be a date and time such as 2026-12-01T09:00:00Z (got "${values.at}").`, 2);
  const loaded = loadConfig();
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems), 2);
  const config = loaded.config;
  const logger = new LineLogger(config.logLevel);
  const database = openDatabase(config.databasePath);
  try {
    const gateway = new SlackGateway({
      token: config.slack.botToken,
      apiUrl: config.slack.apiUrl,
      logger: logger.child('slack'),
    });
    const services = buildServices(config, database, gateway, logger, () => at);
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
 * Creates `path` readable and writable by its owner only (0600), also when it exists already: `write` fills
 * a private temporary file beside it, which then replaces `path`. A failed write leaves `path` as it was.
 */
async function writePrivately(path: string, write: (temp: string) => unknown): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  closeSync(openSync(temp, 'wx', 0o600));
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
  const { values } = parseArgs({
    args,
    options: {
      cohort: { type: 'string' },
      out: { type: 'string' },
      anonymised: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.cohort || !values.out) fail(`export needs --cohort NAME and --out FILE.\n\n${USAGE}`, 2);
  const loaded = loadStorageConfig();
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems), 2);
  // Read only: an export never migrates (or creates) the database it reads.
  const database = openDatabase(loaded.config.databasePath, { readOnly: true });
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
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  if (!values.out) fail(`backup needs --out FILE.\n\n${USAGE}`, 2);
  const loaded = loadStorageConfig();
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems), 2);
  // Read only: a backup copies the database as it is, never migrating (or creating) it.
  const database = openDatabase(loaded.config.databasePath, { readOnly: true });
  try {
    await writePrivately(values.out, (temp) => database.sqlite.backup(temp));
    process.stdout.write(`Backed up ${loaded.config.databasePath} to ${values.out}.\n`);
  } finally {
    database.close();
  }
}

function migrate(): void {
  const loaded = loadStorageConfig();
  if (!loaded.ok) fail(describeConfigProblems(loaded.problems), 2);
  const handle = openDatabase(loaded.config.databasePath);
  handle.close();
  process.stdout.write(`Database ${loaded.config.databasePath} is up to date.\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command = 'start'] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'tick':
      return tick(argv.slice(1));
    case 'export':
      return exportCohort(argv.slice(1));
    case 'demo':
      return (await import('./demo/run.js')).runDemo(argv.slice(1));
    case 'backup':
      return backup(argv.slice(1));
    case 'migrate':
      return migrate();
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
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
