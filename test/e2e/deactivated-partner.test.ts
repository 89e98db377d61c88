import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 10, finding 6: a partner whose Slack account is deactivated must not strand the other one.
// Failed on the code before the fix (the pair was silently "paused" for good).

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const text = (userId: string) =>
  h.fake
    .dmsTo(userId)
    .map((m) => seen(m))
    .join('\n');

describe('a partner whose account is deactivated mid-cohort', () => {
  it('ends the pair kindly: the partner is told and surveyed, owners can rematch from the alert and the dashboard', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { cohortId, pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    h.fake.deactivateUser(pair.mentorId);
    // Two weeks in, the daily refresh finds the account gone.
    await h.tickAt('2026-12-21T23:00:00Z');

    expect(rows(h, 'SELECT state, end_reason FROM pairs WHERE id = ?', pair.id)).toEqual([
      { state: 'ended', end_reason: 'inactive' },
    ]);
    expect(text(pair.menteeId)).toContain('is no longer on Slack');
    const alert = text(OWNER);
    expect(alert).toContain('Slack account is deactivated');
    expect(alert).toContain('[ Find a new partner ]');
    await h.slack.openHome(OWNER);
    await h.settle();
    const home = seen(h.fake.homeViewOf(OWNER));
    expect(home).toContain("partner's Slack account was deactivated");
    expect(home).toContain('[ Find a new partner ]');

    // No one is free to pair with them this time; the cohort runs to its end — and they are still asked.
    await h.tickAt('2027-01-25T23:00:00Z');
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'completed' }]);
    expect(text(pair.menteeId)).toMatch(/would you share two minutes of feedback/i);
    expect(text(pair.mentorId)).not.toMatch(/feedback/i);
  });
});
