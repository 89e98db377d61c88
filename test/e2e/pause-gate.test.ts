import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER_USER, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// A pause stops every DM to that person and to their pair's group DM (the notices about the pause itself
// excepted): what can wait waits until they are back. Found by the fault soak; failed on the code before.

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const fitChecksTo = (userId: string) =>
  h.fake.dmsTo(userId).filter((m) => seen(m).includes('working for you')).length;

describe('someone on a break', () => {
  it('gets the fit check only once they are back, and their partner meanwhile gets theirs', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    h.clock.set('2026-12-12T12:00:00Z');
    await h.slack.command(pair.menteeId, 'pause 2w');
    await h.settle();
    expect(seen(h.fake.dmsTo(pair.mentorId).at(-1))).toContain('taking a short break');

    await h.tickAt('2026-12-15T23:00:00Z');
    expect(fitChecksTo(pair.menteeId)).toBe(0);
    expect(fitChecksTo(pair.mentorId)).toBe(1);

    await h.slack.command(pair.menteeId, 'resume');
    await h.settle();
    // Back early: what waited for them comes now, once — not when the break would have ended.
    await h.tickAt('2026-12-16T09:00:00Z');
    expect(fitChecksTo(pair.menteeId)).toBe(1);
    await h.tickAt('2026-12-26T13:00:00Z');
    expect(fitChecksTo(pair.menteeId)).toBe(1);
  });
});
