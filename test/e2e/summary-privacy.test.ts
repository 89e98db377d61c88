import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSummaryChart } from '../../src/chart/index.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, crowd, OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Summaries go to the same channel again and again: what two of them say side by side must not single out a
// person or a pair either (issue 9, finding 11). Each block runs a real cohort through the loopback Slack.

const CHANNELS = [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }];

function summaries(h: Harness) {
  return h.fake
    .messages(SUMMARY_CHANNEL)
    .filter((m) => seen(m).toLowerCase().includes('reverse mentoring — '))
    .map((m) => ({ ts: m.ts, raw: m.text ?? '', text: seen(m).replace(/\s+/g, ' ') }));
}

async function ownerAsksForSummary(h: Harness): Promise<string> {
  h.clock.advance(60_000);
  const before = summaries(h).length;
  await h.slack.command(OWNER, 'summary');
  await h.settle();
  const after = summaries(h);
  expect(after, 'a new summary was posted').toHaveLength(before + 1);
  return after.at(-1)!.text;
}

async function answerSurvey(h: Harness, userId: string, answers: Record<string, string | string[]>) {
  h.clock.advance(60_000);
  await h.slack.clickButton(userId, 'dm', 'survey_open');
  await h.settle();
  const form = h.fake.lastViewOpenedFor(userId)!;
  expect(form.title?.text).toBe('Your feedback');
  const result = await h.slack.submitView(userId, form, answers);
  expect(result.outcome?.action).toBe('closed');
  await h.settle();
}

const disclosures = (h: Harness, cohortId: number) =>
  rows(
    h,
    'SELECT survey_responses, average_rating, would_again_share FROM summary_disclosures WHERE cohort_id = ?',
    cohortId,
  );

