import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch, REAL_WINDOW } from '../support/cohort-flow.js';
import { OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// London and Auckland are 13 hours apart in November: their 08:00–19:00 windows never meet. Such a pair's
// messages go at the least awkward moment of the day: London 19:00 / Auckland 08:00 (one minute outside
// London's day), every weekday. The gate once let "now" go whenever it was within 150 minutes of the best of
// the coming week — so a launch at 05:30 in London (18:30 in Auckland) was introduced at once, in London's night.

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
      env: REAL_WINDOW,
      now: '2026-11-20T12:00:00Z',
    });
    // Monday 23 November, 05:30 UTC: 05:30 in London (night), 18:30 in Auckland.
    await enrolAndLaunch(h, [LONDON, AUCKLAND], { at: '2026-11-23T05:30:00Z' });

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
