import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// "A tick never stops for one bad record" (README, Operations). Issue 10 isolated each *active* cohort and
// pair, but the rest of the tick still runs unguarded: matching closed enrolments, releasing held owner
// notes, and the sender's claim. One bad record in any of them throws out of `TickService.tick`, so nothing
// is queued or sent for anyone — every minute, for as long as the record is there.

const WEEK2_PROMPTS = '2026-12-14T23:00:00Z';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

function write(sql: string, ...params: unknown[]): void {
  const db = new Database(h.dbPath);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

async function runningCohort() {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  return launchCohort(h, TEN);
}

const week2Prompts = (cohortId: number) =>
  rows<{ n: number }>(
    h,
    "SELECT count(*) AS n FROM outbox WHERE cohort_id = ? AND kind = 'prompt' AND cycle = 2",
    cohortId,
  )[0]!.n;

describe('one bad record outside the running cohorts', () => {
  it('an enrolling cohort whose closing date no code can read does not stop the running cohort', async () => {
    const { cohortId, pairs } = await runningCohort();
    // Another cohort, still enrolling, with a date an older version (or a hand edit) stored differently.
    write(
      `INSERT INTO cohorts (name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday,
         prompt_hour, summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at)
       SELECT 'Spring 2027', 'enrolling', '31/01/2027', '2027-02-08', weeks, cadence, prompt_weekday,
         prompt_hour, summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at
       FROM cohorts WHERE id = ?`,
      cohortId,
    );
    const tick = h.tickAt(WEEK2_PROMPTS);
    await expect(tick).resolves.toMatchObject({ ran: true });
    expect(week2Prompts(cohortId)).toBe(pairs.length);
  });

  it('a held owner note whose stored payload is unreadable does not stop the tick', async () => {
    const { cohortId, pairs } = await runningCohort();
    write(
      `INSERT INTO held_alerts (dedupe_key, cohort_id, pair_id, raised_by, payload, created_at)
       VALUES ('left:p999', NULL, NULL, NULL, '{"type":"message","text":"cut off', 0)`,
    );
    const tick = h.tickAt(WEEK2_PROMPTS);
    await expect(tick).resolves.toMatchObject({ ran: true });
    expect(week2Prompts(cohortId)).toBe(pairs.length);
  });

  it('an outbox row whose payload is unreadable does not stop the sender for everyone else', async () => {
    const { cohortId, pairs } = await runningCohort();
    // Oldest in the queue, so it is the first one claimed.
    write(
      `INSERT INTO outbox (dedupe_key, kind, target, payload, state, created_at, next_attempt_at)
       VALUES ('owner-alert:broken', 'owner-alert', 'user:U0OWNER01', '{"type":"mess', 'pending', 0, 0)`,
    );
    const tick = h.tickAt(WEEK2_PROMPTS);
    await expect(tick).resolves.toMatchObject({ ran: true });
    const sent = rows<{ n: number }>(
      h,
      "SELECT count(*) AS n FROM outbox WHERE cohort_id = ? AND kind = 'prompt' AND cycle = 2 AND state = 'sent'",
      cohortId,
    )[0]!.n;
    expect(sent).toBe(pairs.length);
    // …and the broken row ends somewhere an owner can see it, not cycling between pending and sending.
    expect(rows(h, "SELECT state FROM outbox WHERE dedupe_key = 'owner-alert:broken'")).toEqual([
      { state: 'failed' },
    ]);
  });
});
