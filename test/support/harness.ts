import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { LineLogger } from '../../src/logger.js';
import { type RunningBot, startBot } from '../../src/main.js';
import type { TickReport } from '../../src/services/tick.js';
import type { FakeChannelInput, FakeUserInput } from '../../src/simulator/index.js';
import {
  type FakeSlack,
  type JsonObject,
  renderBlocksAsText,
  SlackRequestSender,
  startFakeSlack,
} from '../../src/simulator/index.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-token';

/** A clock tests move by hand. Starts at a fixed instant so every run sees the same dates. */
export class TestClock {
  private ms: number;
  constructor(start: Date | string = '2026-11-23T10:00:00Z') {
    this.ms = new Date(start).getTime();
  }
  now = (): Date => new Date(this.ms);
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface HarnessOptions {
  owners?: string[];
  users?: FakeUserInput[];
  channels?: FakeChannelInput[];
  now?: string;
  env?: Record<string, string>;
}

export interface Harness {
  fake: FakeSlack;
  slack: SlackRequestSender;
  bot: RunningBot;
  clock: TestClock;
  dbPath: string;
  logs: string[];
  /** Waits for everything the last request started (DMs, Home refreshes, deliveries). */
  settle(): Promise<void>;
  /** Stops the bot but keeps the loopback Slack and the database file (to hand them to a child process). */
  stopBot(): Promise<void>;
  /** Moves the clock to `at` and runs one tick there, as the scheduler (or `reverse-mentor tick --at`) would. */
  tickAt(at: Date | string): Promise<TickReport>;
  stop(): Promise<void>;
}

/** People the feature tests use: names and zones chosen to exercise time-zone logic. */
export const PEOPLE: FakeUserInput[] = [
  { id: 'U0OWNER01', name: 'olivia', realName: 'Olivia Owner', tz: 'Europe/London' },
  { id: 'U0MAYA001', name: 'maya', realName: 'Maya Mentor', tz: 'Europe/London' },
  { id: 'U0SAM0001', name: 'sam', realName: 'Sam Senior', tz: 'America/New_York' },
  { id: 'U0NOOR001', name: 'noor', realName: 'Noor', tz: 'Asia/Kolkata' },
  { id: 'U0LEE0001', name: 'lee', realName: 'Lee', tz: 'America/Los_Angeles' },
];

/** Starts the loopback Slack and the real app (HTTP mode, port 0, a fresh database file) wired together. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({
    tokens: [BOT_TOKEN],
    users: options.users ?? PEOPLE,
    ...(options.channels ? { channels: options.channels } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'rm-e2e-'));
  const dbPath = join(dir, 'rm.sqlite');
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    DATABASE_PATH: dbPath,
    PROGRAM_OWNERS: (options.owners ?? ['U0OWNER01']).join(','),
    LOG_LEVEL: 'debug',
    // Most tests are about what is sent, not when in someone's day: their people span Tokyo to Los Angeles,
    // and their clocks are set to round UTC hours. They run with a window open all week; the delivery-window
    // tests (test/e2e/delivery-windows.test.ts) set the real default, Mon-Fri 08:00-19:00, explicitly.
    DELIVERY_HOURS: 'Mon-Sun 00:00-24:00',
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const clock = new TestClock(options.now);
  const logs: string[] = [];
  const logger = new LineLogger('debug', 'test', (line) => logs.push(line));
  let bot: RunningBot;
  try {
    bot = await startBot(parsed.config, {
      clock: clock.now,
      logger,
      scheduler: false,
      interactiveRetry: { retries: 0 },
      deliveryRetry: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 },
      pacer: { perMinute: 60_000, channelBurst: 50, channelIntervalMs: 1 },
    });
  } catch (error) {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const slack = new SlackRequestSender({
    appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    fake,
  });
  return {
    fake,
    slack,
    bot,
    clock,
    dbPath,
    logs,
    settle: () => bot.background.idle(),
    async tickAt(at) {
      clock.set(at);
      const report = await bot.services.tick.tick();
      await bot.background.idle();
      return report;
    },
    stopBot: () => bot.stop(),
    async stop() {
      await bot.stop();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a person sees of a message or view, as plain text (buttons as [ Button ]). */
export function seen(
  item: { blocks?: unknown[] | undefined; text?: string | undefined } | undefined,
): string {
  if (!item) return '';
  return renderBlocksAsText((item.blocks ?? []) as JsonObject[], item.text);
}
