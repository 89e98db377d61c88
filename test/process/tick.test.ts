import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { crowd, OWNER_USER, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, seen, startHarness } from '../support/harness.js';
import { spawnCli } from '../support/process.js';

// `reverse-mentor tick --at` as separate processes against one database and the loopback Slack: what an
// external cron does, and what happens when such a process dies half-way through a fan-out.

const FIRST_CHECKINS = '2026-12-10T23:00:00Z';
const PEOPLE = crowd(12);

let h: Harness;
let pairs: LaunchedPair[];
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...PEOPLE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ pairs } = await launchCohort(h, PEOPLE));
  expect(pairs).toHaveLength(12);
  await h.stopBot();
}, 60_000);
afterEach(async () => {
  await h.stop();
});

function tickProcess(at: string) {
  return cliProcess(['tick', '--at', at]);
}

function cliProcess(args: string[]) {
  return spawnCli(args, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: h.fake.apiUrl,
    DATABASE_PATH: h.dbPath,
    // As the harness's bot: these tests are about processes, not the time of day (see the harness).
    DELIVERY_HOURS: 'Mon-Sun 00:00-24:00',
    LOG_LEVEL: 'warn',
  });
}

const checkinPosts = () =>
  h.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.status === 200 && JSON.stringify(c.params).includes('Quick check-in'));

function expectEachPairCheckedInOnce() {
  for (const pair of pairs) {
    const checkins = h.fake.messages(pair.channel).filter((m) => seen(m).includes('Quick check-in'));
    expect(checkins, `pair ${pair.id}`).toHaveLength(1);
  }
  expect(rows(h, "SELECT state, COUNT(*) AS n FROM outbox WHERE kind = 'checkin' GROUP BY state")).toEqual([
    { state: 'sent', n: 12 },
  ]);
}

describe('reverse-mentor tick --at', () => {
  it('sends what is due as of that time and reports it', async () => {
    const run = tickProcess(FIRST_CHECKINS);
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Tick at 2026-12-10T23:00:00.000Z: 12 queued, 12 sent, 0 failed');
    expectEachPairCheckedInOnce();
  });

  it('refuses a malformed --at with a clear message', async () => {
    const result = await tickProcess('next tuesday').done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--at must be a date and time');
  });

  it('after being killed in the middle of a fan-out, the next tick sends every message exactly once', async () => {
    let seenSoFar = 0;
    // The fifth check-in post never gets an answer: the process is stuck there when we kill it.
    h.fake.failNext(
      'chat.postMessage',
      { hang: true },
      { match: (p) => JSON.stringify(p).includes('Quick check-in') && ++seenSoFar === 5 },
    );
    const first = tickProcess(FIRST_CHECKINS);
    for (let i = 0; i < 400 && !h.fake.callsTo('chat.postMessage').some((c) => c.status === 0); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    // One message at a time: four went out and were recorded; the fifth was in flight and never arrived.
    const delivered = checkinPosts().length;
    expect(delivered).toBe(4);
    expect(rows(h, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'checkin' AND state = 'sent'")).toEqual([
      { n: delivered },
    ]);

    const second = await tickProcess('2026-12-10T23:05:00Z').done;
    expect(second.code).toBe(0);
    expect(checkinPosts()).toHaveLength(12);
    expectEachPairCheckedInOnce();
  });

  it('exports a cohort to a CSV file without Slack, and says which cohorts exist when the name is wrong', async () => {
    await tickProcess(FIRST_CHECKINS).done;
    const out = join(mkdtempSync(join(tmpdir(), 'rm-export-')), 'winter.csv');
    const result = await cliProcess(['export', '--cohort', 'winter 2026', '--out', out, '--anonymised']).done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote 12 pairs of “Winter 2026”');
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^cohort,state,launched_week,ended_week,/);
    expect(lines.join('\n')).not.toMatch(/U0CRW/);
    const wrong = await cliProcess(['export', '--cohort', 'Summer', '--out', out]).done;
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('No cohort is called “Summer”. Known cohorts: “Winter 2026”.');
  });

  it('two ticks at once send each message once', async () => {
    const [a, b] = [tickProcess(FIRST_CHECKINS), tickProcess(FIRST_CHECKINS)];
    const results = await Promise.all([a.done, b.done]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(checkinPosts()).toHaveLength(12);
    expectEachPairCheckedInOnce();
  });
});
