import { afterEach, describe, expect, it } from 'vitest';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER, OWNER_USER, rows, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

const PRIVATE = 'C0PRIVATE1';
const PUBLIC_NOT_JOINED = 'C0PUBLIC01';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(summaryChannel: string): Promise<{ pairs: LaunchedPair[]; cohortId: number }> {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [
      { id: PRIVATE, name: 'leadership-private', isPrivate: true, botIsMember: false },
      { id: PUBLIC_NOT_JOINED, name: 'mentoring-news', botIsMember: false },
    ],
  });
  return launchCohort(h, TEN, { ...COHORT_ANSWERS, summary_channel: summaryChannel });
}

const ownerDms = () => h.fake.dmsTo(OWNER).map((m) => seen(m));

describe('posting summaries where the bot is not a member', () => {
  it('joins a public channel by itself', async () => {
    await start(PUBLIC_NOT_JOINED);
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    expect(h.fake.callsTo('conversations.join').map((c) => c.params.channel)).toEqual([PUBLIC_NOT_JOINED]);
    expect(
      h.fake
        .messages(PUBLIC_NOT_JOINED)
        .map((m) => seen(m))
        .join('\n'),
    ).toMatch(/winter 2026/i);
  });

  it('tells owners how to invite it to a private channel, and keeps the summary retryable', async () => {
    const { cohortId } = await start(PRIVATE);
    // Slack answers not_in_channel, and a private channel can't be joined by the bot itself.
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' }, { match: (p) => p.channel === PRIVATE });
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    expect(rows(h, "SELECT state, error_code FROM outbox WHERE kind = 'summary'")).toEqual([
      { state: 'failed', error_code: 'not_in_channel' },
    ]);
    const advice = ownerDms().find((t) => t.includes('could not be delivered'))!;
    expect(advice).toContain('/invite @Reverse Mentor');
    expect(advice).toContain(PRIVATE);

    // Someone invites the bot; the owner presses "Retry failed messages" on the Home tab.
    h.fake.inviteBot(PRIVATE);
    await h.slack.openHome(OWNER);
    await h.settle();
    expect(seen(h.fake.homeViewOf(OWNER))).toContain('[ Retry failed messages ]');
    await h.slack.clickButton(OWNER, 'home', 'delivery_retry');
    await h.settle();
    expect(rows(h, "SELECT state FROM outbox WHERE kind = 'summary' AND cohort_id = ?", cohortId)).toEqual([
      { state: 'sent' },
    ]);
    expect(
      h.fake
        .messages(PRIVATE)
        .map((m) => seen(m))
        .join('\n'),
    ).toMatch(/winter 2026/i);
  });

  it('explains a private channel Slack says it cannot find', async () => {
    await start(PRIVATE);
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    expect(rows(h, "SELECT error_code FROM outbox WHERE kind = 'summary'")).toEqual([
      { error_code: 'channel_not_found' },
    ]);
    expect(ownerDms().find((t) => t.includes('could not be delivered'))).toContain('/invite @Reverse Mentor');
  });
});

