// The "anonymised" CSV keeps quasi-identifiers (state, weeks, check-ins sent) that single out a row.
//
// README: the anonymised copy is for sharing more widely: "rows shuffled, no pair numbers, ids, names or teams,
// dates as ISO weeks … and none at all for fewer than 5 pairs" — "with fewer, anyone who knows the cohort could
// tell whose row is whose". But with 5 pairs of which one ended early, anyone who knows who left (their partner,
// their team) can tell whose row that is from `state`/`ended_week`/`checkins_sent`, and reads the survey answer
// of the person left behind.
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, crowd, OWNER, rows } from '../support/fixtures.js';
import type { Harness } from '../support/harness.js';
import { FIRST_CHECKINS, person, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** Six pairs, and one more mentee who waits (her topic is one no mentor offers). */
const EXTRA = person('U0CRWEXTRA', 'Extra', 'mentee', 'executive', 'Legal', ['leadership-perspectives']);
const PEOPLE = [...crowd(6), EXTRA];

async function answerSurvey(userId: string, rating: number) {
  await h.slack.clickButton(userId, 'dm', 'survey_open');
  await h.settle();
  const form = h.fake.lastViewOpenedFor(userId)!;
  await h.slack.submitView(userId, form, { rating: String(rating), again: 'yes', learned: 'fine' });
  await h.settle();
}

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

describe('the anonymised export', () => {
  it('never lets anyone who knows who was rematched pick out the new pair’s row and read their survey answers', async () => {
    h = await world([OWNER], PEOPLE);
    const { pairs } = await launchCohort(h, PEOPLE, COHORT_ANSWERS);
    expect(pairs).toHaveLength(6);
    const paired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
    const waiting = PEOPLE.find((p) => !paired.has(p.id))!.id;
    await h.tickAt(FIRST_CHECKINS);
    // One mentee leaves in week 1; the owner finds the mentor left behind a new partner (the waiting mentee).
    // Both of them, their teams, and anyone they mention it to know this pair started later than the others.
    const leaver = pairs[0]!;
    await h.slack.openHome(leaver.menteeId);
    await h.settle();
    await h.slack.clickButton(leaver.menteeId, 'home', 'pair_leave');
    await h.settle();
    await h.slack.submitView(leaver.menteeId, h.fake.lastViewOpenedFor(leaver.menteeId)!, { reason: '' });
    await h.settle();
    await h.slack.clickButton(OWNER, 'dm', 'pair_rematch');
    await h.settle();
    const rematched = rows<{ mentor_id: string; mentee_id: string }>(
      h,
      "SELECT mentor_id, mentee_id FROM pairs WHERE state = 'active' AND mentee_id = ?",
      waiting,
    );
    expect(rematched).toEqual([{ mentor_id: leaver.mentorId, mentee_id: waiting }]);
    await h.tickAt('2027-01-25T23:00:00Z'); // completed, surveys out
    // Everyone answers; the rematched mentor gives a telling 1, their new mentee a 2; everyone else a 5.
    const everyone = PEOPLE.map((p) => p.id).filter((id) => id !== leaver.menteeId);
    for (const id of everyone) {
      if (!h.fake.dmsTo(id).some((m) => JSON.stringify(m.blocks ?? []).includes('survey_open'))) continue;
      await answerSurvey(id, id === leaver.mentorId ? 1 : id === waiting ? 2 : 5);
    }
    await h.slack.command(OWNER, 'export');
    await h.settle();
    await h.slack.clickButton(OWNER, 'dm', 'cohort_export_anonymised');
    await h.settle();
    const anonymised = csvFilesTo(OWNER).find((f) => f.name.includes('anonymised'));
    expect(anonymised).toBeDefined();
    const header = anonymised!.lines[0]!.split(',');
    const records = anonymised!.lines
      .slice(1)
      .map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    // The rematched pair started later than the others: anyone who knows the story could pick its row out by
    // when it ran. No row may stand out that way while carrying survey answers.
    const alike = new Map<string, number>();
    const key = (r: Record<string, string | undefined>) => [r.state, r.launched_week, r.ended_week].join('|');
    for (const r of records) alike.set(key(r), (alike.get(key(r)) ?? 0) + 1);
    for (const r of records) {
      const answers = [r.mentor_rating, r.mentee_rating, r.mentor_would_again, r.mentee_would_again];
      if (answers.some((a) => a !== '')) {
        expect(
          alike.get(key(r)),
          `a row that stands out carries answers: ${JSON.stringify(r)}`,
        ).toBeGreaterThanOrEqual(3);
      }
    }
    expect(records.some((r) => r.mentor_rating === '1' && r.mentee_rating === '2')).toBe(false);
  });
});
