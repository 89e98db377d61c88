import { afterEach, describe, expect, it } from 'vitest';
import {
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  participant,
  rows,
  SUMMARY_CHANNEL,
} from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// London and Auckland are 13 hours apart in November: their 08:00–19:00 windows never meet. README: such a
// pair's messages "go at the least awkward moment — fewest minutes outside anyone's hours". That moment is
// London 19:00 / Auckland 08:00 (one minute outside London's day), every weekday. But deliverNowOrAt() lets
// "now" go whenever it is within AWKWARD_SLACK_MINUTES (150) of the best — so a row that becomes ready at
// 05:30 in London (18:30 in Auckland) is sent at once (the launch itself delivers it): a DM at 05:30 in London's night.

const LONDON = participant('U0LAWLON01', 'Lena', 'Europe/London', 'mentor', 'early', 'Sales', ['ai-tools']);
const AUCKLAND = participant('U0LAWAKL01', 'Aroha', 'Pacific/Auckland', 'mentee', 'executive', 'Finance', [
  'ai-tools',
]);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('a pair whose windows never meet', () => {
  it('is not introduced at 05:30 in London when a moment one minute outside anyone’s day comes that evening', async () => {
    h = await startHarness({
      users: [OWNER_USER, LONDON, AUCKLAND],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: { DELIVERY_HOURS: 'Mon-Fri 08:00-19:00' },
      now: '2026-11-20T12:00:00Z',
    });
    await createCohort(h);
    for (const person of [LONDON, AUCKLAND]) await optIn(h, person);
    // Monday 23 November, 05:30 UTC: 05:30 in London (night), 18:30 in Auckland.
    h.clock.set('2026-11-23T05:30:00Z');
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
    await h.settle();

    await h.tickAt('2026-11-23T05:31:00Z');
    const sent = rows<{ sent_at: number }>(
      h,
      "SELECT sent_at FROM outbox WHERE kind = 'intro' AND state = 'sent'",
    );
    const londonHour = sent.map((r) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(r.sent_at)),
    );
    expect(londonHour, 'no introduction at 05:30 in London').toEqual([]);
  }, 60_000);
});
