// What a cohort summary may say. Everything here is an aggregate: no names, no per-person figures, no
// private text except quotes their authors allowed — and none of that for groups small enough to guess.
//
// Summaries are posted again and again to the same channel, so a figure must be safe not only on its own but
// next to every earlier one: subtracting two summaries must never isolate one person or one pair.
// - Survey figures change only when at least MIN_ANSWERS_FOR_FEEDBACK new answers have come in since the last
//   figures made public; until then a summary repeats those (stored) figures, so two summaries either show
//   the same numbers or differ by at least that many unknown answers.
// - A week's meeting rate is shown only once the week is over, and counts only what was known when it ended:
//   later answers never move a published week, and totals only ever grow by whole newly finished weeks.
// - Nothing about meetings or topics is shown for fewer than MIN_PAIRS_FOR_RATE pairs.

import type { TopicKey } from './catalogue.js';
import { type Cadence, cadenceDays, cycleCount } from './cohort.js';
import { compareTopics } from './matching/scoring.js';
import type { SurveyPhase } from './survey-window.js';
import { addDays, type IsoDate, nextWeekdayOnOrAfter } from './time.js';

/** Below this many survey answers, averages and quotes are withheld: with four people, one answer is guessable. */
export const MIN_ANSWERS_FOR_FEEDBACK = 5;
/**
 * Meeting figures over one or two pairs would say what a particular pair did: a week's rate needs at least
 * this many pairs asked — six people or more, in line with the five-answer floor of every channel total.
 */
export const MIN_PAIRS_FOR_RATE = 3;
/** A topic is named in a summary only when at least this many pairs share it: never one pair's interests. */
export const MIN_PAIRS_PER_TOPIC = 3;
export const MAX_QUOTES = 3;
export const MAX_QUOTE_LENGTH = 280;
const TOP_TOPICS = 5;
/** The earliest time zone on earth (Kiribati, UTC+14), in minutes. */
const EARLIEST_OFFSET_MINUTES = 14 * 60;

export type Milestone = 'halfway' | 'final' | 'on-demand';

/** The parts of a cohort's calendar that say when its weeks end. */
export interface SummaryCalendar {
  startsOn: IsoDate;
  weeks: number;
  cadence: Cadence;
  /** ISO weekday of the prompts, Monday = 1. */
  promptWeekday: number;
}

/** Survey figures a summary already made public (aggregates only, never text), and when. */
export interface PublishedSurvey {
  responses: number;
  averageRating: number | null;
  wouldDoAgainShare: number | null;
  at: Date;
}

export interface SummaryInput {
  cohortName: string;
  milestone: Milestone;
  calendar: SummaryCalendar;
  /** The moment the summary is made (weeks still under way at that moment aren't shown). */
  at: Date;
  /** Enrolled people (paired or not). */
  participants: number;
  /** Pairs that were launched (still running or ended), with the topics their two members share. */
  pairs: readonly { id: number; sharedTopics: readonly TopicKey[] }[];
  /** Check-ins that reached a pair: one per pair and cycle. */
  checkinsSent: readonly { pairId: number; cycle: number; sentAt: Date }[];
  /** "We met" answers (a pair met in a cycle when either partner said so). */
  meetings: readonly { pairId: number; cycle: number; answeredAt: Date }[];
  /** People enrolled but without a pair (waiting for the next match). */
  waiting: number;
  /** Live survey answers, oldest first; `quote` is only present when its author allowed quoting. */
  surveys: readonly { rating: number; again: boolean; quote: string | null; answeredAt: Date }[];
  /** The survey figures the last summary made public, if any. */
  published: PublishedSurvey | null;
  /** Where the end-of-cohort survey stands (see survey-window.ts): before it is sent, a summary says nothing of it. */
  surveyPhase: SurveyPhase;
}

/**
 * One cycle of the cohort as the channel may see it: `none` — no check-in went out (yet); `open` — check-ins
 * are out but the week isn't over; `too-few` — over, but fewer than MIN_PAIRS_FOR_RATE pairs were asked;
 * `shown` — `rate` is public.
 */
export interface WeeklyRate {
  cycle: number;
  status: 'none' | 'open' | 'too-few' | 'shown';
  /** Share of asked pairs that met, 0..1; only when `status` is `shown`. */
  rate: number | null;
}

