import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeSlack,
  renderBlocksAsText,
  SlackRequestSender,
  startFakeSlack,
} from '../../src/simulator/index.js';
import { BOT_TOKEN, PEOPLE } from '../support/harness.js';
import { freePort, spawnCli, until } from '../support/process.js';

// The built command (`npm test` builds first) in Socket Mode: SLACK_APP_TOKEN set, no signing secret, every
// request from Slack arriving over the WebSocket the app opens to the loopback Slack.
const APP_TOKEN = 'xapp-1-A0FAKEAPP1-1-process-test';

let dir: string;
let fake: FakeSlack;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rm-socket-'));
  fake = await startFakeSlack({ tokens: [BOT_TOKEN], appTokens: [APP_TOKEN], users: PEOPLE });
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function startCli(env: Record<string, string>) {
  const run = spawnCli(['start'], {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: join(dir, 'rm.sqlite'),
    LOG_LEVEL: 'warn',
    ...env,
  });
  return { child: run.child, exited: run.done.then((r) => r.code), output: run.output };
}

async function healthStatus(port: number, child: ChildProcess): Promise<number> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('/healthz never answered');
}

describe('reverse-mentor start in Socket Mode', () => {
  it('connects, serves /healthz, takes a person through opt-in over the socket, and stops on SIGTERM', async () => {
    const port = await freePort();
    const bot = startCli({ SLACK_APP_TOKEN: APP_TOKEN, PORT: String(port) });
    try {
      await fake.socketMode.waitForConnection({ timeoutMs: 20_000 });
      expect(fake.callsTo('apps.connections.open')).toMatchObject([{ status: 200, response: { ok: true } }]);
      expect(await healthStatus(port, bot.child)).toBe(200);
      const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(health).toEqual({ status: 'ok', database: 'ok', slack: 'connected' });

      const slack = new SlackRequestSender({ transport: 'socket', fake });
      const user = 'U0SAM0001';
      const command = await slack.command(user, '');
      expect(command.status).toBe(200);
      await until(() => fake.lastViewOpenedFor(user) !== undefined);
      const form = fake.lastViewOpenedFor(user)!;
      expect(form.title?.text).toBe('Reverse mentoring');
      expect(fake.callsTo('views.open')[0]?.params.trigger_id).toBe(command.triggerId);

      const answers = {
        role: 'mentee',
        topics: ['ai-tools'],
        career_stage: 'executive',
        team: 'Finance',
        goals: 'Understand how my teams use AI every day.',
      };
      const refused = await slack.submitView(user, form, { ...answers, goals: 'short' });
      expect(refused.body).toEqual({
        response_action: 'errors',
        errors: { goals: 'Add a little more about your goals (at least 10 characters).' },
      });
      expect(refused.outcome?.action).toBe('errors');

      const saved = await slack.submitView(user, form, answers);
      expect(saved.body).toBeNull();
      expect(saved.outcome).toEqual({ action: 'closed' });
      await until(() => fake.dmsTo(user).length === 1);
      const dm = fake.dmsTo(user)[0]!;
      expect(renderBlocksAsText(dm.blocks ?? [], dm.text)).toContain(
        "You're in — welcome to reverse mentoring!",
      );

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      const db = new Database(join(dir, 'rm.sqlite'), { readonly: true });
      expect(db.prepare('SELECT user_id, role, team FROM profiles').all()).toEqual([
        { user_id: user, role: 'mentee', team: 'Finance' },
      ]);
      db.close();
      // It closed its socket with a close frame (1000) rather than just vanishing (1006).
      await until(() => !fake.socketMode.connected);
      expect(fake.socketMode.connections.map((c) => c.closeCode)).toEqual([1000]);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });

  it('does not start when Slack refuses the app-level token', async () => {
    const bot = startCli({
      SLACK_APP_TOKEN: 'xapp-1-A0FAKEAPP1-1-not-this-one',
      PORT: String(await freePort()),
    });
    try {
      const code = await bot.exited;
      expect(code).toBe(2);
      expect(bot.output()).toContain('Slack refused SLACK_APP_TOKEN (invalid_auth)');
      expect(bot.output()).not.toMatch(/\n\s+at /);
      expect(fake.socketMode.connections).toEqual([]);
      expect(fake.callsTo('apps.connections.open')).toMatchObject([
        { response: { ok: false, error: 'invalid_auth' } },
      ]);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });
});
