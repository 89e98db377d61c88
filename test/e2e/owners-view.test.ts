import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// A whole cohort through ticks and clicks, then what owners get out of it: summaries in the channel (with
// a chart), the dashboard, the export — and what they must never get.

const CHECKIN_THURSDAYS = [
  '2026-12-10',
  '2026-12-17',
  '2026-12-24',
  '2026-12-31',
  '2027-01-07',
  '2027-01-14',
];
/** Which cycles each of the four pairs says it met in. */
const MEETINGS: number[][] = [[1, 2, 3, 4, 5, 6], [1, 2, 3], [2, 4, 6], []];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let h: Harness;
let pairs: LaunchedPair[];
let cohortId: number;

const summaries = () =>
  h.fake
    .messages(SUMMARY_CHANNEL)
    .filter((m) => seen(m).toLowerCase().includes('reverse mentoring — winter 2026'))
    // Whitespace flattened: the assertions read the text as a person would, not its layout.
    .map((m) => ({ ts: m.ts, text: seen(m).replace(/\s+/g, ' ') }));

async function answerSurvey(userId: string, answers: Record<string, string | string[]>) {
  await h.slack.clickButton(userId, 'dm', 'survey_open');
  await h.settle();
  const form = h.fake.lastViewOpenedFor(userId)!;
  expect(form.title?.text).toBe('Your feedback');
  const result = await h.slack.submitView(userId, form, answers);
  expect(result.outcome?.action).toBe('closed');
  await h.settle();
}

async function ownerAsksForSummary() {
  await h.slack.command(OWNER, 'summary Winter 2026');
  await h.settle();
}

beforeAll(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ cohortId, pairs } = await launchCohort(h, TEN));
  for (const [index, day] of CHECKIN_THURSDAYS.entries()) {
    const cycle = index + 1;
    await h.tickAt(`${day}T23:00:00Z`);
    for (const [p, pair] of pairs.entries()) {
      if (MEETINGS[p]!.includes(cycle)) {
        await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_met');
        await h.settle();
      }
    }
    if (cycle === 2) {
      // The fit check arrives a day after week 2's prompt.
      await h.tickAt('2026-12-15T23:00:00Z');
    }
    if (cycle === 3) await h.tickAt('2026-12-28T23:00:00Z'); // halfway: the summary goes out
  }
  await h.tickAt('2027-01-25T23:00:00Z'); // the end: thanks and surveys (the final summary waits a week)
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('summaries in the cohort channel', () => {
  it('posts one at halfway, automatically, with the right figures and not a word about the survey', () => {
    const posted = summaries();
    // The cohort has ended, but the final summary waits for the survey (see below).
    expect(posted).toHaveLength(1);
    const halfway = posted[0]!.text;
    expect(halfway).toMatch(/\(halfway\)/i);
    // Cycles 1–3: pairs that met 2, 3 and 2 of 4.
    expect(halfway).toContain('Week 1: 50% · Week 2: 75% · Week 3: 50%');
    expect(halfway).toContain('Meetings logged 7 · 58% of check-ins');
    expect(halfway).not.toMatch(/survey|what participants say/i);
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'completed' }]);
  });

  it('uploads a PNG chart in the summary’s thread', () => {
    const uploads = h.fake
      .callsTo('files.completeUploadExternal')
      .filter((c) => c.params.channel_id === SUMMARY_CHANNEL);
    expect(uploads).toHaveLength(1);
    for (const [i, upload] of uploads.entries()) {
      expect(upload.params.thread_ts).toBe(summaries()[i]!.ts);
      const files = upload.params.files as { id: string }[];
      const file = h.fake.file(files[0]!.id)!;
      expect([...file.bytes!.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(file.bytes!.length).toBeGreaterThan(5_000);
    }
  });

  it('never shows names, private text or the reasons behind anything', () => {
    for (const { text } of summaries()) {
      for (const person of TEN) expect(text).not.toContain(person.id);
      expect(text).not.toMatch(/would like to (share|learn)/);
    }
  });
});

