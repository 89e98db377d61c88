// One success figure per finished pair, and the small conversions a service needs to fill the inputs
// from what the database stores (reasons, fit checks, check-ins, survey ratings).

import type { PairReason } from '../matching/types.js';
import type { FinishedPair, FitAnswer, PairOutcome, PairScoreParts } from './types.js';

/**
 * How much each signal counts in a pair's success. Meetings count most because they are behaviour,
 * logged every cycle, and meeting is what the programme is for; the fit check and the survey are
 * opinions (people are polite, and answer less often when it went badly), so each counts half as much.
 * Ending early is the clearest failure, but it is rare and partly caused by things outside the pair, so
 * it counts like one opinion — and it also shows in the meetings, which are counted out of the planned
 * cycles, not the ones before the end.
 */
export const SUCCESS_WEIGHTS = Object.freeze({ meetings: 0.4, fit: 0.2, survey: 0.2, stayed: 0.2 });

const FIT_VALUE: Record<FitAnswer, number> = { good: 1, unsure: 0.5, poor: 0 };

/**
 * Whether a pair has anything to learn from: a cycle has passed, someone answered, or it ended early.
 * A pair that only "didn't end early" before anything happened says nothing.
 */
export function hasOutcome(outcome: PairOutcome): boolean {
  return outcome.weeks > 0 || outcome.fit !== null || outcome.surveyRating !== null || outcome.endedEarly;
}

/**
 * The pair's success in [0, 1]: the weighted mean of the signals it has (see SUCCESS_WEIGHTS), each on
 * 0..1 — share of planned cycles with a meeting; fit good 1 / unsure ½ / poor 0; survey (rating − 1) / 4;
 * stayed to the end 1 / ended early 0. Missing signals are left out and the rest reweighted, so a pair
 * isn't marked down because nobody filled in the survey.
 */
export function pairSuccess(outcome: PairOutcome): number {
  let sum = SUCCESS_WEIGHTS.stayed * (outcome.endedEarly ? 0 : 1);
  let weight = SUCCESS_WEIGHTS.stayed;
  if (outcome.weeks > 0) {
    sum += SUCCESS_WEIGHTS.meetings * clamp01(outcome.meetingsLogged / outcome.weeks);
    weight += SUCCESS_WEIGHTS.meetings;
  }
  if (outcome.fit !== null) {
    sum += SUCCESS_WEIGHTS.fit * FIT_VALUE[outcome.fit];
    weight += SUCCESS_WEIGHTS.fit;
  }
  if (outcome.surveyRating !== null) {
    sum += SUCCESS_WEIGHTS.survey * clamp01((outcome.surveyRating - 1) / 4);
    weight += SUCCESS_WEIGHTS.survey;
  }
  return sum / weight;
}

/** Share of planned cycles with a meeting, or null when none were planned yet. */
export function meetingShare(outcome: PairOutcome): number | null {
  return outcome.weeks > 0 ? clamp01(outcome.meetingsLogged / outcome.weeks) : null;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** The pairs that have outcomes, in the order given. */
export function withOutcomes(pairs: readonly FinishedPair[]): FinishedPair[] {
  return pairs.filter((p) => hasOutcome(p.outcome));
}

/**
 * A pair's fit answer from its members' stored answers ('good' | 'unsure' | 'not_a_fit'): the worse one,
 * because a pairing only works if it works for both. null when nobody answered.
 */
export function pairFitAnswer(answers: readonly ('good' | 'unsure' | 'not_a_fit')[]): FitAnswer | null {
  if (answers.length === 0) return null;
  if (answers.includes('not_a_fit')) return 'poor';
  return answers.includes('unsure') ? 'unsure' : 'good';
}

/** Cycles with a meeting from a pair's check-ins: a cycle counts once, whichever member said "met". */
export function meetingsLogged(
  checkins: readonly { readonly cycle: number; readonly answer: string }[],
): number {
  return new Set(checkins.filter((c) => c.answer === 'met').map((c) => c.cycle)).size;
}

/** The pair's survey rating: the mean of its members' ratings, or null when neither answered. */
export function pairSurveyRating(ratings: readonly number[]): number | null {
  return ratings.length === 0 ? null : ratings.reduce((s, r) => s + r, 0) / ratings.length;
}

/**
 * Score parts from a pair's stored reasons. The waitlist isn't in the reasons (it never surfaces), so the
 * caller passes how many of the two were waitlisted when the pair was made.
 */
export function scorePartsFromReasons(reasons: readonly PairReason[], waitlistedMembers = 0): PairScoreParts {
  let sharedTopics = 0;
  let teams: PairScoreParts['teams'] = 'unknown';
  let stageGap = 1;
  let minutes = 0;
  for (const r of reasons) {
    if (r.kind === 'topics') sharedTopics = r.shared.length;
    else if (r.kind === 'teams') teams = r.sameTeam ? 'same' : 'different';
    else if (r.kind === 'stage-gap') stageGap = r.steps;
    else minutes = r.minutesApart;
  }
  return { sharedTopics, teams, stageGap, minutesApart: minutes, waitlistedMembers };
}
