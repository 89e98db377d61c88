import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import {
  COHORT_ANSWERS,
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  type Participant,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Program owners are often participants too (a senior leader who runs the program and is also a mentee).
// In their own pair they are a participant: their partner's private answers must not reach them.

const SECOND_OWNER = 'U0MENT0005'; // Grace: an owner, and a mentee in this cohort

let h: Harness;
let pairs: LaunchedPair[];
beforeEach(async () => {
  h = await startHarness({
    owners: [OWNER, SECOND_OWNER],
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ pairs } = await launchCohort(h, TEN));
});
afterEach(async () => {
  await h.stop();
});

const ownPair = () => pairs.find((p) => p.menteeId === SECOND_OWNER)!;

describe('an owner who is also in a pair', () => {
  it('never gets their partner’s reason for leaving; the other owner does', async () => {
    const pair = ownPair();
    expect(pair).toBeDefined();
    await h.slack.command(pair.mentorId, 'leave');
    await h.settle();
    await h.slack.clickButton(pair.mentorId, 'ephemeral', 'pair_leave');
    await h.settle();
    await h.slack.submitView(pair.mentorId, h.fake.lastViewOpenedFor(pair.mentorId)!, {
      reason: 'We clash, sorry.',
    });
    await h.settle();
    const toOther = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .join('\n');
    expect(toOther).toContain('We clash, sorry.');
    const toPartner = h.fake
      .dmsTo(SECOND_OWNER)
      .map((m) => seen(m))
      .join('\n');
    expect(toPartner).toContain('has had to step out');
    expect(toPartner).not.toContain('We clash');
    expect(toPartner).not.toContain('left their pair');
  });

  it('doesn’t see their own pair flagged on the dashboard', async () => {
    const pair = ownPair();
    await h.tickAt('2026-12-10T23:00:00Z');
    await h.slack.clickButton(pair.mentorId, { channel: pair.channel }, 'checkin_help');
    await h.settle();
    for (const owner of [OWNER, SECOND_OWNER]) await h.slack.openHome(owner);
    await h.settle();
    expect(seen(h.fake.homeViewOf(OWNER))).toContain('asked for help');
    expect(seen(h.fake.homeViewOf(SECOND_OWNER))).not.toContain('asked for help');
    expect(
      h.fake
        .dmsTo(SECOND_OWNER)
        .map((m) => seen(m))
        .join('\n'),
    ).not.toContain('A pair asked for help');
  });
});

describe('answers that change after matching', () => {
  it('stop the launch when a draft pair no longer follows the rules, without saying which rule', async () => {
    await h.stop();
    const five: Participant[] = [TEN[0]!, TEN[4]!];
    h = await startHarness({
      users: [OWNER_USER, ...five],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    await createCohort(h, COHORT_ANSWERS);
    for (const p of five) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    // After matching, the mentee asks not to be paired with their draft mentor.
    await h.slack.command(five[1]!.id, '');
    await h.settle();
    await h.slack.submitView(five[1]!.id, h.fake.lastViewOpenedFor(five[1]!.id)!, {
      ...five[1]!.answers,
      do_not_pair: [five[0]!.id],
    });
    await h.settle();
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
    await h.settle();
    expect(rows(h, 'SELECT state FROM cohorts')).toEqual([{ state: 'matched' }]);
    expect(h.fake.callsTo('conversations.open')).toHaveLength(0);
    const notice = seen(h.fake.view(review.id));
    expect(notice).toContain('no longer follow');
    expect(notice).not.toMatch(/asked|preference|block/i);
    // Which pair broke is not said either: that would tell who asked not to be paired with whom.
    const firstLine = notice.split('\n')[0]!;
    expect(firstLine).toContain('no longer follow');
    for (const person of five) expect(firstLine).not.toContain(person.id);
  });
});
