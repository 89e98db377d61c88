import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch, REAL_WINDOW } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// pairTimeline() moves every prompt and every check-in to "the first moment inside both windows" on its own.
// When both land after the same stretch of closed days they collapse onto one instant: for someone who works
// Mondays only, a cohort whose prompt day is Friday sends the Friday prompt on Monday — and the check-in due
// "midway" (Friday + 3 = Monday) at that same minute. Every week the pair is asked "did you meet?" in the
// same tick that hands them the topic to meet about, so the check-in can't say anything, and unanswered
// check-ins feed the stall reminders and at-risk notes to owners.

const MONDAYS = participant('U0CKTMON01', 'Mona', 'Europe/London', 'mentor', 'early', 'Sales', ['ai-tools'], {
  work_start: '09:00',
  work_end: '17:00',
  work_days: ['1'],
});
const WEEKDAYS = participant('U0CKTWKD01', 'Walt', 'Europe/London', 'mentee', 'executive', 'Finance', [
  'ai-tools',
]);

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('check-ins come after their prompt', () => {
  it('sends a cycle’s check-in at least an hour after its prompt, not in the same moment (Monday-only worker, Friday prompts)', async () => {
    h = await startHarness({
      users: [OWNER_USER, MONDAYS, WEEKDAYS],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: REAL_WINDOW,
      now: '2026-11-23T12:00:00Z',
    });
    // Launch on Monday 30 November at 10:00 London: inside both windows.
    await enrolAndLaunch(h, [MONDAYS, WEEKDAYS], {
      answers: { ...COHORT_ANSWERS, prompt_weekday: '5' },
      at: '2026-11-30T10:00:00Z',
    });
    // Every hour from launch to the end of week 3.
    for (let t = Date.parse('2026-11-30T11:00:00Z'); t <= Date.parse('2026-12-29T00:00:00Z'); t += 3_600_000)
      await h.tickAt(new Date(t));

    const sent = rows<{ kind: string; cycle: number; sent_at: number }>(
      h,
      "SELECT kind, cycle, sent_at FROM outbox WHERE kind IN ('prompt', 'checkin') AND state = 'sent' ORDER BY cycle, kind",
    );
    const promptAt = new Map(sent.filter((r) => r.kind === 'prompt').map((r) => [r.cycle, r.sent_at]));
    const checkins = sent.filter((r) => r.kind === 'checkin' && promptAt.has(r.cycle));
    expect(checkins.length, 'some check-ins with a prompt in the same cycle').toBeGreaterThan(0);
    for (const c of checkins)
      expect(
        c.sent_at - promptAt.get(c.cycle)!,
        `cycle ${c.cycle}: hours from the prompt to its check-in`,
      ).toBeGreaterThanOrEqual(3_600_000);
  }, 120_000);
});
