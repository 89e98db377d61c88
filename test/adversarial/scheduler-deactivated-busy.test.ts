import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 10, finding 6 (a deactivated partner strands the other) under finding 3 (a busy database). The tick
// records "inactive" first (`recordSlackProfile`, or `markInactive` on the delivery path), and only then ends
// the pairs (`personGone` → `PairLifeService.personDeactivated`) in a separate transaction. When that second
// write meets a busy database (another process holding the write lock for a moment), the failure is logged
// and never retried: every later refresh sees the person already inactive, so nothing ever ends the pair. The
// partner is told nothing, owners get no rematch button, and the schedule skips the pair for good.

let h: Harness;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a deactivation noticed while another process briefly holds the write lock', () => {
  it('still ends the pair once the database is free again: the partner is told', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    h.fake.deactivateUser(pair.mentorId);

    // Another process (a backup tool, an external `tick`, the soak's locker) takes the write lock for 600 ms
    // right after the refresh has recorded the deactivation — before the pair is ended.
    const people = h.bot.services.repos.people;
    const record = people.recordSlackProfile.bind(people);
    let locked: Promise<void> | null = null;
    vi.spyOn(people, 'recordSlackProfile').mockImplementation((profile) => {
      record(profile);
      if (!profile.active && !locked) {
        const other = new Database(h.dbPath);
        other.exec('BEGIN IMMEDIATE');
        locked = sleep(600).then(() => {
          other.exec('COMMIT');
          other.close();
        });
      }
    });
    // The tick may or may not fail as a whole while the lock is held; that is not what this test is about.
    await h.tickAt('2026-12-21T23:00:00Z').catch(() => undefined);
    expect(locked, 'the deactivation was seen').not.toBeNull();
    await locked;

    // The database is free again; the scheduler carries on as usual, a minute and a day later.
    await h.tickAt('2026-12-21T23:01:00Z');
    await h.tickAt('2026-12-22T23:01:00Z');

    expect(rows(h, 'SELECT state, end_reason FROM pairs WHERE id = ?', pair.id)).toEqual([
      { state: 'ended', end_reason: 'inactive' },
    ]);
    const toPartner = h.fake
      .dmsTo(pair.menteeId)
      .map((m) => seen(m))
      .join('\n');
    expect(toPartner).toContain('is no longer on Slack');
  }, 60_000);
});