describe('the end-of-cohort survey', () => {
  it('hides averages and quotes while fewer than five people have answered', async () => {
    const people = pairs.flatMap((p) => [p.mentorId, p.menteeId]);
    expect(people.every((id) => h.fake.dmsTo(id).some((m) => seen(m).includes('[ Give feedback ]')))).toBe(
      true,
    );
    for (const userId of people.slice(0, 4)) {
      await answerSurvey(userId, {
        rating: '4',
        again: 'yes',
        learned: 'Secret thoughts',
        quote_ok: ['yes'],
      });
    }
    await ownerAsksForSummary();
    const latest = summaries().at(-1)!.text;
    expect(latest).toContain('4 people answered the survey');
    expect(latest).not.toContain('Average value');
    expect(latest).not.toContain('Secret thoughts');
  });

  it('answering again updates rather than duplicates', async () => {
    const first = pairs[0]!.mentorId;
    await answerSurvey(first, {
      rating: '5',
      again: 'yes',
      learned: 'How leaders actually decide things.',
      quote_ok: ['yes'],
    });
    expect(rows(h, 'SELECT rating FROM surveys WHERE user_id = ?', first)).toEqual([{ rating: 5 }]);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM surveys')).toEqual([{ n: 4 }]);
    expect(seen(h.fake.dmsTo(first).at(-1))).toContain('Your feedback is updated');
  });

  it('shows averages from five answers, and quotes only what people allowed', async () => {
    const people = pairs.flatMap((p) => [p.mentorId, p.menteeId]);
    // Ratings now: 5, 4, 4, 4 (+ these two); would-do-again: yes ×4, + yes, no.
    await answerSurvey(people[4]!, {
      rating: '3',
      again: 'no',
      learned: 'Do not quote me on this',
      quote_ok: [],
    });
    await answerSurvey(people[5]!, { rating: '2', again: 'yes' });
    await ownerAsksForSummary();
    const latest = summaries().at(-1)!.text;
    const ratings = [5, 4, 4, 4, 3, 2];
    const average = (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1);
    expect(latest).toContain(`Average value ${average} / 5 from 6 answers`);
    expect(latest).toContain(`${Math.round((5 / 6) * 100)}% would do it again`);
    expect(latest).toContain('How leaders actually decide things.');
    expect(latest).not.toContain('Do not quote me on this');
  });

  it('refuses a score outside 1–5 in the form, saving nothing', async () => {
    const userId = pairs[3]!.menteeId;
    await h.slack.clickButton(userId, 'dm', 'survey_open');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(userId)!;
    const result = await h.slack.submitView(userId, form, { again: 'yes', learned: 'x'.repeat(10) });
    expect(result.body).toEqual({
      response_action: 'errors',
      errors: { rating: 'Choose how valuable it was, from 1 to 5.' },
    });
    expect(rows(h, 'SELECT COUNT(*) AS n FROM surveys WHERE user_id = ?', userId)).toEqual([{ n: 0 }]);
    await h.slack.closeView(userId, form);
  });

  it('reminds people who haven’t answered once, three days later', async () => {
    await h.tickAt('2027-01-29T00:00:00Z');
    await h.tickAt('2027-02-05T00:00:00Z');
    const reminded = rows<{ user_id: string }>(
      h,
      "SELECT user_id FROM outbox WHERE kind = 'survey-reminder' ORDER BY user_id",
    );
    const answered = new Set(
      rows<{ user_id: string }>(h, 'SELECT user_id FROM surveys').map((r) => r.user_id),
    );
    const expected = pairs
      .flatMap((p) => [p.mentorId, p.menteeId])
      .filter((id) => !answered.has(id))
      .sort();
    expect(reminded.map((r) => r.user_id)).toEqual(expected);
  });

  it('posts the final summary once the survey window has closed: a week after the end, with the answers', () => {
    // The cohort completed at 2027-01-25T23:00Z; the survey stayed open 7 days (SURVEY_WINDOW_DAYS).
    const finals = summaries().filter((s) => /\(final summary\)/i.test(s.text));
    expect(finals).toHaveLength(1);
    const sentAt = rows<{ sent_at: number }>(
      h,
      "SELECT sent_at FROM outbox WHERE kind = 'summary' AND json_extract(payload, '$.milestone') = 'final'",
    );
    expect(sentAt).toHaveLength(1);
    expect(sentAt[0]!.sent_at).toBeGreaterThanOrEqual(Date.parse('2027-02-01T23:00:00Z'));
    const final = finals[0]!.text;
    expect(final).toContain(
      'Week 1: 50% · Week 2: 75% · Week 3: 50% · Week 4: 50% · Week 5: 25% · Week 6: 50%',
    );
    expect(final).toContain('Meetings logged 12 · 50% of check-ins');
    expect(final).toContain('Participants 10 people · 4 pairs');
    expect(final).toContain('Waiting for a match 2');
    // The six answers given in the window (the figures an owner already posted on demand, unchanged).
    expect(final).toContain('Average value 3.7 / 5 from 6 answers');
    expect(final).not.toMatch(/no survey answers|answers yet/i);
  });
});

