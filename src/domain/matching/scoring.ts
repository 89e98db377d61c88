// How good an allowed pair is. One scoring rule, used both by the fast matrix builder and by the
// readable per-pair functions, so reported scores always equal what the solver optimised.

import { CATALOGUE_TOPICS, careerStageRank, type TopicKey } from '../catalogue.js';
import type { MatchCandidate, ScoreWeights } from './types.js';

/**
 * Default weights. Scores are integers (the solver is exact on them) and every allowed pair scores > 0.
 *
 * - base 120: a flat value per pair made. It exceeds the whole spread of the other parts of one pair
 *   (about -18..+95), so pairing one more person always beats turning any one other pair from the worst
 *   possible into the best possible; it usually beats polishing two pairs as well. Without it the
 *   optimiser could leave someone out to give two others a slightly better partner.
 * - perSharedTopic 20, up to 3 topics: shared interest is the main point of a pair, so it carries the
 *   most weight; beyond 3 the pair has plenty to talk about and more overlap shouldn't crowd others out.
 * - differentTeams 10: cross-department learning is a goal of the programme, but worth less than a topic.
 * - stageGap [0, 8, 15, 12] by steps apart: one step is good, two is the sweet spot of reverse mentoring,
 *   three (early career ↔ executive) slightly less, as the distance can make the first conversations
 *   harder. 0 only occurs when same-stage pairs are allowed.
 * - time zones: +10 when at most 6 hours apart (a shared working day is easy); beyond that, -3 for each
 *   further hour, so 12 hours apart costs 28 points against a nearby pair — about one shared topic.
 * - waitlisted 120, per member of a pair who was left unmatched last time and told they are first in
 *   line now. Like base, it exceeds the whole spread of the other parts of one pair (113 points), so it
 *   outweighs any difference in fit: whenever a waitlisted person is left out while a partner they could
 *   have had is paired with someone who isn't waitlisted (and not pinned), swapping them in raises the
 *   total. The optimum therefore never does that — with these weights the promise holds exactly, not
 *   just usually. It never costs a pair either: the bonus of someone who is matched anyway doesn't change
 *   what one more pair is worth. A whole number added after the rest is rounded, so scores stay integers
 *   and the solver exact; the largest score, 455, keeps cohort totals far inside exact range.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = Object.freeze({
  base: 120,
  perSharedTopic: 20,
  maxCountedTopics: 3,
  differentTeams: 10,
  stageGap: Object.freeze([0, 8, 15, 12]) as unknown as readonly [number, number, number, number],
  nearbyTimeZones: 10,
  comfortableHoursApart: 6,
  penaltyPerHourBeyond: 3,
  waitlisted: 120,
});

export function resolveWeights(overrides?: Partial<ScoreWeights>): ScoreWeights {
  const w = { ...DEFAULT_WEIGHTS, ...overrides };
  for (const [key, value] of Object.entries(w)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new RangeError(`weight ${key} must be a finite number`);
    }
  }
  if (w.stageGap.length !== 4) throw new RangeError('weight stageGap needs one value per gap 0..3');
  if (!Number.isInteger(w.maxCountedTopics) || w.maxCountedTopics < 0) {
    throw new RangeError('weight maxCountedTopics must be a whole number');
  }
  // A whole number keeps scores integers; a negative one would push the waitlisted back, not forward.
  if (!Number.isInteger(w.waitlisted) || w.waitlisted < 0) {
    throw new RangeError('weight waitlisted must be a whole number, 0 or more');
  }
  return w;
}

const MINUTES_PER_DAY = 24 * 60;

/**
 * Minutes between two UTC offsets the short way round the clock: what matters for meeting is how much
 * the two working days overlap, and UTC-10 and UTC+13 share most of their hours (a calendar day apart).
 */
export function minutesApart(offsetA: number, offsetB: number): number {
  const diff = Math.abs(offsetA - offsetB) % MINUTES_PER_DAY;
  return Math.min(diff, MINUTES_PER_DAY - diff);
}

/** Trimmed, case-insensitive team key; '' means the team wasn't given. */
export function teamKey(team: string): string {
  return team.trim().toLowerCase();
}

const CATALOGUE_ORDER = new Map<string, number>(CATALOGUE_TOPICS.map((t, i) => [t.id, i]));

/** Catalogue topics in catalogue order, then custom ones alphabetically: stable for messages and tests. */
export function compareTopics(a: TopicKey, b: TopicKey): number {
  const ia = CATALOGUE_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = CATALOGUE_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (ia !== ib) return ia - ib;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Topics the mentor offers that the mentee wants, limited to the cohort's offered topics when given. */
export function sharedTopics(
  mentor: Pick<MatchCandidate, 'topics'>,
  mentee: Pick<MatchCandidate, 'topics'>,
  offeredTopics?: readonly TopicKey[],
): TopicKey[] {
  const offers = new Set(mentor.topics);
  const offered = offeredTopics ? new Set(offeredTopics) : null;
  const shared = new Set<TopicKey>();
  for (const t of mentee.topics) {
    if (offers.has(t) && (!offered || offered.has(t))) shared.add(t);
  }
  return [...shared].sort(compareTopics);
}

/**
 * The score of an allowed pair from its features. The fit is rounded to an integer and never below 1, so
 * a pair is always worth making (custom weights could otherwise push it to zero or below); then the
 * waitlist bonus, a whole number, is added once per waitlisted member (0, 1 or 2).
 */
export function combineScore(
  w: ScoreWeights,
  sharedTopicCount: number,
  differentTeams: boolean,
  stageSteps: number,
  minutesBetween: number,
  waitlistedMembers = 0,
): number {
  const comfortable = w.comfortableHoursApart * 60;
  const zone =
    minutesBetween <= comfortable
      ? w.nearbyTimeZones
      : (-w.penaltyPerHourBeyond * (minutesBetween - comfortable)) / 60;
  const raw =
    w.base +
    w.perSharedTopic * Math.min(sharedTopicCount, w.maxCountedTopics) +
    (differentTeams ? w.differentTeams : 0) +
    (w.stageGap[Math.min(Math.max(stageSteps, 0), 3)] ?? 0) +
    zone;
  return Math.max(1, Math.round(raw)) + w.waitlisted * waitlistedMembers;
}

/** Whether this person was left unmatched last time and is first in line now. */
export function isWaitlisted(c: Pick<MatchCandidate, 'waitlisted'>): boolean {
  return c.waitlisted === true;
}

export function teamsDiffer(a: string, b: string): boolean {
  const ka = teamKey(a);
  const kb = teamKey(b);
  return ka !== '' && kb !== '' && ka !== kb;
}

/** True when both teams are given and are the same team (the pair the same-team rule forbids). */
export function sameTeam(a: string, b: string): boolean {
  const ka = teamKey(a);
  return ka !== '' && ka === teamKey(b);
}

/** Score of one pair, waitlist bonus included, assuming it passes the hard rules (see checkHardRules). */
export function scorePair(
  mentor: MatchCandidate,
  mentee: MatchCandidate,
  weights: ScoreWeights = DEFAULT_WEIGHTS,
  offeredTopics?: readonly TopicKey[],
): number {
  return combineScore(
    weights,
    sharedTopics(mentor, mentee, offeredTopics).length,
    teamsDiffer(mentor.team, mentee.team),
    careerStageRank(mentee.careerStage) - careerStageRank(mentor.careerStage),
    minutesApart(mentor.tzOffsetMinutes, mentee.tzOffsetMinutes),
    (isWaitlisted(mentor) ? 1 : 0) + (isWaitlisted(mentee) ? 1 : 0),
  );
}
