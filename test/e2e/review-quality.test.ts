import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolAndReview } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 15, item 3: in the review, owners see first the pairs that need a look — weak, then fair, then
// strong — each with its band and flags in words, a line for the whole cohort, and never a score.

// Five pairs the rules leave little choice about (a senior mentor can only mentor the executive; the rest
// pair for the most shared topics). Mentor ids sort so that the matcher stores the strong pair first.
const STRONG = participant('U0RQMEN001', 'Sam', 'Europe/London', 'mentor', 'early', 'Engineering', [
  'ai-tools',
  'social-media',
]);
const STRONG_MENTEE = participant('U0RQMEE001', 'Sol', 'Europe/Paris', 'mentee', 'mid', 'Legal', [
  'ai-tools',
  'social-media',
]);
const FAIR = participant('U0RQMEN002', 'Fay', 'Europe/London', 'mentor', 'early', 'Marketing', ['ai-tools']);
const FAIR_MENTEE = participant('U0RQMEE002', 'Finn', 'Europe/London', 'mentee', 'mid', 'Product', [
  'ai-tools',
  'collaboration-tools',
]);
const FAR = participant('U0RQMEN003', 'Kenji', 'Asia/Tokyo', 'mentor', 'senior', 'Sales', [
  'modern-workplace',
]);
const FAR_MENTEE = participant('U0RQMEE003', 'Nora', 'America/New_York', 'mentee', 'executive', 'Finance', [
  'modern-workplace',
]);
const NO_TOPIC = participant('U0RQMEN004', 'Hana', 'Europe/London', 'mentor', 'early', 'HR', [
  'data-analytics',
]);
const NO_TOPIC_MENTEE = participant('U0RQMEE004', 'Hugo', 'Europe/Madrid', 'mentee', 'mid', 'Operations', [
  'digital-marketing',
]);
// Wants one topic and gets it: strong, though only one topic is shared.
const ONE_WANTED = participant('U0RQMEN005', 'Ola', 'Europe/London', 'mentor', 'early', 'Support', [
  'diversity-inclusion',
]);
const ONE_WANTED_MENTEE = participant('U0RQMEE005', 'Omar', 'Europe/London', 'mentee', 'mid', 'Legal Ops', [
  'diversity-inclusion',
]);

const PEOPLE = [
  STRONG,
  STRONG_MENTEE,
  FAIR,
  FAIR_MENTEE,
  FAR,
  FAR_MENTEE,
  NO_TOPIC,
  NO_TOPIC_MENTEE,
  ONE_WANTED,
  ONE_WANTED_MENTEE,
];

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...PEOPLE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
});
afterEach(async () => {
  await h.stop();
});

/** Each listed pair's mentor and the band line under it, in the order the review shows them. */
function listed(text: string): { mentor: string; band: string }[] {
  return [...text.matchAll(/@(U0RQMEN\d{3}) shares with @U0RQMEE\d{3}[^\n]*\n([^\n]+)/g)].map((m) => ({
    mentor: m[1]!,
    band: m[2]!.replace(/^:[a-z_]+: /, ''),
  }));
}

describe('the review shows owners what needs attention', () => {
  it('lists weak pairs first, then fair, then strong, with their flags and a summary, and no score', async () => {
    const { cohortId, review } = await enrolAndReview(h, PEOPLE);
    const stored = rows<{ mentor_id: string; score: number }>(
      h,
      "SELECT mentor_id, score FROM pairs WHERE cohort_id = ? AND state = 'draft' ORDER BY id",
      cohortId,
    );
    // The matcher stored the strong pair first; the review turns the list round.
    expect(stored.map((p) => p.mentor_id)).toEqual([STRONG.id, FAIR.id, FAR.id, NO_TOPIC.id, ONE_WANTED.id]);
    const text = seen(review);
    expect(listed(text)).toEqual([
      { mentor: FAR.id, band: 'Weak match — More than 8 h apart' },
      { mentor: NO_TOPIC.id, band: 'Weak match — No shared topic' },
      { mentor: FAIR.id, band: 'Fair match' },
      { mentor: STRONG.id, band: 'Strong match' },
      { mentor: ONE_WANTED.id, band: 'Strong match' },
    ]);
    expect(text).toContain('2 strong, 1 fair and 2 weak matches.');
    expect(text).toContain('Why the weak ones are weak: 1 has no shared topic, 1 is more than 8 h apart.');
    expect(text).toContain('Using the default weights.');
    // The reasons stay, in words.
    expect(text).toContain('You both picked Modern workplace expectations · Sales ↔ Finance · 10 h apart');

    // No score, in any form: not the word, not a pair's score, not their total.
    expect(text).not.toMatch(/score/i);
    const numbers = new Set([...text.matchAll(/\d+/g)].map((m) => Number(m[0])));
    for (const pair of stored) expect(numbers.has(Math.round(pair.score))).toBe(false);
    expect(numbers.has(Math.round(stored.reduce((s, p) => s + p.score, 0)))).toBe(false);
    expect([...numbers].filter((n) => n >= 100 && n !== 2026)).toEqual([]);

    // The same after an edit redraws it: unpairing the strong pair leaves it out and recounts.
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'pairs_unpair_open');
    await h.settle();
    const form = h.fake.openViews(OWNER).at(-1)!;
    const done = await h.slack.submitView(OWNER, form, { person: STRONG.id });
    expect(done.outcome?.action).toBe('closed');
    await h.settle();
    const after = seen(h.fake.view(review.id));
    expect(listed(after).map((p) => p.mentor)).toEqual([FAR.id, NO_TOPIC.id, FAIR.id, ONE_WANTED.id]);
    expect(after).toContain('1 strong, 1 fair and 2 weak matches.');
    expect(after).not.toMatch(/score/i);
  });
});