describe('the owners’ dashboard on the Home tab', () => {
  it('shows this week’s meeting rate, who needs attention, and who is waiting — to owners only', async () => {
    const { pairs } = await start(PUBLIC_NOT_JOINED);
    await h.tickAt('2026-12-10T23:00:00Z');
    await h.slack.clickButton(pairs[0]!.menteeId, { channel: pairs[0]!.channel }, 'checkin_met');
    await h.slack.clickButton(pairs[1]!.mentorId, { channel: pairs[1]!.channel }, 'checkin_help');
    await h.settle();
    await h.slack.openHome(OWNER);
    await h.settle();
    const home = seen(h.fake.homeViewOf(OWNER)).replace(/\s+/g, ' ');
    expect(home).toContain('This week (week 1 of 6): 25% of pairs met (1 of 4)');
    expect(home).toContain('Needs attention (1)');
    expect(home).toContain('asked for help (week 1)');
    expect(home).toContain('Waiting for a match (2)');
    expect((h.fake.homeViewOf(OWNER)?.blocks ?? []).length).toBeLessThanOrEqual(100);

    const participant = pairs[2]!.mentorId;
    await h.slack.openHome(participant);
    await h.settle();
    const theirs = seen(h.fake.homeViewOf(participant));
    expect(theirs).not.toContain('Needs attention');
    expect(theirs).not.toContain('Program owner');
    expect(theirs).toContain('your partner is');
  });

  it('“Not a fit” reaches owners, not the partner, and the owner can end the pair and rematch', async () => {
    const { pairs } = await start(PUBLIC_NOT_JOINED);
    await h.tickAt('2026-12-15T23:00:00Z');
    const [pair] = pairs;
    const fitCheck = h.fake.dmsTo(pair!.menteeId).find((m) => seen(m).includes('working for you'));
    expect(fitCheck).toBeDefined();
    await h.slack.clickButton(pair!.menteeId, 'dm', 'fit_not_fit');
    await h.settle();
    const alert = ownerDms().find((t) => t.includes('not a fit'))!;
    expect(alert).toContain(pair!.menteeId);
    expect(
      h.fake
        .dmsTo(pair!.mentorId)
        .map((m) => seen(m))
        .join('\n'),
    ).not.toContain('not a fit');
    expect(
      h.fake
        .messages(pair!.channel)
        .map((m) => seen(m))
        .join('\n'),
    ).not.toContain('not a fit');

    await h.slack.clickButton(OWNER, 'dm', 'pair_end_rematch');
    await h.settle();
    expect(rows(h, 'SELECT state, end_reason FROM pairs WHERE id = ?', pair!.id)).toEqual([
      { state: 'ended', end_reason: 'rematched' },
    ]);
    for (const id of [pair!.mentorId, pair!.menteeId]) {
      expect(
        h.fake
          .dmsTo(id)
          .map((m) => seen(m))
          .join('\n'),
      ).toContain('pairing has come to an end');
    }
    // With one mentee per mentor and every other mentor busy, only the mentor can be rematched: with one
    // of the two mentees left unmatched at launch.
    const mentorsNewPair = rows<{ mentee_id: string }>(
      h,
      "SELECT mentee_id FROM pairs WHERE mentor_id = ? AND state = 'active'",
      pair!.mentorId,
    );
    expect(mentorsNewPair).toHaveLength(1);
    expect(mentorsNewPair[0]!.mentee_id).not.toBe(pair!.menteeId);
  });
});

describe('resilience of summaries and large cohorts', () => {
  it('still posts the summary, without the chart, when the upload fails', async () => {
    await start(PUBLIC_NOT_JOINED);
    h.fake.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    expect(rows(h, "SELECT state FROM outbox WHERE kind = 'summary'")).toEqual([{ state: 'sent' }]);
    expect(
      h.fake
        .messages(PUBLIC_NOT_JOINED)
        .map((m) => seen(m))
        .join('\n'),
    ).toMatch(/winter 2026/i);
    expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(h.logs.some((l) => l.includes('summary chart could not be attached'))).toBe(true);
  });
});

describe('the summary picker', () => {
  it('asks which cohort when several have started, and each button works', async () => {
    await start(PUBLIC_NOT_JOINED);
    // A second, tiny cohort that has started too (so the picker has two choices).
    const {
      id: _id,
      state: _s,
      createdBy: _c,
      createdAt: _t,
      matchedAt: _m,
      launchedAt: _l,
      endedAt: _e,
      ...settings
    } = h.bot.services.repos.cohorts.get(1)!;
    const second = h.bot.services.repos.cohorts.create(
      { ...settings, name: 'Pilot' },
      OWNER,
      new Date('2026-11-23T10:00:00Z'),
    );
    h.bot.services.repos.cohorts.transition(second.id, ['enrolling'], 'matched');
    h.bot.services.repos.cohorts.transition(second.id, ['matched'], 'active');
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    const picker = h.fake.ephemerals({ user: OWNER }).at(-1)!;
    expect(seen(picker)).toContain('Which cohort should I summarise?');
    expect(h.fake.responses().at(-1)?.error).toBeUndefined();
    await h.slack.clickButton(OWNER, 'ephemeral', 'summary_post');
    await h.settle();
    expect(rows(h, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'summary' AND state = 'sent'")).toEqual([
      { n: 1 },
    ]);
  });
});
