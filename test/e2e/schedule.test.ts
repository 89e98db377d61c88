import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { behindZone, type LaunchedPair, launchCohort, referenceInstant } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// One 6-week weekly cohort (prompts Mondays 09:00, check-ins Thursdays 09:00, in each pair's time zone),
// played from launch to completion through the tick with an explicit "now", as an external cron would.

const WEEK = 7 * 86_400_000;
const zoneOf = new Map(TEN.map((p) => [p.id, p.tz]));
const FIRST_MONDAY = '2026-12-07';

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Expected {
  pairId: number;
  kind: 'prompt' | 'checkin' | 'thanks';
  cycle: number | null;
  at: Date;
}

function expectations(pairs: readonly LaunchedPair[]): Expected[] {
  const out: Expected[] = [];
  for (const pair of pairs) {
    const zoneOn = (date: string) =>
      behindZone(zoneOf.get(pair.mentorId)!, zoneOf.get(pair.menteeId)!, new Date(`${date}T09:00:00Z`));
    const at = (date: string) => referenceInstant(date, 9, zoneOn(date));
    for (let cycle = 1; cycle <= 6; cycle++) {
      const monday = addDays(FIRST_MONDAY, (cycle - 1) * 7);
      if (cycle > 1) out.push({ pairId: pair.id, kind: 'prompt', cycle, at: at(monday) });
      out.push({ pairId: pair.id, kind: 'checkin', cycle, at: at(addDays(monday, 3)) });
    }
    out.push({ pairId: pair.id, kind: 'thanks', cycle: null, at: at(addDays(FIRST_MONDAY, 42)) });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

let h: Harness;
let pairs: LaunchedPair[];
let cohortId: number;
let stalled: LaunchedPair;
let expected: Expected[];
const lookups: { user: string; at: number }[] = [];

beforeAll(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ cohortId, pairs } = await launchCohort(h, TEN));
  stalled = pairs[0]!;
  expected = expectations(pairs);

  // Play the cohort: at every moment something is due, tick a minute before (nothing may go early) and
  // exactly at it. After each check-in, every pair but one answers "We met".
  const instants = [...new Set(expected.map((e) => e.at.getTime()))].sort((a, b) => a - b);
  const tickAndRecordLookups = async (at: number) => {
    const before = h.fake.callsTo('users.info').length;
    await h.tickAt(new Date(at));
    for (const call of h.fake.callsTo('users.info').slice(before))
      lookups.push({ user: String(call.params.user), at });
  };
  for (const instant of instants) {
    await tickAndRecordLookups(instant - 60_000);
    const early = rows<{ n: number }>(
      h,
      "SELECT COUNT(*) AS n FROM outbox WHERE kind IN ('prompt', 'checkin', 'thanks') AND sent_at >= ?",
      instant - 60_000,
    );
    expect(early, `nothing is sent a minute before ${new Date(instant).toISOString()}`).toEqual([{ n: 0 }]);
    await tickAndRecordLookups(instant);
    for (const e of expected.filter((x) => x.at.getTime() === instant && x.kind === 'checkin')) {
      const pair = pairs.find((p) => p.id === e.pairId)!;
      if (pair.id === stalled.id) continue;
      await h.slack.clickButton(pair.mentorId, { channel: pair.channel }, 'checkin_met');
      await h.settle();
    }
  }
  // A final tick well after the end changes nothing.
  await h.tickAt(new Date(expected.at(-1)!.at.getTime() + 3 * WEEK));
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('a six-week cohort in several time zones', () => {
  it('sends each prompt, check-in and thank-you exactly once, at 09:00 in the pair’s own time zone', () => {
    const sent = rows<{
      pair_id: number;
      kind: string;
      cycle: number | null;
      sent_at: number;
      state: string;
    }>(
      h,
      "SELECT pair_id, kind, cycle, sent_at, state FROM outbox WHERE kind IN ('prompt', 'checkin', 'thanks') ORDER BY sent_at, pair_id, kind",
    );
    expect(sent.every((r) => r.state === 'sent')).toBe(true);
    const actual = sent
      .map((r) => `${r.pair_id}:${r.kind}:${r.cycle ?? '-'}@${new Date(r.sent_at).toISOString()}`)
      .sort();
    const wanted = expected
      .map((e) => `${e.pairId}:${e.kind}:${e.cycle ?? '-'}@${e.at.toISOString()}`)
      .sort();
    expect(actual).toEqual(wanted);
  });

  it('posts everything in each pair’s group DM: intro, 5 prompts ending with the wrap-up, 6 check-ins, a thank-you', () => {
    for (const pair of pairs) {
      const messages = h.fake.messages(pair.channel).map((m) => seen(m).toLowerCase());
      const count = (needle: string) => messages.filter((m) => m.includes(needle.toLowerCase())).length;
      expect(count('Welcome to Winter 2026')).toBe(1);
      for (let week = 2; week <= 5; week++) expect(count(`Week ${week} of 6`)).toBe(1);
      expect(count('Week 6 of 6: Wrap-up')).toBe(1);
      expect(count('Quick check-in') + count('Nice — you met this week')).toBe(6);
      expect(count('Thank you, both of you')).toBe(1);
      const titles = messages.filter((m) => /week \d of 6:/.test(m)).map((m) => m.split('\n')[0]);
      expect(new Set(titles).size, 'no prompt repeats within a pair').toBe(titles.length);
    }
  });

  it('records meetings from the buttons and updates the check-in message', () => {
    const meetings = rows<{ pair_id: number; n: number }>(
      h,
      "SELECT pair_id, COUNT(*) AS n FROM checkins WHERE answer = 'met' GROUP BY pair_id ORDER BY pair_id",
    );
    expect(meetings).toEqual(pairs.filter((p) => p !== stalled).map((p) => ({ pair_id: p.id, n: 6 })));
    const updated = h.fake
      .messages(pairs[1]!.channel)
      .filter((m) => seen(m).includes('Nice — you met this week'));
    expect(updated).toHaveLength(6);
    expect(seen(updated[0])).toMatch(/met/);
  });

  it('gives the pair that never met exactly one friendly reminder, and tells owners once about the pair', () => {
    const reminders = rows<{ pair_id: number; cycle: number }>(
      h,
      "SELECT pair_id, cycle FROM outbox WHERE kind = 'reminder'",
    );
    expect(reminders).toEqual([{ pair_id: stalled.id, cycle: 3 }]);
    expect(
      h.fake.messages(stalled.channel).filter((m) => seen(m).includes("I haven't heard whether you met")),
    ).toHaveLength(1);
    const flags = rows<{ user_id: string; kind: string }>(
      h,
      'SELECT user_id, kind FROM flags ORDER BY user_id',
    );
    expect(flags).toEqual(
      [stalled.mentorId, stalled.menteeId].sort().map((user_id) => ({ user_id, kind: 'at-risk' })),
    );
    // Both partners went silent: one note about the pair, naming both of them.
    const alerts = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .filter((t) => t.includes('may need a nudge'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(`Neither @${stalled.mentorId} nor @${stalled.menteeId} has answered`);
  });

  it('completes the cohort after its length', () => {
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'completed' }]);
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE cohort_id = ? AND state = 'active'", cohortId),
    ).toEqual([{ n: 0 }]);
  });

  it('asks users.info for time zones at most once a day per person, never once per message', () => {
    expect(lookups.length).toBeGreaterThan(0);
    const byPerson = new Map<string, number[]>();
    for (const { user, at } of lookups) byPerson.set(user, [...(byPerson.get(user) ?? []), at]);
    for (const [user, times] of byPerson) {
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!, `${user} looked up twice within a day`).toBeGreaterThanOrEqual(
          86_400_000,
        );
      }
    }
    const messagesSent = rows<{ n: number }>(h, "SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent'")[0]!
      .n;
    const perPerson = Math.max(...[...byPerson.values()].map((t) => t.length));
    expect(perPerson).toBeLessThan(messagesSent / pairs.length);
  });
});
