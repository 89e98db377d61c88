import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, crowd, OWNER, OWNER_USER, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// What a CSV export lets out of Slack (GitHub issue 9). An owner who is also in a pair never gets their
// pair's row (nor, since the cohort's averages are public to them, anybody's survey answers); the DM says
// what was left out and why. Only the named file is sent by default; the anonymised copy comes on request,
// shuffled, without anything that links its rows to people or to the named file.

const PEOPLE = crowd(7);
const SECOND_OWNER = 'U0CRWE001'; // an owner, and a mentee in this cohort
// Typed by an owner: it must reach Slack as text, never as an @channel.
const COHORT_NAME = 'Winter 2026 <!channel>';
/** Each pair's survey: [mentor's rating, mentee's rating], distinct so rows can be told apart. */
const RATINGS: [number, number][] = [
  [5, 4],
  [4, 5],
  [3, 3],
  [2, 4],
  [1, 5],
  [5, 1],
  [4, 2],
];
const NAMED_HEADER =
  'cohort,pair,mentor_id,mentor_name,mentor_team,mentee_id,mentee_name,mentee_team,state,launched_on,ended_on,end_reason,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again';
const ANONYMISED_HEADER =
  'cohort,state,launched_week,ended_week,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again';

let h: Harness;
let pairs: LaunchedPair[];

async function answerSurvey(userId: string, rating: number, again: 'yes' | 'no') {
  await h.slack.clickButton(userId, 'dm', 'survey_open');
  await h.settle();
  const form = h.fake.lastViewOpenedFor(userId)!;
  expect(form.title?.text).toBe('Your feedback');
  const result = await h.slack.submitView(userId, form, {
    rating: String(rating),
    again,
    learned: `Private thoughts of ${userId}`,
  });
  expect(result.outcome?.action).toBe('closed');
  await h.settle();
}

/** CSV files uploaded to someone's DM with the bot, oldest first, as lines. */
function csvFilesTo(userId: string): { name: string; lines: string[] }[] {
  const dm = h.fake.dmChannelOf(userId);
  return h.fake
    .callsTo('files.completeUploadExternal')
    .filter((c) => c.status === 200 && c.params.channel_id === dm)
    .map((c) => {
      const file = h.fake.file((c.params.files as { id: string }[])[0]!.id)!;
      return { name: file.name ?? '', lines: file.bytes!.toString('utf8').trim().split('\r\n') };
    });
}

const dmText = (userId: string) =>
  h.fake
    .dmsTo(userId)
    .map((m) => seen(m))
    .join('\n');

/** The raw text and blocks Slack was given, of the export messages in someone's DM and their replies. */
const rawExportText = (userId: string) =>
  [...h.fake.dmsTo(userId), ...h.fake.ephemerals({ user: userId })]
    .filter((m) => /export|anonymised/i.test(m.text ?? ''))
    .map((m) => `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`)
    .join('\n');

