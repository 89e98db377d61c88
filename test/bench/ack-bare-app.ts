// The baseline of the ack benchmark: the least a Bolt app can do for the same requests. HTTP receiver; a slash
// command is acked and a modal opened through the WebClient; a view submission is saved with one prepared
// better-sqlite3 insert and acked. The modal is the bot's own opt-in form (built once at start), so both apps
// send Slack the same view and get the same submissions back.
//
// Usage: node ack-bare-app.js; settings from the environment: PORT, SLACK_API_URL, SLACK_BOT_TOKEN,
// SLACK_SIGNING_SECRET, DATABASE_PATH. Prints "ready" on stdout once it listens; SIGTERM stops it.

import { App, LogLevel } from '@slack/bolt';
import Database from 'better-sqlite3';
import { optInModal } from '../../src/slack/views/opt-in-modal.js';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is missing`);
    return value;
  };
  const db = new Database(env('DATABASE_PATH'));
  // The pragmas the bot uses, so the insert costs what it costs there.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS submissions (user_id TEXT PRIMARY KEY NOT NULL, answers TEXT NOT NULL, saved_at INTEGER NOT NULL)',
  );
  const save = db.prepare('INSERT OR REPLACE INTO submissions (user_id, answers, saved_at) VALUES (?, ?, ?)');
  const modal = optInModal(null);

  const app = new App({
    token: env('SLACK_BOT_TOKEN'),
    signingSecret: env('SLACK_SIGNING_SECRET'),
    clientOptions: { slackApiUrl: env('SLACK_API_URL') },
    logLevel: LogLevel.ERROR,
  });
  app.command('/reverse-mentor', async ({ ack, command, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: modal });
  });
  app.view(modal.callback_id ?? '', async ({ ack, body, view }) => {
    save.run(body.user.id, JSON.stringify(view.state.values), Date.now());
    await ack();
  });
  app.error(async (error) => {
    process.stderr.write(`bare app: ${error.message}\n`);
  });
  await app.start(Number(env('PORT')));
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void app.stop().finally(() => {
      db.close();
      process.exit(0);
    });
  });
}

if (process.argv[1]?.endsWith('ack-bare-app.js')) await main();
