// What is due, and when: a pure function of the cohorts, pairs, people, what already happened and "now".
// The tick turns its answer into outbox rows; unique outbox keys make deciding the same thing twice harmless.

import { type Cadence, type CohortState, cadenceDays, cycleCount } from './cohort.js';
import { addDays, type IsoDate, nextWeekdayOnOrAfter, offsetMinutesAt, zonedTime } from './time.js';
import { deliveryHours, nextCommonMoment, type Someone, type WeeklyHours } from './windows.js';

export interface ScheduleCohort {
  id: number;
  state: CohortState;
  startsOn: IsoDate;
  weeks: number;
  cadence: Cadence;
  promptWeekday: number;
  promptHour: number;
  launchedAt: Date | null;
}

export interface SchedulePair {
  id: number;
  cohortId: number;
  mentorId: string;
  menteeId: string;
  /** When the pair was introduced; a pair made mid-cohort (a rematch) gets nothing from before it. */
  launchedAt: Date | null;
}

export interface SchedulePerson {
  id: string;
  /** IANA zone from users.info; null when Slack didn't say (then the cached offset is used). */
  timeZone: string | null;
  tzOffsetMinutes: number | null;
  /** When a DM may reach them: their own working hours, or the configured default; null: DELIVERY_HOURS. */
  hours?: WeeklyHours | null;
  active: boolean;
  paused: boolean;
}

/** A person as the delivery windows see them: their clock and the hours a DM may reach them. */
export function recipient(person: SchedulePerson): Someone {
  return {
    clock: { timeZone: person.timeZone, offsetMinutes: person.tzOffsetMinutes ?? 0 },
    hours: deliveryHours(person.hours),
  };
}

/** What already happened for a pair: check-in answers and the nudges sent. */
export interface PairHistory {
  /** cycle → user ids who answered the check-in (any button). */
  answered: ReadonlyMap<number, ReadonlySet<string>>;
  /** Cycles in which someone said "We met". */
  metCycles: ReadonlySet<number>;
  /** Cycles whose check-in was actually sent (paused cycles have none and don't count against anyone). */
  checkinCycles: ReadonlySet<number>;
  /** Cycles at which a stall reminder was sent. */
  reminderCycles: ReadonlySet<number>;
  /** user id → cycles at which owners were told this person seems unresponsive. */
  atRiskCycles: ReadonlyMap<string, ReadonlySet<number>>;
}

export type DueWork =
  | { kind: 'prompt'; cohortId: number; pairId: number; cycle: number; at: Date }
  | { kind: 'checkin'; cohortId: number; pairId: number; cycle: number; at: Date }
  | { kind: 'reminder'; cohortId: number; pairId: number; cycle: number; at: Date }
  | { kind: 'at-risk'; cohortId: number; pairId: number; userId: string; cycle: number; at: Date }
  | { kind: 'fit-check'; cohortId: number; pairId: number; userId: string; at: Date }
  | { kind: 'thanks'; cohortId: number; pairId: number; at: Date }
  | { kind: 'survey'; cohortId: number; pairId: number; userId: string; at: Date }
  | { kind: 'halfway-summary'; cohortId: number; at: Date }
  | { kind: 'complete'; cohortId: number; at: Date };

/** A pair's clock: a named zone (DST-aware) or, failing that, a fixed offset. */
export interface PairZone {
  timeZone: string | null;
  offsetMinutes: number;
}

const MINUTES_PER_DAY = 1440;

function offsetOf(person: SchedulePerson, at: Date): number {
  if (person.timeZone) {
    try {
      return offsetMinutesAt(at, person.timeZone);
    } catch {
      // unknown zone name: fall through to the cached offset
    }
  }
  return person.tzOffsetMinutes ?? 0;
}

/**
 * The zone whose clock is behind the other's, going the short way round the day (so London vs New York →
 * New York; Sydney vs Los Angeles → Sydney, which is five hours behind LA's tomorrow). Sending at the prompt
 * hour there means the other partner already has it later in their day, never in their night.
 */
