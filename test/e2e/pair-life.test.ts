import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

const FIRST_CHECKINS = '2026-12-10T23:00:00Z';
const WEEK2_PROMPTS = '2026-12-14T23:00:00Z';
const WEEK3_PROMPTS = '2026-12-21T23:00:00Z';
const WEEK4_PROMPTS = '2026-12-28T23:00:00Z';

let h: Harness;
let pairs: LaunchedPair[];
let cohortId: number;
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ cohortId, pairs } = await launchCohort(h, TEN));
});
afterEach(async () => {
  await h.stop();
});

const promptsTo = (pairId: number) =>
  rows<{ cycle: number }>(
    h,
    "SELECT cycle FROM outbox WHERE pair_id = ? AND kind = 'prompt' ORDER BY cycle",
    pairId,
  ).map((r) => r.cycle);

describe('pausing', () => {
  it('skips the pair’s prompts while someone is away, tells the partner, and picks up after', async () => {
    const [pair] = pairs;
    const me = pair!.menteeId;
    await h.slack.openHome(me);
    await h.settle();
    expect(seen(h.fake.homeViewOf(me))).toContain('[ Pause for a while ]');
    h.clock.set('2026-12-12T12:00:00Z');
    await h.slack.clickButton(me, 'home', 'self_pause');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(me)!;
    expect(form.title?.text).toBe('Take a break');
    await h.slack.submitView(me, form, { duration: '1w' });
    await h.settle();
    expect(seen(h.fake.dmsTo(pair!.mentorId).at(-1))).toContain('is taking a short break');
    expect(seen(h.fake.dmsTo(pair!.mentorId).at(-1))).not.toMatch(/holiday|reason/i);
    expect(seen(h.fake.homeViewOf(me))).toContain('[ Resume ]');

    await h.tickAt(WEEK2_PROMPTS);
    expect(promptsTo(pair!.id)).toEqual([]);
    expect(promptsTo(pairs[1]!.id)).toEqual([2]);
    await h.tickAt(WEEK3_PROMPTS);
    expect(promptsTo(pair!.id)).toEqual([3]);
  });

  it('resumes early with /reverse-mentor resume', async () => {
    const me = pairs[0]!.mentorId;
    await h.slack.command(me, 'pause 4w');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: me }).at(-1))).toContain("You're paused until");
    await h.tickAt(WEEK2_PROMPTS);
    expect(promptsTo(pairs[0]!.id)).toEqual([]);
    await h.slack.command(me, 'resume');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: me }).at(-1))).toContain('Welcome back');
    expect(seen(h.fake.dmsTo(pairs[0]!.menteeId).at(-1))).toContain('is back');
    await h.tickAt(WEEK3_PROMPTS);
    expect(promptsTo(pairs[0]!.id)).toEqual([3]);
  });

  it('explains an unknown pause length', async () => {
    await h.slack.command(pairs[0]!.mentorId, 'pause forever');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: pairs[0]!.mentorId }).at(-1))).toContain(
      "“forever” isn't a length I know",
    );
  });
});

describe('check-in buttons', () => {
  it('“We need help” tells owners privately; the partner sees nothing of it', async () => {
    const [pair] = pairs;
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(pair!.menteeId, { channel: pair!.channel }, 'checkin_help');
    await h.settle();
    const alert = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .find((t) => t.includes('A pair asked for help'));
    expect(alert).toContain(pair!.menteeId);
    expect(rows(h, "SELECT kind, user_id FROM flags WHERE kind = 'need-help'")).toEqual([
      { kind: 'need-help', user_id: pair!.menteeId },
    ]);
    const shared = h.fake
      .messages(pair!.channel)
      .map((m) => seen(m))
      .join('\n');
    expect(shared).not.toContain('asked for help');
    const privately = h.fake
      .ephemerals({ user: pair!.menteeId })
      .map((m) => seen(m))
      .join('\n');
    expect(privately).toContain("I've told the program owners privately");
  });

  it('refuses a check-in click from someone outside the pair', async () => {
    const [pair, other] = pairs;
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(other!.mentorId, { channel: pair!.channel }, 'checkin_met');
    await h.settle();
    expect(rows(h, 'SELECT * FROM checkins')).toEqual([]);
    const answer = [...h.fake.ephemerals({ user: other!.mentorId }), ...h.fake.dmsTo(other!.mentorId)]
      .map((m) => seen(m))
      .join('\n');
    expect(answer).toContain('Only the two people in this pair');
  });
});

