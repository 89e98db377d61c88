import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch, REAL_WINDOW } from '../support/cohort-flow.js';
import { OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// The introduction's "When you could meet" is meetingSuggestion(now, …) over the week starting at the
// launch instant. Spans are cut at `now` and at now + 7 days, and the cut pieces are grouped as stretches of
// their own. Two colleagues in London who both work Mon–Fri 09:00–17:30, launched on Monday at 10:00, are
// told their hours overlap "09:00–17:30 Tue–Fri (and 2 shorter stretches)": Monday, a day both work, is
// missing from what the bot says about them, and two phantom "shorter stretches" appear.

const A = participant('U0MSGLON01', 'Ann', 'Europe/London', 'mentor', 'early', 'Sales', ['ai-tools']);
const B = participant('U0MSGLON02', 'Ben', 'Europe/London', 'mentee', 'executive', 'Finance', ['ai-tools']);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('when you could meet', () => {
  it('tells two Mon–Fri colleagues launched on a Monday morning that they overlap Mon–Fri', async () => {
    h = await startHarness({
      users: [OWNER_USER, A, B],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: REAL_WINDOW,
      now: '2026-11-20T12:00:00Z',
    });
    // Monday 23 November, 10:00 in London.
    await enrolAndLaunch(h, [A, B], { at: '2026-11-23T10:00:00Z' });
    await h.tickAt('2026-11-23T10:01:00Z');
    const pair = rows<{ group_dm_channel_id: string }>(h, 'SELECT group_dm_channel_id FROM pairs')[0]!;
    const intro = seen(h.fake.messages(pair.group_dm_channel_id)[0]);
    expect(intro).toContain('09:00–17:30 Mon–Fri for @U0MSGLON01 (London)');
    expect(intro).not.toContain('shorter stretch');
  }, 60_000);
});
