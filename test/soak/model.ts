// The soak's independent count of what was due. Written from the product's rules as the README and the
// cohort form state them — never from the app's own domain code — and told only what the driver did:
// when ticks ran (and how they ended), who paused and resumed when, who was deactivated when.
//
// Counted: introductions (one per pair, at launch), weekly prompts (cycles 2…N: cycle 1's comes with the
// introduction), check-ins (cycles 1…N), the fit check (each person, a day after the second prompt), the
// thank-you (each pair, the Monday after the last cycle) and the survey invitation (each person, then).
// Rules: every message goes at 09:00 on its day in the zone of the partner whose clock is behind (the short
// way round the day); a prompt or check-in may go late by up to 36 h but never once the next cycle has begun;
// a pair with someone paused gets no prompt or check-in while the pause lasts; nothing can reach a
// deactivated person; the partner of a deactivated person still gets the end-of-cohort survey (issue 10,
// finding 6).

import { DAY, HOUR } from './plan.js';

export type ItemKind = 'intro' | 'prompt' | 'checkin' | 'fit-check' | 'thanks' | 'survey';

export interface Pair {
  id: number;
  mentor: string;
  mentee: string;
}

export interface DueItem {
  key: string;
  kind: ItemKind;
  pair: Pair;
  /** The person an individual message is for (fit check, survey); null for the pair's group DM. */
  person: string | null;
  cycle: number | null;
  /** The window in which a tick may decide to send it. */
  from: number;
  until: number;
}

export interface CohortShape {
  firstMonday: string;
  weeks: number;
  promptHour: number;
  launchedAt: number;
}

/**
 * A tick that ran (or may have) as of `at` (its --at), between the world times `from` and `to`. Certain: it
 * finished normally, deciding for every pair.
 */
export interface TickRecord {
  at: number;
  from: number;
  to: number;
  certain: boolean;
}

/**
 * A pause as the app stores it: a row written (world time) in [writtenLo, writtenHi], deleted by a resume in
 * [deletedLo, deletedHi] (never: Infinity), and in force while "now" is before its end, in [untilLo, untilHi].
 */
export interface PauseSpan {
  user: string;
  writtenLo: number;
  writtenHi: number;
  deletedLo: number;
  deletedHi: number;
  untilLo: number;
  untilHi: number;
}

export type Expectation = 'must' | 'may' | 'must-not';

export interface Classified {
  item: DueItem;
  expectation: Expectation;
  why: string;
}

