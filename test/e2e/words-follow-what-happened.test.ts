import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUserInput } from '../../src/simulator/index.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import {
  OWNER,
  OWNER_USER,
  type Participant,
  participant,
  rows,
  SUMMARY_CHANNEL,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';
import { qualityProblems } from '../support/message-quality.js';

// Issue 11, items 6 and 7, through the real app: a six-week cohort of four pairs who behave differently.
//   keen   — "We met" every week;
//   some   — "We met" in weeks 1, 3 and 5, "Not yet" in the others;
//   half   — the mentee says "Not yet" every week, the mentor never answers;
//   quiet  — nobody ever presses anything (its mentee is also a program owner).
// The wrap-up, the thank-you and the nudges must follow what each pair told the check-ins, and owners get one
// note per quiet pair and cycle, naming whoever is silent — never about a pair they are in themselves.

const OWNER_2 = 'U0OWNER002';
const OWNER_2_USER: FakeUserInput = { id: OWNER_2, name: 'oona', realName: 'Oona Owner', tz: 'Europe/Paris' };

const PEOPLE: Participant[] = [
  participant('U0KEENMR01', 'Kit', 'Europe/London', 'mentor', 'early', 'Sales', ['ai-tools']),
  participant('U0KEENME01', 'Kay', 'America/New_York', 'mentee', 'executive', 'Finance', ['ai-tools']),
  participant('U0SOMEMR01', 'Sol', 'Asia/Kolkata', 'mentor', 'early', 'Marketing', ['social-media']),
  participant('U0SOMEME01', 'Sue', 'Europe/Berlin', 'mentee', 'executive', 'Legal', ['social-media']),
  participant('U0HALFMR01', 'Hal', 'Europe/London', 'mentor', 'early', 'Engineering', ['data-analytics']),
  participant('U0HALFME01', 'Hana', 'Asia/Tokyo', 'mentee', 'senior', 'Operations', ['data-analytics']),
  participant('U0QUIETM01', 'Quin', 'America/Chicago', 'mentor', 'early', 'People', ['digital-marketing']),
  participant(OWNER_2, 'Oona', 'Europe/Paris', 'mentee', 'executive', 'Board', ['digital-marketing']),
];

type Behaviour = 'keen' | 'some' | 'half' | 'quiet';

let h: Harness;
let pairs: Record<Behaviour, LaunchedPair>;

/** What each pair does with a check-in of a given cycle: who presses which button, if anyone. */
function answer(behaviour: Behaviour, pair: LaunchedPair, cycle: number): [string, string] | null {
  switch (behaviour) {
    case 'keen':
      return [pair.mentorId, 'checkin_met'];
    case 'some':
      return cycle % 2 === 1 ? [pair.menteeId, 'checkin_met'] : [pair.mentorId, 'checkin_not_yet'];
    case 'half':
      return [pair.menteeId, 'checkin_not_yet'];
    case 'quiet':
      return null;
  }
}

/** The check-ins in a pair's group DM, with their cycle (from the button's "pairId:cycle" value). */
function checkinsIn(channel: string): { ts: string; cycle: number }[] {
  return h.fake.messages(channel).flatMap((m) => {
    const match = /"value":"\d+:(\d+)"/.exec(JSON.stringify(m.blocks ?? []));
    return JSON.stringify(m.blocks ?? []).includes('checkin_met') && match
      ? [{ ts: m.ts, cycle: Number(match[1]) }]
      : [];
  });
}

function sentTo(pair: LaunchedPair): string[] {
  return h.fake.messages(pair.channel).map((m) => seen(m));
}

function ownerNotes(owner: string): string[] {
  return h.fake
    .dmsTo(owner)
    .map((m) => seen(m))
    .filter((t) => t.includes('may need a nudge'));
}

