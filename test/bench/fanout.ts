// Fan-out benchmark: 10,000 weekly prompts due at once, delivered by the real tick and outbox sender to
// the loopback Slack (in its own process) with Slack-like rate limits on. Reports Web API calls per
// delivered message, the time taken against the floor the limits allow, and the bot's peak memory.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { planCurriculum } from '../../src/domain/curriculum/index.js';
import { LineLogger } from '../../src/logger.js';
import { SlackGateway } from '../../src/slack/gateway.js';
import { buildServices } from '../../src/wiring.js';
import { BENCH_TOKEN, benchChannel, benchUser } from './fake-slack-process.js';

export interface FanoutOptions {
  pairs: number;
  /** The fake's workspace-wide ceiling (a sliding minute) and our own pacing, set to the same number. */
  messagesPerMinute: number;
}

interface FakeStats {
  calls: number;
  limited: number;
  delivered: number;
}

/** Starts the loopback Slack in a child process and talks to it a line at a time. */
async function startFakeProcess(pairs: number, perMinute: number) {
  const script = new URL('./fake-slack-process.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, String(pairs), String(perMinute)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(String((await lines.next()).value));
  const { apiUrl } = (await next()) as { apiUrl: string };
  return {
    apiUrl,
    async stats(): Promise<FakeStats> {
      child.stdin.write('stats\n');
      return (await next()) as FakeStats;
    },
    async stop(): Promise<void> {
      child.stdin.write('exit\n');
      await new Promise((resolve) => child.on('close', resolve));
    },
  };
}

export async function benchFanout(
  options: FanoutOptions = { pairs: 10_000, messagesPerMinute: 6_000 },
): Promise<void> {
  const { pairs, messagesPerMinute } = options;
  const fake = await startFakeProcess(pairs, messagesPerMinute);
  const dir = mkdtempSync(join(tmpdir(), 'rm-bench-'));
  const database = openDatabase(join(dir, 'bench.sqlite'));
  try {
    // A cohort that started on Monday 7 December; its week-2 prompts are due on the 14th at 09:00 London.
    const now = new Date('2026-12-14T10:00:00Z');
    seed(database, pairs, now);
    const parsed = parseConfig({
      SLACK_BOT_TOKEN: BENCH_TOKEN,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      SLACK_MESSAGES_PER_MINUTE: String(messagesPerMinute),
      // Throughput, not time of day: every message is deliverable at once.
      DELIVERY_HOURS: 'Mon-Sun 00:00-24:00',
      LOG_LEVEL: 'error',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const logger = new LineLogger('error', 'bench');
    const gateway = new SlackGateway({ token: BENCH_TOKEN, apiUrl: fake.apiUrl, logger });
    const services = buildServices(parsed.config, database, gateway, logger, () => now);

    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const start = performance.now();
    const report = await services.tick.tick();
    const elapsedMs = performance.now() - start;
    if ((report.delivery?.sent ?? 0) !== pairs)
      throw new Error(`expected ${pairs} prompts to be sent, got ${report.delivery?.sent ?? 0}`);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const stats = await fake.stats();
    // With a sliding-minute ceiling of L, the k-th batch of L messages can't start before (k − 1) minutes.
    const floorMs = Math.floor((pairs - 1) / messagesPerMinute) * 60_000;
    console.log(
      `  ${pairs.toLocaleString('en')} prompts due; the fake allows ${messagesPerMinute.toLocaleString('en')}/min workspace-wide, 1/s per channel (burst 3)`,
    );
    console.log(
      `  delivered: ${stats.delivered} (outbox: ${report.delivery?.sent ?? 0} sent, ${report.delivery?.failed ?? 0} failed)`,
    );
    console.log(
      `  Web API calls: ${stats.calls} (${stats.limited} answered 429) → ${(stats.calls / Math.max(1, stats.delivered)).toFixed(3)} calls per delivered message (target ≤ 1.05)`,
    );
    console.log(
      `  time: ${(elapsedMs / 1000).toFixed(1)} s; floor allowed by the limits: ${(floorMs / 1000).toFixed(0)} s → ${(elapsedMs / Math.max(1, floorMs)).toFixed(2)}× (target ≤ 1.2×)`,
    );
    console.log(
      `  bot process memory: peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB (${((peakRss - baseRss) / 1024 / 1024).toFixed(0)} MB above its start)`,
    );
  } finally {
    database.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes an active cohort with `pairs` launched pairs straight into the database. */
function seed(database: ReturnType<typeof openDatabase>, pairs: number, now: Date): void {
  const t = now.getTime();
  // Launched the week before the cohort started, like any real cohort.
  const launched = new Date('2026-11-30T12:00:00Z').getTime();
  const plan = JSON.stringify(
    planCurriculum({
      pairKey: 'bench',
      sharedTopics: ['ai-tools'],
      mentorTopics: ['ai-tools'],
      menteeTopics: ['ai-tools'],
      cycles: 6,
    }),
  );
  const db = database.sqlite;
  db.prepare(
    `INSERT INTO cohorts (id, name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour,
      summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at, launched_at)
     VALUES (1, 'Bench', 'active', '2026-11-30', '2026-12-07', 6, 'weekly', 1, 9, 'C0BENCH', '["ai-tools"]', 1, 0, 'U0OWNER', ?, ?)`,
  ).run(launched, launched);
  const person = db.prepare(
    "INSERT INTO people (id, display_name, time_zone, tz_offset_minutes, profile_checked_at, active, created_at) VALUES (?, ?, 'Europe/London', 0, ?, 1, ?)",
  );
  const enrol = db.prepare('INSERT INTO enrolments (cohort_id, user_id, enrolled_at) VALUES (1, ?, ?)');
  const pair = db.prepare(
    `INSERT INTO pairs (cohort_id, mentor_id, mentee_id, score, reasons, state, pinned, plan, group_dm_channel_id, created_at, launched_at)
     VALUES (1, ?, ?, 100, '[]', 'active', 0, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < pairs; i++) {
      const mentor = benchUser('M', i);
      const mentee = benchUser('E', i);
      for (const id of [mentor, mentee]) {
        person.run(id, id, t, t);
        enrol.run(id, t);
      }
      pair.run(mentor, mentee, plan, benchChannel(i), launched, launched);
    }
  })();
}
