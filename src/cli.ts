#!/usr/bin/env node
import { describeConfigProblems, loadConfig, loadStorageConfig } from './config.js';
import { DatabaseError, openDatabase } from './db/client.js';
import { LineLogger } from './logger.js';
import { StartupError, startBot } from './main.js';

const USAGE = `Usage: reverse-mentor <command>

Commands:
  start      Run the bot (Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise)
  migrate    Apply database migrations to DATABASE_PATH and exit
  help       Show this text

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
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`Unhandled rejection (the bot keeps running): ${String(reason)}\n`);
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StartupError) fail(error.message, error.exitCode);
  if (error instanceof DatabaseError) fail(error.message, 2);
  fail(`reverse-mentor failed: ${error instanceof Error ? error.message : String(error)}`, 1);
});
