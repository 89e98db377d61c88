// "Delete my profile and answers": what of a person's words still remains afterwards.
//
// README: erases "in every table: the profile (topics, team, goals) … the 'why you two' reasons and the prompt plans
// of their pairs; and the text of every stored message that carried any of it". Issue 9: "remove or irreversibly
// redact every piece of that person's free text and answers, in every table".
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { rows, TEN } from '../support/fixtures.js';
import type { Harness } from '../support/harness.js';
import { allTables, FIRST_CHECKINS, rawDatabaseBytes, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const GRACE = TEN[4]!; // mentee: AI tools, data

async function deleteMyData(userId: string) {
  await h.slack.command(userId, 'leave');
  await h.settle();
  await h.slack.clickButton(userId, 'ephemeral', 'leave_confirm');
  await h.settle();
}

describe('deleting one’s data while in a running pair', () => {
  it('leaves no custom topic they typed in the prompt plan of their (now ended) pair', async () => {
    const CUSTOM = 'Zebra-Custom-4471 podcasting';
    h = await world();
    // Her only topic is one she typed herself.
    // Four mentors, four mentees: everyone is paired.
    const people = TEN.slice(0, 8).map((p) =>
      p.id === GRACE.id ? { ...p, answers: { ...p.answers, topics: [], other_topics: CUSTOM } } : p,
    );
    const { pairs } = await launchCohort(h, people);
    const mine = pairs.find((p) => p.menteeId === GRACE.id || p.mentorId === GRACE.id)!;
    const plan = rows<{ plan: string }>(h, 'SELECT plan FROM pairs WHERE id = ?', mine.id)[0]!.plan;
    expect(plan.toLowerCase(), 'the plan is built from her topics, the typed one included').toContain(
      'zebra-custom-4471',
    );

    await deleteMyData(GRACE.id);

    expect(rows(h, 'SELECT state FROM pairs WHERE id = ?', mine.id)).toEqual([{ state: 'ended' }]);
    // `forget` clears plans only of pairs already ended; the pair is ended *after* it, by the leave flow.
    const planAfter = rows<{ plan: string | null }>(h, 'SELECT plan FROM pairs WHERE id = ?', mine.id)[0]!
      .plan;
    expect(String(planAfter).toLowerCase(), 'her typed topic is still stored in pairs.plan').not.toContain(
      'zebra-custom-4471',
    );
    const dump = JSON.stringify(allTables(h)).toLowerCase();
    expect(dump.includes('zebra-custom-4471'), 'her typed topic is somewhere in the database').toBe(false);
  });

  it('leaves none of the deleted words readable in the database file itself (secure_delete, WAL folded in)', async () => {
    const GOALS = 'ZEBRA-GOALS-8812 learning how customers use social media';
    const REASON = 'ZEBRA-REASON-3390 my manager is pressuring me';
    h = await world();
    const people = TEN.map((p) =>
      p.id === GRACE.id ? { ...p, answers: { ...p.answers, goals: GOALS } } : p,
    );
    await launchCohort(h, people);
    await h.slack.openHome(GRACE.id);
    await h.settle();
    await h.slack.clickButton(GRACE.id, 'home', 'pair_leave');
    await h.settle();
    await h.slack.submitView(GRACE.id, h.fake.lastViewOpenedFor(GRACE.id)!, { reason: REASON });
    await h.settle();
    await deleteMyData(GRACE.id);
    // Every table is clean, as the existing test checks…
    const dump = JSON.stringify(allTables(h));
    expect(dump).not.toContain('ZEBRA-GOALS-8812');
    expect(dump).not.toContain('ZEBRA-REASON-3390');
    // …but the bytes are still in the file (and its WAL): freed pages and cells are not overwritten, and a
    // `reverse-mentor backup` (SQLite's online backup copies every page) takes them along.
    await h.stopBot(); // closes the database cleanly (checkpoints the WAL into the file)
    const raw = rawDatabaseBytes(h);
    expect(raw.includes('ZEBRA-GOALS-8812'), 'the goals are still in the database file').toBe(false);
    expect(raw.includes('ZEBRA-REASON-3390'), 'the leave reason is still in the database file').toBe(false);
  });
});

describe('deleting one’s data while waiting in a running cohort (the partner left)', () => {
  it('does not get their name and time zone back from Slack at the next tick, and is no longer enrolled', async () => {
    h = await world();
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    // The mentee leaves; the mentor is left behind, still enrolled and waiting for a new partner.
    await h.slack.openHome(pair.menteeId);
    await h.settle();
    await h.slack.clickButton(pair.menteeId, 'home', 'pair_leave');
    await h.settle();
    await h.slack.submitView(pair.menteeId, h.fake.lastViewOpenedFor(pair.menteeId)!, { reason: '' });
    await h.settle();
    const mentor = TEN.find((p) => p.id === pair.mentorId)!;
    await deleteMyData(mentor.id);
    expect(rows(h, 'SELECT display_name, time_zone FROM people WHERE id = ?', mentor.id)).toEqual([
      { display_name: mentor.id, time_zone: null },
    ]);
    await h.tickAt('2026-12-01T10:00:00Z');
    // README: their name and time zone are erased ("Slack is asked again if they come back"). They haven't.
    expect
      .soft(
        rows(h, 'SELECT display_name, time_zone FROM people WHERE id = ?', mentor.id),
        'the next tick fetched their name and zone again',
      )
      .toEqual([{ display_name: mentor.id, time_zone: null }]);
    // The leave flow only unenrols from a pair that is still active, so they also stay in the cohort.
    expect
      .soft(
        rows(h, 'SELECT COUNT(*) AS n FROM enrolments WHERE user_id = ?', mentor.id),
        'still enrolled after deleting everything',
      )
      .toEqual([{ n: 0 }]);
  });
});

describe('deleting one’s data moves figures already published in the channel', () => {
  it('a later summary shows the same weekly meeting rate: the channel learns nothing from the deletion', async () => {
    h = await world();
    const { pairs } = await launchCohort(h, TEN);
    expect(pairs.length).toBe(4);
    await h.tickAt(FIRST_CHECKINS);
    // Three of four pairs say they met in week 1 (one partner each); Grace's pair is one of them.
    const grace = pairs.find((p) => p.menteeId === GRACE.id)!;
    const others = pairs.filter((p) => p !== grace);
    for (const pair of [grace, others[0]!, others[1]!]) {
      await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_met');
      await h.settle();
    }
    // Week 1 is over everywhere; the owner posts a summary.
    h.clock.set('2026-12-14T12:00:00Z');
    await h.slack.command('U0OWNER01', 'summary');
    await h.settle();
    await h.tickAt('2026-12-14T12:01:00Z');
    const summaries = () =>
      h.fake
        .messages('C0SUMMARY1')
        .map((m) => m.text ?? '')
        .concat(
          h.fake
            .callsTo('chat.postMessage')
            .filter((c) => c.params.channel === 'C0SUMMARY1')
            .map((c) => JSON.stringify(c.params.blocks)),
        );
    const week1 = (s: string) => /Week 1: (\d+%)/.exec(s)?.[1];
    const topics = (s: string) => /Topics pairs share most\*\\n([^"]*)"/.exec(s)?.[1];
    const firstWeek1 = summaries().map(week1).find(Boolean);
    const firstTopics = summaries().map(topics).find(Boolean);
    expect(firstWeek1).toBe('75%');
    expect(firstTopics).toBeTruthy();

    // Grace deletes her data. Everyone in the cohort can see she left (her partner was told).
    await deleteMyData(GRACE.id);
    await h.slack.command('U0OWNER01', 'summary');
    await h.settle();
    await h.tickAt('2026-12-14T12:05:00Z');
    const all = summaries().map(week1).filter(Boolean);
    const allTopics = summaries().map(topics).filter(Boolean);
    // README: "a late click never moves a published number", "past totals stay right", summaries are safe
    // "next to every earlier summary". Here week 1 moves from 75% to 50%: exactly one pair's "we met" vanished.
    expect
      .soft(all.at(-1), 'the second summary re-computes a published week without the deleted answer')
      .toBe(firstWeek1);
    // Same with the topics: her pair's "why you two" reasons were blanked, so its shared topics drop out of the
    // counts — the difference is exactly what her pair had in common.
    expect.soft(allTopics.at(-1), 'the topic counts lose exactly her pair’s shared topics').toBe(firstTopics);
  });
});
