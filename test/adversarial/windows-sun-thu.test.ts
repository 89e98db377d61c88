import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch } from '../support/cohort-flow.js';
import { OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// DELIVERY_HOURS is how an operator says when their people work ("Sun-Thu" is the README's own example). The
// meeting suggestion ignores it: anyone who gave no hours is assumed to work DEFAULT_WORKING_HOURS, Mon–Fri
// 09:00–17:30. In a Sun–Thu workspace two colleagues in Dubai are told their days overlap "Mon–Fri" — Friday
// is their weekend, and Sunday, a working day on which the bot itself sends them messages, is left out.

const A = participant('U0STHDXB01', 'Amal', 'Asia/Dubai', 'mentor', 'early', 'Sales', ['ai-tools']);
const B = participant('U0STHDXB02', 'Badr', 'Asia/Dubai', 'mentee', 'executive', 'Finance', ['ai-tools']);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('a Sunday-to-Thursday workspace', () => {
  it('does not suggest meeting on Friday to people who gave no hours when DELIVERY_HOURS is Sun-Thu', async () => {
    h = await startHarness({
      users: [OWNER_USER, A, B],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: { DELIVERY_HOURS: 'Sun-Thu 08:00-17:00' },
      now: '2026-11-22T02:00:00Z',
    });
    // Sunday 22 November, 06:00 in Dubai: before anyone's day starts, so the whole week is ahead.
    await enrolAndLaunch(h, [A, B]);
    // Sunday 08:00 in Dubai: inside DELIVERY_HOURS, the introduction goes.
    await h.tickAt('2026-11-22T04:00:00Z');
    const pair = rows<{ group_dm_channel_id: string }>(h, 'SELECT group_dm_channel_id FROM pairs')[0]!;
    const intro = seen(h.fake.messages(pair.group_dm_channel_id)[0]);
    const meet = intro.slice(intro.indexOf('When you could meet'));
    expect(meet).toContain('When you could meet');
    expect(meet, 'Friday is their weekend').not.toMatch(/Mon–Fri|Fri\b|Friday/);
  }, 60_000);
});
