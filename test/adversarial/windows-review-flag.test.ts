import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndReview, REAL_WINDOW } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER_USER, participant, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// The review flags pairs "whose working days never overlap" by asking shareAnyMoment() about the week from
// *now* (the review), not about the weeks the cohort runs. A Sydney–London pair shares London 08:00–09:00 /
// Sydney 18:00–19:00 until London leaves summer time on 25 October 2026; from then until March they never
// meet. Reviewed on Monday 19 October for a cohort that runs 2 November – mid December, the owner is told
// nothing, though every message of that cohort will go outside one of their days.

const SYDNEY = participant('U0RVWSYD01', 'Sia', 'Australia/Sydney', 'mentor', 'early', 'Sales', ['ai-tools']);
const LONDON = participant('U0RVWLON01', 'Lars', 'Europe/London', 'mentee', 'executive', 'Finance', [
  'ai-tools',
]);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('the review flags pairs that never meet', () => {
  it('flags a pair that never meets during the cohort, even if they share an hour in the week of the review', async () => {
    h = await startHarness({
      users: [OWNER_USER, SYDNEY, LONDON],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: REAL_WINDOW,
      now: '2026-10-12T12:00:00Z',
    });
    const { review: view } = await enrolAndReview(h, [SYDNEY, LONDON], {
      answers: { ...COHORT_ANSWERS, enrolment_closes_on: '2026-10-30', starts_on: '2026-11-02' },
      at: '2026-10-19T12:00:00Z',
    });
    const review = seen(view);
    expect(review).toContain('No common working hours');
  }, 60_000);
});