/** Meeting figures; `null` as a whole when the cohort has too few pairs for any of them. */
export interface MeetingFigures {
  /** "We met" over the weeks that are shown, and only those. */
  logged: number;
  /** Meetings over check-ins asked, across the shown weeks; null before a week is shown. */
  overallRate: number | null;
  weekly: WeeklyRate[];
}

export type SurveyFigures =
  /** The survey hasn't been sent: nothing to say about it (the halfway summary, or any before the end). */
  | { kind: 'not-sent' }
  /** No answers, nothing published before. */
  | { kind: 'none' }
  /** Some answers, too few to show anything but their number, nothing published before. */
  | { kind: 'withheld'; responses: number }
  /** New figures: the service records them as published before posting them. */
  | { kind: 'new'; responses: number; averageRating: number; wouldDoAgainShare: number }
  /** The figures published before, unchanged: too few new answers since to show new ones. */
  | {
      kind: 'repeat';
      /** Answers now. */
      responses: number;
      /** Answers behind the repeated figures. */
      asOf: number;
      averageRating: number | null;
      wouldDoAgainShare: number | null;
      /** New figures are shown from this many answers. */
      nextAt: number;
    };

export interface SummaryFigures {
  cohortName: string;
  milestone: Milestone;
  participants: number;
  pairs: number;
  /** Null when there are fewer than MIN_PAIRS_FOR_RATE pairs: no count, no rate, no week. */
  meetings: MeetingFigures | null;
  survey: SurveyFigures;
  /** Where the survey stood when the figures were made: the words differ once its window has closed. */
  surveyPhase: SurveyPhase;
  quotes: string[];
  /** Empty when there are fewer than MIN_PAIRS_FOR_RATE pairs (what a pair shares is a fact about that pair). */
  topTopics: { topic: TopicKey; pairs: number }[];
  waiting: number;
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

/**
 * When a cycle's check-ins stop counting for the channel: midnight at the start of the day the next cycle
 * begins (the day after the last one ends, for the last), in the earliest time zone on earth. Every pair's
 * next prompt comes after it, wherever they are, and the halfway and final summaries are sent after it.
 */
export function weekClosesAt(calendar: SummaryCalendar, cycle: number): Date {
  const first = nextWeekdayOnOrAfter(calendar.startsOn, calendar.promptWeekday);
  const next = addDays(first, cycle * cadenceDays(calendar.cadence));
  return new Date(Date.parse(`${next}T00:00:00Z`) - EARLIEST_OFFSET_MINUTES * 60_000);
}

/** Meeting figures as of `input.at`: only finished weeks, counting only what was known when each ended. */
export function meetingFigures(input: SummaryInput): MeetingFigures | null {
  if (input.pairs.length < MIN_PAIRS_FOR_RATE) return null;
  const launched = new Set(input.pairs.map((p) => p.id));
  const weekly: WeeklyRate[] = [];
  let logged = 0;
  let asked = 0;
  for (let cycle = 1; cycle <= cycleCount(input.calendar); cycle++) {
    const closes = weekClosesAt(input.calendar, cycle);
    const sent = input.checkinsSent.filter((c) => c.cycle === cycle && launched.has(c.pairId));
    if (input.at < closes) {
      weekly.push({ cycle, status: sent.some((c) => c.sentAt <= input.at) ? 'open' : 'none', rate: null });
      continue;
    }
    const askedPairs = new Set(sent.filter((c) => c.sentAt < closes).map((c) => c.pairId));
    const metPairs = new Set(
      input.meetings
        .filter((m) => m.cycle === cycle && m.answeredAt < closes && askedPairs.has(m.pairId))
        .map((m) => m.pairId),
    );
    if (askedPairs.size < MIN_PAIRS_FOR_RATE) {
      weekly.push({ cycle, status: askedPairs.size === 0 ? 'none' : 'too-few', rate: null });
      continue;
    }
    weekly.push({ cycle, status: 'shown', rate: round(metPairs.size / askedPairs.size, 4) });
    logged += metPairs.size;
    asked += askedPairs.size;
  }
  return { logged, overallRate: asked > 0 ? round(logged / asked, 4) : null, weekly };
}

/**
 * What a summary may say about the survey, given the live answers and the figures published last: new
 * figures only from MIN_ANSWERS_FOR_FEEDBACK answers and, after a first publication, only once the answers
 * have grown by MIN_ANSWERS_FOR_FEEDBACK since — otherwise the published figures again, unchanged. So changed
 * or deleted answers never show up as a change of a published figure until enough new answers arrive.
 */
export function surveyFigures(
  live: readonly { rating: number; again: boolean }[],
  published: PublishedSurvey | null,
): SurveyFigures {
  const responses = live.length;
  const enough = responses >= MIN_ANSWERS_FOR_FEEDBACK;
  if (enough && (!published || responses - published.responses >= MIN_ANSWERS_FOR_FEEDBACK)) {
    return {
      kind: 'new',
      responses,
      averageRating: round(live.reduce((s, x) => s + x.rating, 0) / responses, 1),
      wouldDoAgainShare: round(live.filter((s) => s.again).length / responses, 2),
    };
  }
  if (published) {
    return {
      kind: 'repeat',
      responses,
      asOf: published.responses,
      averageRating: published.averageRating,
      wouldDoAgainShare: published.wouldDoAgainShare,
      nextAt: Math.max(published.responses + MIN_ANSWERS_FOR_FEEDBACK, MIN_ANSWERS_FOR_FEEDBACK),
    };
  }
  return responses === 0 ? { kind: 'none' } : { kind: 'withheld', responses };
}

/** The survey figures to record as published before a summary showing `figures` is posted, if new. */
export function surveyToPublish(figures: SummaryFigures, at: Date): PublishedSurvey | null {
  const s = figures.survey;
  return s.kind === 'new'
    ? { responses: s.responses, averageRating: s.averageRating, wouldDoAgainShare: s.wouldDoAgainShare, at }
    : null;
}

/**
 * Quotes come only from live answers whose authors allowed it (a deleted answer takes its quote with it), and
 * only with MIN_ANSWERS_FOR_FEEDBACK live answers. While published figures are repeated, only answers given by
 * then can be quoted: a quote appearing between two summaries would point at whoever answered in between.
 */
function quotesFor(input: SummaryInput, survey: SurveyFigures): string[] {
  if (input.surveys.length < MIN_ANSWERS_FOR_FEEDBACK) return [];
  if (survey.kind !== 'new' && survey.kind !== 'repeat') return [];
  const cutoff = survey.kind === 'repeat' ? input.published?.at : undefined;
  return (
    input.surveys
      // Strictly before: an answer in the same millisecond may have come just after the figures.
      .filter((s) => !cutoff || s.answeredAt < cutoff)
      .map((s) => s.quote?.trim() ?? '')
      .filter((q, i, all) => q.length > 0 && all.indexOf(q) === i)
      .slice(0, MAX_QUOTES)
      .map((q) => (q.length > MAX_QUOTE_LENGTH ? `${q.slice(0, MAX_QUOTE_LENGTH - 1)}…` : q))
  );
}

function topTopicsOf(input: SummaryInput): { topic: TopicKey; pairs: number }[] {
  if (input.pairs.length < MIN_PAIRS_FOR_RATE) return [];
  const topicCounts = new Map<TopicKey, number>();
  for (const pair of input.pairs) {
    for (const topic of new Set(pair.sharedTopics)) topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
  }
  return [...topicCounts]
    .filter(([, pairs]) => pairs >= MIN_PAIRS_PER_TOPIC)
    .sort(([a, na], [b, nb]) => nb - na || compareTopics(a, b))
    .slice(0, TOP_TOPICS)
    .map(([topic, pairs]) => ({ topic, pairs }));
}

export function summarise(input: SummaryInput): SummaryFigures {
  // The halfway summary comes before the survey by definition, even if it is delivered late.
  const surveyPhase = input.milestone === 'halfway' ? 'not-sent' : input.surveyPhase;
  const survey: SurveyFigures =
    surveyPhase === 'not-sent' ? { kind: 'not-sent' } : surveyFigures(input.surveys, input.published);
  return {
    cohortName: input.cohortName,
    milestone: input.milestone,
    participants: input.participants,
    pairs: input.pairs.length,
    meetings: meetingFigures(input),
    survey,
    surveyPhase,
    quotes: quotesFor(input, survey),
    topTopics: topTopicsOf(input),
    waiting: input.waiting,
  };
}
