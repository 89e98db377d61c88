import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 10, finding 1: one bad record must not stop everyone's messages. Each failed on the code before the fix.

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

const promptsTo = (pairId: number) =>
  rows<{ cycle: number }>(h, "SELECT cycle FROM outbox WHERE pair_id = ? AND kind = 'prompt'", pairId).map(
    (r) => r.cycle,
  );

describe('a tick with broken records in it', () => {
  it('schedules every other pair and cohort, stands in for a retired prompt, and tells owners once', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    const [retired, corrupt, unknownZone, healthy] = pairs as [
      (typeof pairs)[0],
      (typeof pairs)[0],
      (typeof pairs)[0],
      (typeof pairs)[0],
    ];
    // A release renamed the prompt this pair's stored plan names for week 2.
    const plan = JSON.parse(
      rows<{ plan: string }>(h, 'SELECT plan FROM pairs WHERE id = ?', retired.id)[0]!.plan,
    ) as { cycle: number; promptId: string }[];
    for (const step of plan) if (step.cycle === 2) step.promptId = 'a-prompt-a-release-removed';
    write('UPDATE pairs SET plan = ? WHERE id = ?', JSON.stringify(plan), retired.id);
    // A record no code path expects.
    write('UPDATE pairs SET plan = ? WHERE id = ?', JSON.stringify('not a plan'), corrupt.id);
    // Slack reported a zone this runtime doesn't know — for a participant and for the owner.
    write(
      "UPDATE people SET time_zone = 'Mars/Olympus_Mons' WHERE id IN (?, ?)",
      unknownZone.mentorId,
      OWNER,
    );

    await h.tickAt(WEEK2_PROMPTS);
    expect(promptsTo(retired.id)).toEqual([2]);
    expect(promptsTo(unknownZone.id)).toEqual([2]);
    expect(promptsTo(healthy.id)).toEqual([2]);
    expect(promptsTo(corrupt.id)).toEqual([]);
    const sent = h.fake.messages(retired.channel).map((m) => seen(m));
    expect(
      sent.some((t) => /week 2 of 6/i.test(t)),
      sent.join('\n---\n'),
    ).toBe(true);

    await h.tickAt('2026-12-15T00:00:00Z');
    const alerts = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .filter((t) => t.includes('could not be scheduled'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(corrupt.mentorId);
    expect(h.logs.join('\n')).toContain('Part of the tick failed');
  });
});