describe('privacy of owner tools', () => {
  it('refuses summaries and exports to people who are not owners', async () => {
    const someone = pairs[0]!.menteeId;
    const before = summaries().length;
    await h.slack.command(someone, 'summary Winter 2026');
    await h.slack.command(someone, 'export Winter 2026');
    await h.settle();
    const replies = h.fake.ephemerals({ user: someone }).map((m) => seen(m));
    expect(replies.filter((t) => t.includes('Only program owners can do that'))).toHaveLength(2);
    expect(summaries()).toHaveLength(before);
    expect(
      h.fake.callsTo('files.completeUploadExternal').filter((c) => c.params.channel_id !== SUMMARY_CHANNEL),
    ).toHaveLength(0);
    // Their help doesn't even list the owner commands.
    await h.slack.command(someone, 'help');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: someone }).at(-1))).not.toContain('/reverse-mentor export');
  });

  it('refuses a forged "Post summary" click', async () => {
    await h.slack.openHome(OWNER);
    await h.settle();
    const before = summaries().length;
    const ownerHome = h.fake.homeViewOf(OWNER)!;
    await h.slack.clickButton(pairs[1]!.mentorId, { viewId: ownerHome.id }, 'summary_post');
    await h.settle();
    expect(summaries()).toHaveLength(before);
  });
});

describe('export', () => {
  it('sends the owner the CSV with names only, and no anonymised copy of a cohort this small', async () => {
    await h.slack.command(OWNER, 'export Winter 2026');
    await h.settle();
    const dm = h.fake.dmChannelOf(OWNER)!;
    const uploads = h.fake.callsTo('files.completeUploadExternal').filter((c) => c.params.channel_id === dm);
    expect(uploads).toHaveLength(1);
    const [full] = uploads.map((u) => {
      const file = h.fake.file((u.params.files as { id: string }[])[0]!.id)!;
      return file.bytes!.toString('utf8').trim().split('\r\n');
    });
    expect(full![0]).toBe(
      'cohort,pair,mentor_id,mentor_name,mentor_team,mentee_id,mentee_name,mentee_team,state,launched_on,ended_on,end_reason,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again',
    );
    expect(full).toHaveLength(5);
    const meetings = full!.slice(1).map((line) => Number(line.split(',')[13]));
    expect(meetings).toEqual(MEETINGS.map((m) => m.length));
    // Four pairs: an "anonymised" file would not be anonymous, so none is offered.
    const said = seen(h.fake.dmsTo(OWNER).at(-1));
    expect(said).toContain('There is no anonymised copy');
    expect(said).not.toContain('[ Send an anonymised copy ]');
  });
});
