import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import {
  COHORT_ANSWERS,
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  type Participant,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// "You're first in line next time": people the matching couldn't place can join the next cohort at once,
// and there they win a contested place over someone who would otherwise score a little better.

const NEW_MENTOR: Participant = {
  id: 'U0NEWMENT1',
  name: 'Rhea',
  tz: 'Europe/London',
  answers: {
    role: 'mentor',
    topics: ['digital-marketing'],
    career_stage: 'early',
    team: 'Marketing',
    goals: 'Share how we run campaigns now.',
  },
};
const NEW_MENTEE: Participant = {
  id: 'U0NEWMENE1',
  name: 'Victor',
  tz: 'Europe/London',
  answers: {
    role: 'mentee',
    topics: ['digital-marketing'],
    career_stage: 'executive',
    team: 'Finance',
    goals: 'Learn how campaigns work today.',
  },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN, NEW_MENTOR, NEW_MENTEE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
});
afterEach(async () => {
  await h.stop();
});

describe('people left unmatched', () => {
  it('can join the next cohort straight away and are preferred there for a contested place', async () => {
    const { pairs } = await launchCohort(h, TEN);
    const paired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const waiting = TEN.filter((p) => !paired.has(p.id));
    expect(waiting).toHaveLength(2);

    await createCohort(h, {
      ...COHORT_ANSWERS,
      name: 'Spring 2027',
      enrolment_closes_on: '2026-12-20',
      starts_on: '2027-01-04',
    });
    const spring = rows<{ id: number }>(h, "SELECT id FROM cohorts WHERE name = 'Spring 2027'")[0]!.id;
    // One of the waiting mentees joins from the Home tab; they don't have to wait for Winter to finish.
    const first = waiting[0]!;
    await h.slack.openHome(first.id);
    await h.settle();
    expect(seen(h.fake.homeViewOf(first.id))).toContain('Open for enrolment');
    await h.slack.clickButton(first.id, 'home', 'cohort_join');
    await h.settle();
    expect(
      rows(h, 'SELECT cohort_id FROM enrolments WHERE user_id = ? ORDER BY cohort_id', first.id),
    ).toEqual([{ cohort_id: 1 }, { cohort_id: spring }]);
    // One mentor place, two mentees: the newcomer shares the mentor's topic, the waiting mentee doesn't.
    await optIn(h, NEW_MENTOR);
    await optIn(h, NEW_MENTEE);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    expect(
      rows(h, "SELECT mentor_id, mentee_id FROM pairs WHERE cohort_id = ? AND state = 'draft'", spring),
    ).toEqual([{ mentor_id: NEW_MENTOR.id, mentee_id: first.id }]);
  });

  it('a person in a running pair still can’t join a second cohort', async () => {
    const { pairs } = await launchCohort(h, TEN);
    await createCohort(h, {
      ...COHORT_ANSWERS,
      name: 'Spring 2027',
      enrolment_closes_on: '2026-12-20',
      starts_on: '2027-01-04',
    });
    const busy = pairs[0]!.mentorId;
    await h.slack.openHome(busy);
    await h.settle();
    expect(seen(h.fake.homeViewOf(busy))).not.toContain('Open for enrolment');
    expect(rows(h, 'SELECT COUNT(*) AS n FROM enrolments WHERE user_id = ?', busy)).toEqual([{ n: 1 }]);
  });
});