export function pairZone(a: SchedulePerson, b: SchedulePerson, at: Date): PairZone {
  const offA = offsetOf(a, at);
  const offB = offsetOf(b, at);
  const aAheadBy = (((offA - offB) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  // b is behind a when a is ahead by at most half a day.
  const behind = aAheadBy === 0 ? (a.id <= b.id ? a : b) : aAheadBy <= MINUTES_PER_DAY / 2 ? b : a;
  return { timeZone: behind.timeZone, offsetMinutes: behind === a ? offA : offB };
}

/** The instant the pair's clock shows `date` at `hour`:00. */
export function localInstant(date: IsoDate, hour: number, zone: PairZone): Date {
  if (zone.timeZone) {
    try {
      return zonedTime(date, hour, zone.timeZone);
    } catch {
      // fall back to the fixed offset
    }
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour) - zone.offsetMinutes * 60_000);
}

/** Calendar date of the prompt for a 1-based cycle: the prompt weekday on or after the start, then every cadence. */
export function cycleDate(cohort: ScheduleCohort, cycle: number): IsoDate {
  const first = nextWeekdayOnOrAfter(cohort.startsOn, cohort.promptWeekday);
  return addDays(first, (cycle - 1) * cadenceDays(cohort.cadence));
}

/** Midway between two prompts: three days after a weekly prompt, a week after a fortnightly one. */
export function checkinDate(cohort: ScheduleCohort, cycle: number): IsoDate {
  return addDays(cycleDate(cohort, cycle), Math.floor(cadenceDays(cohort.cadence) / 2));
}

/** The day after the last cycle ends: thank-you, end-of-cohort survey, and the cohort completes. */
export function endDate(cohort: ScheduleCohort): IsoDate {
  return cycleDate(cohort, cycleCount(cohort) + 1);
}

export interface PairTimeline {
  zone: PairZone;
  prompts: Date[];
  checkins: Date[];
  end: Date;
}

/**
 * Every moment that matters for one pair. Each starts from the cohort's day and hour on the clock of the
 * partner who is behind, then moves to the first moment inside both partners' delivery windows — so a pair in
 * Singapore and Los Angeles gets its "Monday" prompt at 08:00 Tuesday / 16:00 Monday, not on a Sunday
 * evening. Worked out from the stored zones each time, so DST and a move abroad are followed. Index 0 is cycle 1.
 */
export function pairTimeline(cohort: ScheduleCohort, a: SchedulePerson, b: SchedulePerson): PairTimeline {
  // The same cohort and the same two clocks and windows give the same timeline at every tick: remembered
  // (bounded), since working each one out takes dozens of time-zone conversions.
  const key = JSON.stringify([
    cohort.startsOn,
    cohort.weeks,
    cohort.cadence,
    cohort.promptWeekday,
    cohort.promptHour,
    [a.id, a.timeZone, a.tzOffsetMinutes, a.hours ?? null],
    [b.id, b.timeZone, b.tzOffsetMinutes, b.hours ?? null],
  ]);
  const known = timelines.get(key);
  if (known) return known;
  if (timelines.size >= TIMELINES_MAX) timelines.clear();
  const timeline = computeTimeline(cohort, a, b);
  timelines.set(key, timeline);
  return timeline;
}

const timelines = new Map<string, PairTimeline>();
const TIMELINES_MAX = 20_000;

function computeTimeline(cohort: ScheduleCohort, a: SchedulePerson, b: SchedulePerson): PairTimeline {
  const cycles = cycleCount(cohort);
  const zoneAt = (date: IsoDate) =>
    pairZone(a, b, localInstant(date, cohort.promptHour, { timeZone: 'UTC', offsetMinutes: 0 }));
  const both = [recipient(a), recipient(b)];
  const nominal = (date: IsoDate) => localInstant(date, cohort.promptHour, zoneAt(date));
  const at = (date: IsoDate) => nextCommonMoment(nominal(date), both);
  const prompts: Date[] = [];
  for (let cycle = 1; cycle <= cycles; cycle++) prompts.push(at(cycleDate(cohort, cycle)));
  const end = at(endDate(cohort));
  // A check-in asks about the conversation its prompt suggested, so it never comes with that prompt: at least
  // CHECKIN_AFTER_PROMPT_MS after it, and before the next one when the two windows leave room (someone who
  // works Mondays only gets both on Monday, an hour apart, rather than the check-in with next week's prompt).
  const checkins = prompts.map((prompt, i) => {
    const earliest = new Date(prompt.getTime() + CHECKIN_AFTER_PROMPT_MS);
    const next = prompts[i + 1] ?? end;
    const midway = nextCommonMoment(
      new Date(Math.max(nominal(checkinDate(cohort, i + 1)).getTime(), earliest.getTime())),
      both,
    );
    return midway < next ? midway : nextCommonMoment(earliest, both);
  });
  return { zone: zoneAt(cycleDate(cohort, 1)), prompts, checkins, end };
}

/**
 * The pair's usual weekly prompt moment, as the introduction announces it: cycle 2's (cycle 1's kick-off
 * comes with the introduction itself), or cycle 1's for a one-cycle cohort.
 */
export function usualPromptMoment(cohort: ScheduleCohort, a: SchedulePerson, b: SchedulePerson): Date {
  const { prompts, end } = pairTimeline(cohort, a, b);
  return prompts[1] ?? prompts[0] ?? end;
}

/** The least time between a cycle's prompt and its check-in. */
export const CHECKIN_AFTER_PROMPT_MS = 60 * 60 * 1000;

export interface DecideInput {
  now: Date;
  cohorts: readonly ScheduleCohort[];
  /** Active pairs of active cohorts. */
  pairs: readonly SchedulePair[];
  people: ReadonlyMap<string, SchedulePerson>;
  history: ReadonlyMap<number, PairHistory>;
}

/**
 * How late a prompt or check-in may still go out: a bot that was down overnight catches up, but a pair
 * whose pause ended on Sunday doesn't get last Monday's prompt.
 */
export const CATCH_UP_MS = 36 * 60 * 60 * 1000;

/** Reminders need two cycles without a meeting; at-risk flags need three without a single answer. */
export const STALL_CYCLES = 2;
export const UNRESPONSIVE_CYCLES = 3;
/** Days after the last prompt-cycle starts that the end-of-cohort survey waits for before a reminder. */
export const SURVEY_REMINDER_DAYS = 3;

const EMPTY_HISTORY: PairHistory = {
  answered: new Map(),
  metCycles: new Set(),
  checkinCycles: new Set(),
  reminderCycles: new Set(),
  atRiskCycles: new Map(),
};

/**
 * Everything due at `now`. A message is due from its moment until the next cycle begins: a bot that was
 * down for an hour catches up, but nobody gets last week's prompt next week.
 */
export function decideDueWork(input: DecideInput): DueWork[] {
  const { now } = input;
  const due: DueWork[] = [];
  const byCohort = new Map<number, SchedulePair[]>();
  for (const pair of input.pairs) byCohort.set(pair.cohortId, [...(byCohort.get(pair.cohortId) ?? []), pair]);

  for (const cohort of input.cohorts) {
    if (cohort.state !== 'active') continue;
    const cycles = cycleCount(cohort);
    let latestEnd: Date | null = null;
    // Pairs in the same two zones share a timeline: computing each once keeps a 10,000-pair tick cheap.
    const timelines = new Map<string, PairTimeline>();
    for (const pair of byCohort.get(cohort.id) ?? []) {
      const mentor = input.people.get(pair.mentorId);
      const mentee = input.people.get(pair.menteeId);
      if (!mentor || !mentee) continue;
      const zoneKey = JSON.stringify([
        mentor.timeZone,
        mentor.tzOffsetMinutes,
        mentor.hours ?? null,
        mentee.timeZone,
        mentee.tzOffsetMinutes,
        mentee.hours ?? null,
      ]);
      let timeline = timelines.get(zoneKey);
      if (!timeline) {
        timeline = pairTimeline(cohort, mentor, mentee);
        timelines.set(zoneKey, timeline);
      }
      if (!latestEnd || timeline.end > latestEnd) latestEnd = timeline.end;
      // A deactivated partner stops the pair; a pause skips its messages until it ends.
      if (!mentor.active || !mentee.active) continue;
      const history = input.history.get(pair.id) ?? EMPTY_HISTORY;
      const launched = pair.launchedAt ?? new Date(0);
      const paused = mentor.paused || mentee.paused;
      const nextCycle = (cycle: number) => (cycle < cycles ? timeline.prompts[cycle]! : timeline.end);
      // Late is fine for a while (the bot was down, a pause just ended), but not days late.
      const dueWindow = (at: Date, cycle: number) =>
        now >= at && now < nextCycle(cycle) && now.getTime() < at.getTime() + CATCH_UP_MS;

      for (let cycle = 1; cycle <= cycles; cycle++) {
        const promptAt = timeline.prompts[cycle - 1]!;
        const checkinAt = timeline.checkins[cycle - 1]!;
        // Cycle 1's prompt is the kick-off, delivered with the introduction at launch.
        if (cycle > 1 && !paused && promptAt >= launched && dueWindow(promptAt, cycle)) {
          due.push({ kind: 'prompt', cohortId: cohort.id, pairId: pair.id, cycle, at: promptAt });
          due.push(...nudges(cohort.id, pair, cycle, promptAt, history));
        }
        if (!paused && checkinAt >= launched && dueWindow(checkinAt, cycle)) {
          due.push({ kind: 'checkin', cohortId: cohort.id, pairId: pair.id, cycle, at: checkinAt });
        }
        // The fit check comes a day after the second prompt: one full cycle in, while a change still helps.
        // …and never before the pair has had a week together (a rematched pair starts its own clock).
        const fitAt = Math.max(promptAt.getTime() + 86_400_000, launched.getTime() + 7 * 86_400_000);
        if (cycle === 2 && now.getTime() >= fitAt && now < timeline.end) {
          for (const userId of [pair.mentorId, pair.menteeId]) {
            due.push({ kind: 'fit-check', cohortId: cohort.id, pairId: pair.id, userId, at: promptAt });
          }
        }
      }
      if (now >= timeline.end) {
        due.push({ kind: 'thanks', cohortId: cohort.id, pairId: pair.id, at: timeline.end });
        for (const userId of [pair.mentorId, pair.menteeId]) {
          due.push({ kind: 'survey', cohortId: cohort.id, pairId: pair.id, userId, at: timeline.end });
        }
      }
    }
    const halfwayCycle = Math.floor(cycles / 2) + 1;
    const halfwayAt = localInstant(cycleDate(cohort, halfwayCycle), cohort.promptHour, {
      timeZone: 'UTC',
      offsetMinutes: 0,
    });
    const fallbackEnd = localInstant(endDate(cohort), cohort.promptHour, {
      timeZone: 'UTC',
      offsetMinutes: 0,
    });
    const completeAt = latestEnd ?? fallbackEnd;
    if (now >= halfwayAt && now < completeAt)
      due.push({ kind: 'halfway-summary', cohortId: cohort.id, at: halfwayAt });
    if (now >= completeAt) due.push({ kind: 'complete', cohortId: cohort.id, at: completeAt });
  }
  return due;
}

/** Stall reminders and at-risk flags, judged at the start of `cycle` on the cycles before it. */
function nudges(
  cohortId: number,
  pair: SchedulePair,
  cycle: number,
  at: Date,
  history: PairHistory,
): DueWork[] {
  const out: DueWork[] = [];
  const counted = [...history.checkinCycles].filter((c) => c < cycle).sort((x, y) => y - x);
  const lastMet = Math.max(0, ...[...history.metCycles].filter((c) => c < cycle));
  const recent = counted.slice(0, STALL_CYCLES);
  const stalled = recent.length === STALL_CYCLES && recent.every((c) => !history.metCycles.has(c));
  // One reminder per stall: after a reminder, the next one waits for a meeting in between.
  const remindedSinceMeeting = [...history.reminderCycles].some((c) => c > lastMet && c < cycle);
  if (stalled && !remindedSinceMeeting) out.push({ kind: 'reminder', cohortId, pairId: pair.id, cycle, at });

  const window = counted.slice(0, UNRESPONSIVE_CYCLES);
  if (window.length === UNRESPONSIVE_CYCLES) {
    // A cycle in which the pair met counts as a sign of life for both, even if only one of them clicked.
    const heardFrom = (c: number, userId: string) =>
      history.metCycles.has(c) || !!history.answered.get(c)?.has(userId);
    for (const userId of [pair.mentorId, pair.menteeId]) {
      const silent = window.every((c) => !heardFrom(c, userId));
      const lastAnswer = Math.max(0, ...counted.filter((c) => heardFrom(c, userId)));
      const flagged = [...(history.atRiskCycles.get(userId) ?? [])].some((c) => c > lastAnswer && c < cycle);
      if (silent && !flagged) out.push({ kind: 'at-risk', cohortId, pairId: pair.id, userId, cycle, at });
    }
  }
  return out;
}