beforeAll(async () => {
  h = await startHarness({
    owners: [OWNER, OWNER_2],
    users: [OWNER_USER, OWNER_2_USER, ...PEOPLE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  const launched = await launchCohort(h, PEOPLE);
  expect(launched.pairs).toHaveLength(4);
  // The pair the second owner is in stays silent: the privacy rule is tested on the pair owners hear most about.
  const quiet = launched.pairs.find((p) => p.menteeId === OWNER_2 || p.mentorId === OWNER_2)!;
  const [keen, some, half] = launched.pairs.filter((p) => p !== quiet) as [
    LaunchedPair,
    LaunchedPair,
    LaunchedPair,
  ];
  pairs = { keen, some, half, quiet };

  // Every six hours from the cohort's first Monday until well after its end (a cron runs more often; every
  // message stays due for longer than that); after each tick, each pair answers the check-ins it was just sent.
  const answered = new Set<string>();
  const start = Date.parse('2026-12-06T00:00:00Z');
  const end = Date.parse('2027-01-27T00:00:00Z');
  for (let at = start; at <= end; at += 6 * 3_600_000) {
    await h.tickAt(new Date(at));
    for (const [behaviour, pair] of Object.entries(pairs) as [Behaviour, LaunchedPair][]) {
      for (const checkin of checkinsIn(pair.channel)) {
        if (answered.has(checkin.ts)) continue;
        answered.add(checkin.ts);
        const click = answer(behaviour, pair, checkin.cycle);
        if (!click) continue;
        await h.slack.clickButton(click[0], { channel: pair.channel, ts: checkin.ts }, click[1]);
        await h.settle();
      }
    }
  }
}, 180_000);

afterAll(async () => {
  await h?.stop();
});

describe('the wrap-up follows what the pair told the check-ins', () => {
  const wrapUp = (pair: LaunchedPair) => {
    const found = sentTo(pair).filter((t) => t.startsWith('WEEK 6 OF 6:'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('thanks a pair that met every week for making the time', () => {
    expect(wrapUp(pairs.keen)).toContain(
      'You told me you met every week so far; thank you for making the time.',
    );
  });

  it('counts the weeks a pair met when it met in some of them', () => {
    expect(wrapUp(pairs.some)).toContain('You told me you met in 3 of the 5 weeks so far');
  });

  it('does not thank a pair for meeting when it never said it met, and leaves the door open', () => {
    for (const pair of [pairs.half, pairs.quiet]) {
      const text = wrapUp(pair);
      expect(text).not.toMatch(/you told me you met|week after week|showing up/i);
      expect(text).toContain("I haven't yet heard that you two managed to meet, and that's all right");
      expect(text).toContain('one half hour this week is still worth having');
    }
  });
});

describe('the thank-you follows what the pair told the check-ins', () => {
  const thanks = (pair: LaunchedPair) => {
    const found = sentTo(pair).filter((t) => t.includes(' is complete.'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('thanks the pair that met every week for keeping it going, week after week', () => {
    expect(thanks(pairs.keen)).toContain(
      'Winter 2026 is complete. You told me you met every week: thank you for keeping it going, week after week.',
    );
  });

  it('says how often the pair that met some weeks met, without "week after week"', () => {
    const text = thanks(pairs.some);
    expect(text).toContain('You told me you met in 3 of the 6 weeks: thank you for making the time.');
    expect(text).not.toContain('week after week');
  });

  it('never thanks a pair that never said it met for showing up', () => {
    for (const pair of [pairs.half, pairs.quiet]) {
      const text = thanks(pair);
      expect(text).not.toMatch(/week after week|you told me you met|making the time|sharing what you know/i);
      expect(text).toContain("I never heard that you two managed to meet, and that's all right");
    }
  });
});

describe('nudges', () => {
  const reminders = (pair: LaunchedPair) => sentTo(pair).filter((t) => t.includes('20 minutes this week'));

  it('say "I haven\'t heard whether you met" to a pair nobody answered for, never "you haven\'t managed to meet"', () => {
    expect(reminders(pairs.quiet)).toHaveLength(1);
    expect(reminders(pairs.quiet)[0]).toContain(
      "it's been a little while, and I haven't heard whether you met.",
    );
    for (const pair of Object.values(pairs)) {
      expect(sentTo(pair).join('\n')).not.toContain("haven't managed to meet");
    }
  });

  it('say what they did hear to a pair that answered "Not yet"', () => {
    expect(reminders(pairs.half)).toHaveLength(1);
    expect(reminders(pairs.half)[0]).toContain('you told me “not yet” at a recent check-in.');
    expect(reminders(pairs.half)[0]).not.toContain("I haven't heard whether you met");
  });

  it('go to no pair that said it met', () => {
    expect(reminders(pairs.keen)).toEqual([]);
    expect(reminders(pairs.some)).toEqual([]);
  });
});

describe('owners hear about a silent pair once per cycle, naming whoever is silent', () => {
  it('get one note about a pair whose partners are both silent, naming both', () => {
    const { mentorId, menteeId } = pairs.quiet;
    const about = ownerNotes(OWNER).filter((t) => t.includes(`@${mentorId}`));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain(`Neither @${mentorId} nor @${menteeId} has answered the last three check-ins`);
  });

  it('get one note about a pair where one partner is silent, naming only them as silent', () => {
    const { mentorId, menteeId } = pairs.half;
    const about = ownerNotes(OWNER).filter((t) => t.includes(`@${mentorId}`));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain(`@${mentorId} hasn't answered the last three check-ins`);
    expect(about[0]).toContain(`their partner is @${menteeId}`);
    expect(about[0]).not.toContain('Neither');
  });

  it('get no note about the pairs that answered', () => {
    expect(ownerNotes(OWNER)).toHaveLength(2);
  });

  it('still keep one flag per silent person, as the dashboard reads them', () => {
    const flags = rows<{ user_id: string }>(
      h,
      "SELECT user_id FROM flags WHERE kind = 'at-risk' ORDER BY user_id",
    ).map((f) => f.user_id);
    expect(flags).toEqual([pairs.quiet.mentorId, pairs.quiet.menteeId, pairs.half.mentorId].sort());
  });

  it('never tell an owner about the pair they are in, but do tell them about the others', () => {
    const notes = ownerNotes(OWNER_2);
    expect(notes.filter((t) => t.includes(`@${pairs.quiet.mentorId}`) || t.includes(`@${OWNER_2}`))).toEqual(
      [],
    );
    expect(notes.filter((t) => t.includes(`@${pairs.half.mentorId}`))).toHaveLength(1);
  });
});

describe('everything the cohort was sent', () => {
  it('reads well: no sentence twice, no raw ids, no "undefined", a notification that matches', () => {
    const names = new Map<string, string>(
      [OWNER_USER, OWNER_2_USER, ...PEOPLE].map((p) => [p.id, p.realName ?? p.name]),
    );
    names.set(SUMMARY_CHANNEL, 'reverse-mentoring');
    const messages = [
      ...Object.values(pairs).flatMap((p) => h.fake.messages(p.channel)),
      ...[OWNER, OWNER_2, ...PEOPLE.map((p) => p.id)].flatMap((id) => h.fake.dmsTo(id)),
    ];
    expect(messages.length).toBeGreaterThan(50);
    const problems = messages.flatMap((m) =>
      qualityProblems(m, { names }).map((p) => `${p}\n  in: ${seen(m).slice(0, 200)}`),
    );
    expect(problems).toEqual([]);
  });
});