describe('leaving a pair', () => {
  it('tells the partner kindly, gives owners the private reason, stops the pair, and rematches the partner', async () => {
    const pair = pairs[0]!;
    const leaver = pair.menteeId;
    await h.slack.openHome(leaver);
    await h.settle();
    await h.slack.clickButton(leaver, 'home', 'pair_leave');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(leaver)!;
    await h.slack.submitView(leaver, form, { reason: 'New role, no time for now.' });
    await h.settle();

    expect(rows(h, 'SELECT state, end_reason, leave_reason FROM pairs WHERE id = ?', pair.id)).toEqual([
      { state: 'ended', end_reason: 'left', leave_reason: 'New role, no time for now.' },
    ]);
    const toPartner = seen(h.fake.dmsTo(pair.mentorId).at(-1));
    expect(toPartner).toContain('has had to step out');
    expect(toPartner).not.toContain('New role');
    const alert = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .find((t) => t.includes('left their pair'))!;
    expect(alert).toContain('New role, no time for now.');
    expect(alert).toContain('[ Find a new partner ]');

    await h.tickAt(WEEK2_PROMPTS);
    expect(promptsTo(pair.id)).toEqual([]);

    // The owner finds the mentor a new mentee among the people not matched at launch.
    const unmatched = rows<{ user_id: string }>(
      h,
      'SELECT user_id FROM enrolments WHERE cohort_id = ? AND user_id NOT IN (SELECT mentor_id FROM pairs WHERE cohort_id = ? UNION SELECT mentee_id FROM pairs WHERE cohort_id = ?)',
      cohortId,
      cohortId,
      cohortId,
    ).map((r) => r.user_id);
    expect(unmatched).toHaveLength(2);
    await h.slack.clickButton(OWNER, 'dm', 'pair_rematch');
    await h.settle();
    const fresh = rows<{ id: number; mentor_id: string; mentee_id: string; group_dm_channel_id: string }>(
      h,
      "SELECT id, mentor_id, mentee_id, group_dm_channel_id FROM pairs WHERE cohort_id = ? AND state = 'active' AND mentor_id = ?",
      cohortId,
      pair.mentorId,
    );
    expect(fresh).toHaveLength(1);
    expect(unmatched).toContain(fresh[0]!.mentee_id);
    // The person who left is out of the cohort, so never offered to anyone as a new partner.
    expect(
      rows(h, 'SELECT COUNT(*) AS n FROM enrolments WHERE user_id = ? AND cohort_id = ?', leaver, cohortId),
    ).toEqual([{ n: 0 }]);
    expect(seen(h.fake.messages(fresh[0]!.group_dm_channel_id)[0])).toContain('Why you two');
    expect(JSON.stringify(h.fake.responses().at(-1)?.body)).toContain('is now paired with');

    // Pressing it again doesn't pair them twice.
    await h.slack.clickButton(OWNER, 'dm', 'pair_rematch');
    await h.settle();
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE state = 'active' AND mentor_id = ?", pair.mentorId),
    ).toEqual([{ n: 1 }]);
    await h.tickAt(WEEK4_PROMPTS);
    expect(promptsTo(fresh[0]!.id)).toEqual([4]);
  });

  it('refuses a rematch from someone who is not an owner', async () => {
    const pair = pairs[0]!;
    await h.slack.command(pair.menteeId, 'leave');
    await h.settle();
    await h.slack.clickButton(pair.menteeId, 'ephemeral', 'pair_leave');
    await h.settle();
    await h.slack.submitView(pair.menteeId, h.fake.lastViewOpenedFor(pair.menteeId)!, {});
    await h.settle();
    const ownerAlert = h.fake.dmsTo(OWNER).find((m) => seen(m).includes('left their pair'))!;
    await h.slack.clickButton(
      pair.mentorId,
      { channel: h.fake.dmChannelOf(OWNER)!, ts: ownerAlert.ts },
      'pair_rematch',
    );
    await h.settle();
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE state = 'active' AND mentor_id = ?", pair.mentorId),
    ).toEqual([{ n: 0 }]);
  });
});

describe('cancelling a running cohort', () => {
  it('stops everything queued, ends the pairs, tells everyone, and sends nothing more', async () => {
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_cancel');
    await h.settle();
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'cancelled' }]);
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE cohort_id = ? AND state = 'active'", cohortId),
    ).toEqual([{ n: 0 }]);
    for (const pair of pairs) {
      expect(seen(h.fake.dmsTo(pair.mentorId).at(-1))).toContain('have cancelled Winter 2026');
    }
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.tickAt(WEEK2_PROMPTS);
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before);
  });
});

describe('guards on the check-in buttons', () => {
  it('refuses an answer for a check-in that was never sent (a crafted payload)', async () => {
    await h.tickAt(FIRST_CHECKINS);
    const pair = pairs[0]!;
    const future = await h.bot.deps.checkins.answer(pair.mentorId, pair.id, 5, 'met');
    expect(future).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'That check-in is not one I have asked yet.',
    });
    const now = await h.bot.deps.checkins.answer(pair.mentorId, pair.id, 1, 'met');
    expect(now.ok).toBe(true);
    expect(rows(h, 'SELECT cycle FROM checkins')).toEqual([{ cycle: 1 }]);
  });
});

describe('deleting a profile after the cohort', () => {
  it('also deletes the survey answers, so nothing of theirs can be quoted', async () => {
    await h.tickAt('2027-01-25T23:00:00Z');
    const person = pairs[0]!.menteeId;
    await h.slack.clickButton(person, 'dm', 'survey_open');
    await h.settle();
    await h.slack.submitView(person, h.fake.lastViewOpenedFor(person)!, {
      rating: '5',
      again: 'yes',
      learned: 'Quote me, please.',
      quote_ok: ['yes'],
    });
    await h.settle();
    expect(rows(h, 'SELECT COUNT(*) AS n FROM surveys WHERE user_id = ?', person)).toEqual([{ n: 1 }]);
    await h.slack.command(person, 'leave');
    await h.settle();
    await h.slack.clickButton(person, 'ephemeral', 'leave_confirm');
    await h.settle();
    expect(rows(h, 'SELECT COUNT(*) AS n FROM surveys WHERE user_id = ?', person)).toEqual([{ n: 0 }]);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM fit_checks WHERE user_id = ?', person)).toEqual([{ n: 0 }]);
  });
});