describe('survey figures across summaries', () => {
  const people = crowd(5);
  let h: Harness;
  let cohortId: number;
  let surveyed: string[];

  beforeAll(async () => {
    h = await startHarness({ users: [OWNER_USER, ...people], channels: CHANNELS });
    let pairs: LaunchedPair[];
    ({ cohortId, pairs } = await launchCohort(h, people));
    expect(pairs).toHaveLength(5);
    await h.tickAt('2027-01-25T23:00:00Z'); // the end: thanks and surveys
    surveyed = pairs.flatMap((p) => [p.mentorId, p.menteeId]);
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('shows figures from five answers, and records them (aggregates only) as published', async () => {
    const first = [
      { rating: '5', again: 'yes' },
      { rating: '4', again: 'yes' },
      { rating: '4', again: 'no' },
      { rating: '3', again: 'yes' },
      { rating: '2', again: 'no' },
    ];
    for (const [i, answer] of first.entries()) {
      await answerSurvey(h, surveyed[i]!, {
        ...answer,
        learned: i === 0 ? 'Early answer, quote me.' : 'Private thoughts.',
        quote_ok: i === 0 ? ['yes'] : [],
      });
    }
    const text = await ownerAsksForSummary(h);
    expect(text).toContain('Average value 3.6 / 5 from 5 answers');
    expect(text).toContain('60% would do it again');
    expect(text).toContain('Early answer, quote me.');
    expect(disclosures(h, cohortId)).toEqual([
      { survey_responses: 5, average_rating: 3.6, would_again_share: 0.6 },
    ]);
  });

  it('repeats the same figures after a sixth answer, so it can’t be worked out', async () => {
    // Without the rule the channel would read 3.2 from 6 answers: 6 × 3.2 − 5 × 3.6 = a rating of 1.
    await answerSurvey(h, surveyed[5]!, {
      rating: '1',
      again: 'yes',
      learned: 'The sixth person wrote this.',
      quote_ok: ['yes'],
    });
    const text = await ownerAsksForSummary(h);
    expect(text).toContain('Average value 3.6 / 5 from 5 answers');
    expect(text).toContain('60% would do it again');
    expect(text).toContain('As of 5 answers; 6 now. New figures come from 10 answers');
    expect(text).not.toContain('from 6 answers');
    expect(text).not.toMatch(/3\.2 \/ 5|67% would/);
    // A quote appearing now would point at whoever answered since the last summary.
    expect(text).not.toContain('The sixth person wrote this.');
    expect(text).toContain('Early answer, quote me.');
    expect(disclosures(h, cohortId)).toEqual([
      { survey_responses: 5, average_rating: 3.6, would_again_share: 0.6 },
    ]);
  });

  it('doesn’t show a changed answer as a changed figure either', async () => {
    await answerSurvey(h, surveyed[0]!, {
      rating: '1',
      again: 'no',
      learned: 'Changed my mind.',
      quote_ok: [],
    });
    const text = await ownerAsksForSummary(h);
    expect(text).toContain('Average value 3.6 / 5 from 5 answers');
    expect(text).toContain('60% would do it again');
    // The changed answer took its quote with it (no consent any more).
    expect(text).not.toContain('Early answer, quote me.');
    expect(text).not.toContain('Changed my mind.');
  });

  it('shows new figures once five more people have answered', async () => {
    for (const userId of surveyed.slice(6, 9)) await answerSurvey(h, userId, { rating: '5', again: 'yes' });
    expect(await ownerAsksForSummary(h)).toContain('Average value 3.6 / 5 from 5 answers');
    await answerSurvey(h, surveyed[9]!, { rating: '5', again: 'yes' });
    const text = await ownerAsksForSummary(h);
    // Ratings now: 1 (changed), 4, 4, 3, 2, 1, 5, 5, 5, 5; would do it again: 7 of 10.
    expect(text).toContain('Average value 3.5 / 5 from 10 answers');
    expect(text).toContain('70% would do it again');
    expect(text).toContain('The sixth person wrote this.');
    expect(text).not.toContain('As of');
    expect(disclosures(h, cohortId)).toEqual([
      { survey_responses: 10, average_rating: 3.5, would_again_share: 0.7 },
    ]);
  });
});

describe('weekly meeting rates across summaries', () => {
  let h: Harness;
  let pairs: LaunchedPair[];

  beforeAll(async () => {
    h = await startHarness({ users: [OWNER_USER, ...TEN], channels: CHANNELS });
    ({ pairs } = await launchCohort(h, TEN));
    expect(pairs).toHaveLength(4);
    await h.tickAt('2026-12-10T23:00:00Z'); // week 1's check-ins
    for (const pair of pairs.slice(0, 2)) {
      await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_met');
      await h.settle();
    }
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('doesn’t show a week while its check-ins are still open', async () => {
    h.clock.set('2026-12-11T12:00:00Z');
    const text = await ownerAsksForSummary(h);
    expect(text).not.toContain('Week 1');
    expect(text).toContain('No finished weeks yet');
    expect(text).toContain('Meetings logged None yet');
  });

  it('shows it once the week is over, and a late answer never moves it', async () => {
    await h.tickAt('2026-12-14T23:00:00Z'); // week 2 begins
    const over = await ownerAsksForSummary(h);
    expect(over).toContain('Week 1: 50%');
    expect(over).toContain('Meetings logged 2 · 50% of check-ins');

    // A third pair answers week 1's check-in late: saved, but the published week stays as it was.
    const late = pairs[2]!;
    await h.slack.clickButton(late.menteeId, { channel: late.channel }, 'checkin_met');
    await h.settle();
    expect(
      rows(h, 'SELECT cycle, answer FROM checkins WHERE pair_id = ? AND user_id = ?', late.id, late.menteeId),
    ).toEqual([{ cycle: 1, answer: 'met' }]);
    const again = await ownerAsksForSummary(h);
    expect(again).toContain('Week 1: 50%');
    expect(again).toContain('Meetings logged 2 · 50% of check-ins');
    expect(again).not.toContain('75%');
  });

  it('draws the chart from the same figures', async () => {
    const uploads = h.fake
      .callsTo('files.completeUploadExternal')
      .filter((c) => c.params.channel_id === SUMMARY_CHANNEL);
    const last = uploads.at(-1)!;
    expect(last.params.thread_ts).toBe(summaries(h).at(-1)!.ts);
    const file = h.fake.file((last.params.files as { id: string }[])[0]!.id)!;
    const expected = await renderSummaryChart({
      title: 'Winter 2026: pairs that met, week by week',
      points: [1, 2, 3, 4, 5, 6].map((cycle) => ({
        cycle,
        label: `Week ${cycle}`,
        meetingRate: cycle === 1 ? 0.5 : null,
      })),
    });
    expect(Buffer.from(file.bytes!).equals(Buffer.from(expected.png))).toBe(true);
  });
});

describe('a cohort of one pair', () => {
  // User text in the name: it must not ping the channel or turn into a link in the notification either.
  const NAME = '<!channel> <https://evil.example|SSO> club';
  const TWO = [TEN[0]!, TEN[4]!]; // Maya (mentor) and Grace (mentee) share AI tools
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ users: [OWNER_USER, ...TWO], channels: CHANNELS });
    const { pairs } = await launchCohort(h, TWO, { ...COHORT_ANSWERS, name: NAME });
    expect(pairs).toHaveLength(1);
    await h.tickAt('2026-12-10T23:00:00Z');
    await h.slack.clickButton(pairs[0]!.menteeId, { channel: pairs[0]!.channel }, 'checkin_met');
    await h.settle();
    await h.tickAt('2026-12-14T23:00:00Z'); // week 1 is over
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it('shows no meeting count, rate, week or topic, and no chart', async () => {
    const text = await ownerAsksForSummary(h);
    expect(text).toContain('1 pair');
    expect(text).toContain('Too few pairs to show meeting figures without identifying one');
    expect(text).not.toMatch(/Meetings logged \d/);
    expect(text).not.toMatch(/\d+ meetings? logged/);
    expect(text).not.toMatch(/Week 1|100%|of check-ins/);
    expect(text).not.toContain('AI tools');
    const raw = summaries(h).at(-1)!.raw;
    expect(raw).not.toMatch(/\d+ meetings? logged|of check-ins/);
    expect(
      h.fake.callsTo('files.completeUploadExternal').filter((c) => c.params.channel_id === SUMMARY_CHANNEL),
    ).toHaveLength(0);
  });

  it('escapes the cohort’s name in the notification text as in the blocks', () => {
    const raw = summaries(h).at(-1)!.raw;
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<https://evil.example|SSO>');
    expect(raw).toContain('&lt;!channel&gt; &lt;https://evil.example|SSO&gt; club');
  });
});
