import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// With two mentees per mentor, one person is in several pairs: pausing, leaving and the Home tab must
// cover all of them.

let h: Harness;
let pairs: LaunchedPair[];
let busyMentor: string;
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ pairs } = await launchCohort(h, TEN, { ...COHORT_ANSWERS, capacity: '2' }));
  const load = new Map<string, number>();
  for (const p of pairs) load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
  busyMentor = [...load].find(([, n]) => n === 2)![0];
});
afterEach(async () => {
  await h.stop();
});

describe('a mentor with two mentees', () => {
  it('sees both partners on the Home tab, and both hear about a pause', async () => {
    expect(pairs).toHaveLength(6);
    const mine = pairs.filter((p) => p.mentorId === busyMentor);
    await h.slack.openHome(busyMentor);
    await h.settle();
    const home = seen(h.fake.homeViewOf(busyMentor));
    expect(home).toContain('your partners are');
    await h.slack.command(busyMentor, 'pause 1w');
    await h.settle();
    for (const pair of mine)
      expect(seen(h.fake.dmsTo(pair.menteeId).at(-1))).toContain('taking a short break');
  });

  it('leaves both pairs at once, and both mentees are told', async () => {
    const mine = pairs.filter((p) => p.mentorId === busyMentor);
    await h.slack.command(busyMentor, 'leave');
    await h.settle();
    await h.slack.clickButton(busyMentor, 'ephemeral', 'pair_leave');
    await h.settle();
    await h.slack.submitView(busyMentor, h.fake.lastViewOpenedFor(busyMentor)!, {});
    await h.settle();
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE mentor_id = ? AND state = 'active'", busyMentor),
    ).toEqual([{ n: 0 }]);
    for (const pair of mine)
      expect(seen(h.fake.dmsTo(pair.menteeId).at(-1))).toContain('has had to step out');
  });
});