beforeAll(async () => {
  h = await startHarness({
    owners: [OWNER, SECOND_OWNER],
    users: [OWNER_USER, ...PEOPLE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ pairs } = await launchCohort(h, PEOPLE, { ...COHORT_ANSWERS, name: COHORT_NAME }));
  expect(pairs).toHaveLength(7);
  expect(pairs.some((p) => p.menteeId === SECOND_OWNER)).toBe(true);
  await h.tickAt('2027-01-25T23:00:00Z'); // the end: cohort completed, surveys out
  expect(rows(h, 'SELECT state FROM cohorts')).toEqual([{ state: 'completed' }]);
  for (const [i, pair] of pairs.entries()) {
    const [mentorRating, menteeRating] = RATINGS[i]!;
    await answerSurvey(pair.mentorId, mentorRating, i % 2 === 0 ? 'yes' : 'no');
    await answerSurvey(pair.menteeId, menteeRating, 'yes');
  }
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const ownPair = () => pairs.find((p) => p.menteeId === SECOND_OWNER)!;

describe('an owner who is in a pair exports the cohort', () => {
  it('gets a CSV without their pair, and is told how many pairs were left out and why', async () => {
    await h.slack.command(SECOND_OWNER, 'export');
    await h.settle();
    const files = csvFilesTo(SECOND_OWNER);
    expect(files).toHaveLength(1); // the named file only: no anonymised copy unasked
    const [named] = files;
    expect(named!.lines[0]).toBe(NAMED_HEADER);
    expect(named!.lines).toHaveLength(1 + 6);
    const text = named!.lines.join('\n');
    const partner = ownPair().mentorId;
    for (const id of [SECOND_OWNER, partner]) expect(text).not.toContain(id);
    for (const name of ['Mentee001', PEOPLE.find((p) => p.id === partner)!.name]) {
      expect(text).not.toContain(name);
    }
    // No trace of the missing pair: numbered 1–6 without a gap.
    expect(named!.lines.slice(1).map((l) => l.split(',')[1])).toEqual(['1', '2', '3', '4', '5', '6']);
    // No survey answers in any row: with the cohort's averages they would give the partner's away.
    for (const line of named!.lines.slice(1)) expect(line.split(',').slice(14)).toEqual(['', '', '', '']);

    const dm = dmText(SECOND_OWNER);
    expect(dm).toContain('1 pair is left out because you are in it; another program owner can export it.');
    expect(dm).toContain('Survey answers are left out');
    const ephemeral = seen(h.fake.ephemerals({ user: SECOND_OWNER }).at(-1));
    expect(ephemeral).toContain('(6 pairs)');
    expect(ephemeral).toContain('1 pair is left out because you are in it');
  });

  it('gets the same from the Home tab’s "Export CSV"', async () => {
    const before = csvFilesTo(SECOND_OWNER).length;
    await h.slack.openHome(SECOND_OWNER);
    await h.settle();
    await h.slack.clickButton(SECOND_OWNER, 'home', 'cohort_export');
    await h.settle();
    const files = csvFilesTo(SECOND_OWNER);
    expect(files).toHaveLength(before + 1);
    expect(files.at(-1)!.lines).toHaveLength(1 + 6);
    expect(files.at(-1)!.lines.join('\n')).not.toContain(SECOND_OWNER);
  });

  it('gets an anonymised copy of the same six rows only, when asked', async () => {
    const before = csvFilesTo(SECOND_OWNER).length;
    await h.slack.clickButton(SECOND_OWNER, 'dm', 'cohort_export_anonymised');
    await h.settle();
    const files = csvFilesTo(SECOND_OWNER);
    expect(files).toHaveLength(before + 1);
    const anonymised = files.at(-1)!;
    expect(anonymised.lines[0]).toBe(ANONYMISED_HEADER);
    expect(anonymised.lines).toHaveLength(1 + 6);
    for (const line of anonymised.lines.slice(1)) expect(line.split(',').slice(6)).toEqual(['', '', '', '']);
  });
});

describe('an owner outside every pair exports the cohort', () => {
  it('gets every pair, with ratings, and only the named file', async () => {
    await h.slack.command(OWNER, 'export');
    await h.settle();
    const files = csvFilesTo(OWNER);
    expect(files).toHaveLength(1);
    const lines = files[0]!.lines;
    expect(lines).toHaveLength(1 + 7);
    const own = lines.find((l) => l.includes(SECOND_OWNER));
    expect(own, 'the pair the other owner is in').toBeDefined();
    const index = pairs.indexOf(ownPair());
    expect(own!.split(',').slice(14, 16)).toEqual(RATINGS[index]!.map(String));
    // Exact dates and end reasons are in the named file (and must not survive anonymising).
    for (const line of lines.slice(1)) expect(line).toMatch(/,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,completed,/);
    expect(lines.join('\n')).not.toContain('Private thoughts'); // never free text
    expect(dmText(OWNER)).not.toContain('left out');
    expect(dmText(OWNER)).toContain('[ Send an anonymised copy ]');
  });

  it('gets a shuffled anonymised copy on request: no pair numbers, ids, names, teams, exact dates or end reasons', async () => {
    const named = csvFilesTo(OWNER)[0]!.lines;
    // Asked twice: with seven distinct rows a real shuffle lines up with the named file once in 5,040 times.
    for (let i = 0; i < 2; i++) {
      await h.slack.clickButton(OWNER, 'dm', 'cohort_export_anonymised');
      await h.settle();
    }
    const copies = csvFilesTo(OWNER).slice(1);
    expect(copies).toHaveLength(2);
    const project = {
      // cohort, state, checkins_sent, meetings, ratings, would-again: what both files hold
      named: (l: string) => {
        const c = l.split(',');
        return [c[0], c[8], ...c.slice(12)].join(',');
      },
      anonymised: (l: string) => {
        const c = l.split(',');
        return [c[0], c[1], ...c.slice(4)].join(',');
      },
    };
    const namedRows = named.slice(1).map(project.named);
    expect(new Set(namedRows).size).toBe(7);
    for (const copy of copies) {
      expect(copy.name).toMatch(/anonymised/);
      expect(copy.lines[0]).toBe(ANONYMISED_HEADER);
      const text = copy.lines.join('\n');
      expect(text).not.toMatch(/U0CRW|Mentor0|Mentee0|completed|\d{4}-\d\d-\d\d/);
      for (const team of ['Sales', 'Engineering', 'Marketing', 'Finance', 'People', 'Operations']) {
        expect(text).not.toContain(team);
      }
      for (const line of copy.lines.slice(1)) {
        // Launched Monday 23 November 2026, ended Monday 25 January 2027: the weeks, not the days.
        expect(line.split(',').slice(2, 4)).toEqual(['2026-W48', '2027-W04']);
      }
      // The same rows as the named file …
      expect(copy.lines.slice(1).map(project.anonymised).sort()).toEqual([...namedRows].sort());
    }
    // … but not in its order.
    expect(
      copies.some((c) => c.lines.slice(1).map(project.anonymised).join('\n') !== namedRows.join('\n')),
    ).toBe(true);
  });

  it('refuses the anonymised copy to someone who is not an owner', async () => {
    const someone = pairs[2]!.mentorId;
    // A forged click on the button in the owner's DM.
    await h.slack.clickButton(someone, { channel: h.fake.dmChannelOf(OWNER)! }, 'cohort_export_anonymised');
    await h.settle();
    expect(csvFilesTo(someone)).toHaveLength(0);
    expect(
      h.fake
        .callsTo('files.completeUploadExternal')
        .filter((c) => c.params.channel_id === h.fake.dmChannelOf(someone)),
    ).toHaveLength(0);
  });

  it('escapes the cohort name in the export messages, text and blocks alike', () => {
    const raw = rawExportText(OWNER);
    for (const said of [
      'Here is the export of',
      'Sent you the export of',
      'Here is the anonymised copy of',
    ]) {
      expect(raw).toContain(said);
    }
    expect(raw).not.toContain('<!channel>');
    expect(raw).toContain('&lt;!channel&gt;');
  });
});
