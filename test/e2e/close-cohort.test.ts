import { afterEach, describe, expect, it } from 'vitest';
import {
  COHORT_ANSWERS,
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 10, finding 7: a cohort in which no pair can be formed must not hold its members forever.
// Failed on the code before the fix (there was no way to close it but to cancel it as if it had failed).

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('a cohort that cannot form a single pair', () => {
  it('can be closed by an owner: its members are told, freed, and first in line for the next cohort', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const mentees = [TEN[4]!, TEN[5]!]; // only mentees signed up
    const cohortId = await createCohort(h);
    for (const person of mentees) await optIn(h, person);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    expect(seen(review)).toContain('[ Close the cohort ]');
    expect(seen(review)).not.toContain('[ Launch ]');

    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_close');
    await h.settle();
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'completed' }]);
    expect(seen(h.fake.view(review.id))).toContain('is closed');
    for (const person of mentees) {
      expect(seen(h.fake.dmsTo(person.id).at(-1))).toContain("You're first in line for the next cohort");
    }

    // Freed: they can join the next cohort at once.
    const next = await createCohort(h, { ...COHORT_ANSWERS, name: 'Spring 2027' });
    await h.slack.command(mentees[0]!.id, '');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(mentees[0]!.id)!;
    expect(seen(form)).not.toContain('Winter 2026');
    await h.slack.submitView(mentees[0]!.id, form, mentees[0]!.answers);
    await h.settle();
    expect(rows(h, 'SELECT user_id FROM enrolments WHERE cohort_id = ?', next)).toEqual([
      { user_id: mentees[0]!.id },
    ]);
  });
});