// ── Time zones, straight from Intl ────────────────────────────────────────────────────────────────────────

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's clock is ahead of UTC at `at`. */
export function zoneOffset(at: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** The zone whose clock is behind the other's, the short way round the day (equal: either will do). */
export function behindZone(a: string, b: string, at: number): string {
  const ahead = (((zoneOffset(at, a) - zoneOffset(at, b)) % 1440) + 1440) % 1440;
  if (ahead === 0) return a;
  return ahead <= 720 ? b : a;
}

/** The instant a clock in `timeZone` shows `date` at `hour`:00 (found by asking Intl, not by arithmetic). */
export function wallClock(date: string, hour: number, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`) + hour * HOUR;
  for (let shift = -16 * 60; shift <= 16 * 60; shift += 15) {
    const candidate = guess - shift * 60_000;
    if (zoneOffset(candidate, timeZone) === shift) return candidate;
  }
  throw new Error(`no ${date} ${hour}:00 in ${timeZone}`);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

// ── What is due ───────────────────────────────────────────────────────────────────────────────────────────

const CATCH_UP = 36 * HOUR;

export function itemKey(
  kind: ItemKind,
  pair: Pair | null,
  person: string | null,
  cycle: number | null,
): string {
  return [kind, pair ? `p${pair.id}` : '-', person ?? '-', cycle ?? '-'].join('|');
}

export function dueItems(
  cohort: CohortShape,
  pairs: readonly Pair[],
  zoneOf: (user: string) => string,
): DueItem[] {
  const items: DueItem[] = [];
  const { weeks, promptHour, firstMonday } = cohort;
  for (const pair of pairs) {
    const at = (date: string) =>
      wallClock(
        date,
        promptHour,
        behindZone(
          zoneOf(pair.mentor),
          zoneOf(pair.mentee),
          Date.parse(`${date}T${String(promptHour).padStart(2, '0')}:00:00Z`),
        ),
      );
    const prompt = (cycle: number) => at(addDays(firstMonday, 7 * (cycle - 1)));
    const checkin = (cycle: number) => at(addDays(firstMonday, 7 * (cycle - 1) + 3));
    const end = at(addDays(firstMonday, 7 * weeks));
    const next = (cycle: number) => (cycle < weeks ? prompt(cycle + 1) : end);
    const add = (kind: ItemKind, person: string | null, cycle: number | null, from: number, until: number) =>
      items.push({ key: itemKey(kind, pair, person, cycle), kind, pair, person, cycle, from, until });

    add('intro', null, null, cohort.launchedAt, Number.POSITIVE_INFINITY);
    for (let cycle = 1; cycle <= weeks; cycle++) {
      if (cycle > 1)
        add('prompt', null, cycle, prompt(cycle), Math.min(prompt(cycle) + CATCH_UP, next(cycle)));
      add('checkin', null, cycle, checkin(cycle), Math.min(checkin(cycle) + CATCH_UP, next(cycle)));
    }
    const fitFrom = Math.max(prompt(2) + DAY, cohort.launchedAt + 7 * DAY);
    for (const person of [pair.mentor, pair.mentee]) {
      add('fit-check', person, null, fitFrom, end);
      add('survey', person, null, end, Number.POSITIVE_INFINITY);
    }
    add('thanks', null, null, end, Number.POSITIVE_INFINITY);
  }
  return items;
}

// ── Given what happened, what must (not) have arrived ───────────────────────────────────────────────────────

type PauseState = 'paused' | 'unpaused' | 'unsure';

/** Whether a tick saw any of `users` paused: the row was there while it ran, and its end was after "now". */
export function pauseState(
  spans: readonly PauseSpan[],
  users: readonly string[],
  tick: TickRecord,
): PauseState {
  let state: PauseState = 'unpaused';
  for (const span of spans) {
    if (!users.includes(span.user)) continue;
    const there = span.writtenHi <= tick.from && span.deletedLo >= tick.to;
    if (there && tick.at < span.untilLo) return 'paused';
    const absent = span.writtenLo >= tick.to || span.deletedHi <= tick.from || tick.at >= span.untilHi;
    if (!absent) state = 'unsure';
  }
  return state;
}

/** Whether `user` was certainly paused at world time `at` (for messages that arrived then). */
export function pausedAt(span: PauseSpan, at: number): boolean {
  return span.writtenHi < at && at < span.deletedLo && at < span.untilLo;
}

/**
 * must: some tick that finished normally ran inside the window while the people concerned were certainly not
 * paused (and long enough before any deactivation for the message to get through); must-not: no tick that
 * could have sent it ran inside the window while they weren't paused and were still reachable; may: the rest
 * (a killed tick was the only chance, a pause began or ended during the tick, a deactivation came soon after).
 */
export function classify(
  item: DueItem,
  ticks: readonly TickRecord[],
  pauses: readonly PauseSpan[],
  deactivatedAt: ReadonlyMap<string, number>,
): Classified {
  const { pair } = item;
  const members = [pair.mentor, pair.mentee];
  const recipients = item.person ? [item.person] : members;
  const partner = item.person ? members.find((m) => m !== item.person)! : null;
  const gone = Math.min(...recipients.map((u) => deactivatedAt.get(u) ?? Number.POSITIVE_INFINITY));
  const partnerGone = partner
    ? (deactivatedAt.get(partner) ?? Number.POSITIVE_INFINITY)
    : Number.POSITIVE_INFINITY;

  if (item.kind === 'intro') {
    return gone <= item.from
      ? { item, expectation: 'must-not', why: 'deactivated before launch' }
      : { item, expectation: 'must', why: 'queued at launch' };
  }
  // Prompts and check-ins stop while either partner is away; the rest are judged on their own recipient.
  const pauseScope = item.kind === 'prompt' || item.kind === 'checkin' ? members : recipients;
  let certain = false;
  let possible = false;
  let reachable = false;
  for (const tick of ticks) {
    if (tick.at < item.from || tick.at >= item.until) continue;
    if (tick.at >= gone) continue;
    reachable = true;
    const state = pauseState(pauses, pauseScope, tick);
    if (state === 'paused') continue;
    possible = true;
    // The fit check of someone whose partner is gone: the app may or may not still ask. "Gone" counts from
    // any moment before the tick finished: a tick that notices the deactivation mid-run ends the pair first.
    const partnerUnclear = item.kind === 'fit-check' && tick.to >= partnerGone;
    if (tick.certain && state === 'unpaused' && !partnerUnclear && tick.at + 2 * DAY < gone) certain = true;
  }
  if (certain) {
    return { item, expectation: 'must', why: 'a completed tick ran in its window while it was due' };
  }
  if (!reachable) {
    return { item, expectation: 'must-not', why: 'its recipients could not be reached when it was due' };
  }
  // Prompts and check-ins are skipped while a partner is away. A person's own messages are only "not while
  // paused" (checked on every message), so they may still come once the pause is over.
  if (!possible && (item.kind === 'prompt' || item.kind === 'checkin')) {
    return { item, expectation: 'must-not', why: 'paused whenever a tick ran in its window' };
  }
  return {
    item,
    expectation: 'may',
    why: 'only a killed, jumped or failed tick, or a pause edge, decided it',
  };
}

/** What a delivered message is, from its text and buttons; null when the soak doesn't count its kind. */
export function identify(
  post: {
    kind: 'im' | 'mpim' | 'channel';
    members: readonly string[];
    text: string;
    values: readonly string[];
  },
  pairByMembers: (a: string, b: string) => Pair | undefined,
  pairOfPerson: (user: string) => Pair | undefined,
  /** Unused since the wrap-up is numbered like every other week; kept so callers need not change. */
  _weeks: number,
  cohortName: string,
): { key: string; kind: ItemKind | 'survey-reminder' | 'reminder' } | null {
  if (post.kind === 'mpim' && post.members.length === 2) {
    const pair = pairByMembers(post.members[0]!, post.members[1]!);
    if (!pair) return null;
    if (post.text.startsWith('Meet your reverse-mentoring partner')) {
      return { key: itemKey('intro', pair, null, null), kind: 'intro' };
    }
    // Every prompt, the wrap-up included, is "Week n of N: …".
    const week = /^Week (\d+) of \d+:/.exec(post.text);
    if (week) return { key: itemKey('prompt', pair, null, Number(week[1])), kind: 'prompt' };
    if (post.text.startsWith('Quick check-in')) {
      const value = post.values.find((v) => /^\d+:\d+$/.test(v));
      const cycle = value ? Number(value.split(':')[1]) : null;
      return { key: itemKey('checkin', pair, null, cycle), kind: 'checkin' };
    }
    if (post.text.startsWith(`${cohortName} is complete.`)) {
      return { key: itemKey('thanks', pair, null, null), kind: 'thanks' };
    }
    if (post.text.includes('How about 20 minutes this week')) {
      return { key: `reminder|p${pair.id}`, kind: 'reminder' };
    }
    return null;
  }
  if (post.kind === 'im' && post.members.length === 1) {
    const person = post.members[0]!;
    const pair = pairOfPerson(person);
    if (!pair) return null;
    if (post.text === 'Is this pairing working for you?') {
      return { key: itemKey('fit-check', pair, person, null), kind: 'fit-check' };
    }
    if (post.text.startsWith(`${cohortName} is complete — would you share`)) {
      return { key: itemKey('survey', pair, person, null), kind: 'survey' };
    }
    if (post.text.startsWith('A gentle reminder:'))
      return { key: `survey-reminder|${person}`, kind: 'survey-reminder' };
  }
  return null;
}
