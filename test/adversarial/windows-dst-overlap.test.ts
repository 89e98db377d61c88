import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch, REAL_WINDOW } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// A Sydney–London pair shares one hour a day in October (London 08:00–09:00 BST = Sydney 18:00–19:00 AEDT).
// When London leaves summer time on Sunday 25 October 2026 that hour is gone for good. A message to the pair
// looked at by the delivery gate after Friday's shared hour and before the change finds a shared window only
// in the past: deliverNowOrAt() does `common.find(s => s.end > t)!` and throws. The sender records the
// TypeError as a failed attempt (internal_error) and, after five, gives up: the introduction is never sent.

const SYDNEY = participant('U0DSTSYD01', 'Sia', 'Australia/Sydney', 'mentor', 'early', 'Sales', ['ai-tools']);
const LONDON = participant('U0DSTLON01', 'Lars', 'Europe/London', 'mentee', 'executive', 'Finance', [
  'ai-tools',
]);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('a pair whose only shared hour disappears at a DST change', () => {
  it('introduces them once, later, without counting failed attempts or giving up', async () => {
    h = await startHarness({
      users: [OWNER_USER, SYDNEY, LONDON],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: REAL_WINDOW,
      now: '2026-10-12T12:00:00Z',
    });
    // Friday 23 October, 12:00 UTC: 13:00 in London, 23:00 in Sydney. Their shared hour today is over.
    await enrolAndLaunch(h, [SYDNEY, LONDON], {
      answers: { ...COHORT_ANSWERS, enrolment_closes_on: '2026-10-30', starts_on: '2026-11-02' },
      at: '2026-10-23T12:00:00Z',
    });

    // Ticks every hour through the weekend and into Tuesday.
    for (let hour = 0; hour <= 96; hour++)
      await h.tickAt(new Date(Date.parse('2026-10-23T12:01:00Z') + hour * 3_600_000));

    const intro = rows<{ state: string; attempts: number; error_code: string | null }>(
      h,
      "SELECT state, attempts, error_code FROM outbox WHERE kind = 'intro'",
    );
    expect(intro).toHaveLength(1);
    // One attempt: the send itself (waiting for a window is not an attempt; a failure would have left its code).
    expect(intro[0], 'the introduction went out once, with no failed attempts').toEqual({
      state: 'sent',
      attempts: 1,
      error_code: null,
    });
    const pair = rows<{ group_dm_channel_id: string | null }>(h, 'SELECT group_dm_channel_id FROM pairs')[0]!;
    expect(pair.group_dm_channel_id).toBeTruthy();
    expect(h.fake.messages(pair.group_dm_channel_id!)).toHaveLength(1);
  }, 120_000);
});
