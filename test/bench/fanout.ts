// Fan-out benchmark: 10,000 weekly prompts due at once, delivered by the real tick and outbox sender to
// the loopback Slack with Slack-like rate limits on. Reports Web API calls per delivered message, the time
// taken against the floor the limits allow, and peak memory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { planCurriculum } from '../../src/domain/curriculum/index.js';
import { LineLogger } from '../../src/logger.js';
import { startFakeSlack } from '../../src/simulator/index.js';
import { SlackGateway } from '../../src/slack/gateway.js';
import { buildServices } from '../../src/wiring.js';

const TOKEN = 'xoxb-bench';

export interface FanoutOptions {
  pairs: number;
  /** The fake's workspace-wide ceiling (sliding minute) and our own pacing, set to the same number. */
  messagesPerMinute: number;
}

export async function benchFanout(
  options: FanoutOptions = { pairs: 10_000, messagesPerMinute: 6_000 },
): Promise<void> {
  const { pairs, messagesPerMinute } = options;
  const fake = await startFakeSlack({
    tokens: [TOKEN],
    rateLimits: {
      workspaceMessagesPerMinute: messagesPerMinute,
      postMessagePerChannel: { perSecond: 1, burst: 3 },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'rm-bench-'));
  const database = openDatabase(join(dir, 'bench.sqlite'));
  try {
    // A cohort that started on Monday 7 December; its week-2 prompts are due on the 14th at 09:00 London.
    const now = new Date('2026-12-14T10:00:00Z');
    const setupStart = performance.now();
    seed(database, fake, pairs, now);
    const setupMs = performance.now() - setupStart;

    const parsed = parseConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      SLACK_MESSAGES_PER_MINUTE: String(messagesPerMinute),
      LOG_LEVEL: 'error',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const logger = new LineLogger('error', 'bench');
    const gateway = new SlackGateway({ token: TOKEN, apiUrl: fake.apiUrl, logger });
    const services = buildServices(parsed.config, database, gateway, logger, () => now);

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const callsBefore = fake.calls.length;
    const start = performance.now();
    const report = await services.tick.tick();
    const elapsedMs = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const calls = fake.calls.slice(callsBefore);
    const delivered = calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200).length;
    const limited = calls.filter((c) => c.status === 429).length;
    // With a sliding-minute ceiling of L, the k-th batch of L messages can't start before (k − 1) minutes.
    const floorMs = Math.floor((pairs - 1) / messagesPerMinute) * 60_000;
    console.log(
      `  ${pairs.toLocaleString('en')} prompts due; fake allows ${messagesPerMinute.toLocaleString('en')}/min workspace-wide, 1/s per channel (burst 3)`,
    );
    console.log(`  setup (database + channels): ${(setupMs / 1000).toFixed(1)} s (not counted)`);
    console.log(
      `  delivered: ${delivered} (outbox: ${report.delivery?.sent ?? 0} sent, ${report.delivery?.failed ?? 0} failed)`,
    );
    console.log(
      `  Web API calls: ${calls.length} (${limited} answered 429) → ${(calls.length / Math.max(1, delivered)).toFixed(3)} calls per delivered message (target ≤ 1.05)`,
    );
    console.log(
      `  time: ${(elapsedMs / 1000).toFixed(1)} s; floor allowed by the limits: ${(floorMs / 1000).toFixed(0)} s → ${(elapsedMs / Math.max(1, floorMs)).toFixed(2)}× (target ≤ 1.2×)`,
    );
    console.log(`  peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    database.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes an active cohort with `pairs` launched pairs straight into the database, and their group DMs into the fake. */
function seed(
  database: ReturnType<typeof openDatabase>,
  fake: Awaited<ReturnType<typeof startFakeSlack>>,
  pairs: number,
  now: Date,
) {
  const t = now.getTime();
  const plan = planCurriculum({
    pairKey: 'bench',
    sharedTopics: ['ai-tools'],
    mentorTopics: ['ai-tools'],
    menteeTopics: ['ai-tools'],
    cycles: 6,
  });
  const db = database.sqlite;
  db.prepare(
    `INSERT INTO cohorts (id, name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour,
      summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at, launched_at)
     VALUES (1, 'Bench', 'active', '2026-11-30', '2026-12-07', 6, 'weekly', 1, 9, 'C0BENCH', '["ai-tools"]', 1, 0, 'U0OWNER', ?, ?)`,
  ).run(t, t);
  const person = db.prepare(
    "INSERT INTO people (id, display_name, time_zone, tz_offset_minutes, profile_checked_at, active, created_at) VALUES (?, ?, 'Europe/London', 0, ?, 1, ?)",
  );
  const enrol = db.prepare('INSERT INTO enrolments (cohort_id, user_id, enrolled_at) VALUES (1, ?, ?)');
  const pair = db.prepare(
    `INSERT INTO pairs (cohort_id, mentor_id, mentee_id, score, reasons, state, pinned, plan, group_dm_channel_id, created_at, launched_at)
     VALUES (1, ?, ?, 100, '[]', 'active', 0, ?, ?, ?, ?)`,
  );
  const planJson = JSON.stringify(plan);
  db.transaction(() => {
    for (let i = 0; i < pairs; i++) {
      const mentor = `U0BM${String(i).padStart(6, '0')}`;
      const mentee = `U0BE${String(i).padStart(6, '0')}`;
      for (const id of [mentor, mentee]) {
        person.run(id, id, t, t);
        enrol.run(id, t);
        fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
      }
      const channel = fake.addChannel({
        name: `mpdm-bench-${i}`,
        isPrivate: true,
        members: [mentor, mentee],
        botIsMember: true,
      });
      pair.run(mentor, mentee, planJson, channel, t, t);
    }
  })();
}
