// The hard rules a pair must pass, as checks with owner-facing messages, and the past-pairs window.

import { CAREER_STAGE_LABELS, type CareerStage, careerStageRank } from '../catalogue.js';
import { sameTeam } from './scoring.js';
import type { DisplayNames, HardRuleViolation, MatchCandidate, MatchRules } from './types.js';

export function stageAllowed(
  mentorStage: CareerStage,
  menteeStage: CareerStage,
  allowSameStage: boolean,
): boolean {
  const gap = careerStageRank(menteeStage) - careerStageRank(mentorStage);
  return allowSameStage ? gap >= 0 : gap > 0;
}

/** Order-insensitive key for a pair of user ids (NUL can't occur in Slack ids). */
export function unorderedKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function isBlockedPair(
  a: Pick<MatchCandidate, 'userId' | 'blocked'>,
  b: Pick<MatchCandidate, 'userId' | 'blocked'>,
): boolean {
  return a.blocked.includes(b.userId) || b.blocked.includes(a.userId);
}

export function nameOf(userId: string, names?: DisplayNames): string {
  return names?.get(userId) ?? userId;
}

/**
 * Shown when a rule an owner can't see decides: a "don't pair me with" (from either side) or an earlier
 * pairing. Deliberately says nothing about which, who asked, or even that anyone asked.
 */
export const CONFIDENTIAL_MESSAGE = "These two can't be paired under the program's rules";

/** Shown when a pin or a hand edit would pair two people from the same team. */
export const SAME_TEAM_MESSAGE = "Same team: the cohort doesn't pair people from the same team";

/** Whether the same-team rule forbids this pair under these rules. */
export function sameTeamForbidden(
  mentor: Pick<MatchCandidate, 'team'>,
  mentee: Pick<MatchCandidate, 'team'>,
  rules: Pick<MatchRules, 'allowSameTeam'>,
): boolean {
  return rules.allowSameTeam !== true && sameTeam(mentor.team, mentee.team);
}

/**
 * Why `mentor` can't mentor `mentee`, for an owner pinning or swapping by hand; [] when the pair is fine.
 * Capacity isn't checked here: it depends on the rest of the cohort (matchCohort reports it for pins).
 *
 * Privacy: rules the owner can check for themselves (roles, career stages, teams) are named. The two they can't —
 * a confidential "don't pair me with" in either direction, and an earlier pairing — give one and the same
 * message, so a refusal never says which applied or who asked; and they are reported only when nothing
 * visible already rules the pair out, so fixing e.g. a stage mix-up reveals nothing as a side effect.
 */
export function checkHardRules(
  mentor: MatchCandidate,
  mentee: MatchCandidate,
  rules: Pick<MatchRules, 'allowSameStage' | 'pastPairs' | 'allowSameTeam'>,
  names?: DisplayNames,
): HardRuleViolation[] {
  const mentorName = nameOf(mentor.userId, names);
  const menteeName = nameOf(mentee.userId, names);
  if (mentor.userId === mentee.userId) {
    return [{ kind: 'self', message: `${mentorName} can't be paired with themself` }];
  }
  const violations: HardRuleViolation[] = [];
  if (mentor.role !== 'mentor') {
    violations.push({ kind: 'role', message: `${mentorName} signed up as a mentee, not a mentor` });
  }
  if (mentee.role !== 'mentee') {
    violations.push({ kind: 'role', message: `${menteeName} signed up as a mentor, not a mentee` });
  }
  if (!stageAllowed(mentor.careerStage, mentee.careerStage, rules.allowSameStage)) {
    const stages = `(${CAREER_STAGE_LABELS[mentor.careerStage]} vs ${CAREER_STAGE_LABELS[mentee.careerStage]})`;
    const message = rules.allowSameStage
      ? `${mentorName} (mentor) is at a later career stage than ${menteeName} ${stages}`
      : `${mentorName} (mentor) is not at an earlier career stage than ${menteeName} ${stages}`;
    violations.push({ kind: 'stage', message });
  }
  // Teams are on everyone's profile, so this rule is named like the stage rule.
  if (sameTeamForbidden(mentor, mentee, rules)) {
    violations.push({ kind: 'same-team', message: SAME_TEAM_MESSAGE });
  }
  if (violations.length > 0) return violations;
  const key = unorderedKey(mentor.userId, mentee.userId);
  if (isBlockedPair(mentor, mentee) || rules.pastPairs.some(([a, b]) => unorderedKey(a, b) === key)) {
    violations.push({ kind: 'confidential', message: CONFIDENTIAL_MESSAGE });
  }
  return violations;
}

export interface PastPairing {
  readonly mentorId: string;
  readonly menteeId: string;
  /** YYYY-MM-DD */
  readonly cohortStartedOn: string;
}

/** Days since 1970-01-01 for a strict YYYY-MM-DD date; throws on anything else (a silent NaN would drop rules). */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Expected a YYYY-MM-DD date, got "${date}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a real date: "${date}"`);
  }
  return ms / 86_400_000;
}

/**
 * The pairs that must not repeat: those from cohorts that started on or before `today` and, when
 * `windowDays` is a number, at most that many days ago. `null` (the default) means any earlier cohort.
 * Deduplicated (order-insensitive) and sorted, so the result doesn't depend on history order.
 */
export function pairsWithinWindow(
  history: readonly PastPairing[],
  windowDays: number | null,
  today: string,
): [string, string][] {
  if (windowDays !== null && (!Number.isInteger(windowDays) || windowDays < 0)) {
    throw new RangeError('windowDays must be a non-negative whole number or null');
  }
  const todayNumber = dayNumber(today);
  const seen = new Map<string, [string, string]>();
  for (const h of history) {
    const age = todayNumber - dayNumber(h.cohortStartedOn);
    if (age < 0) continue; // a cohort that hasn't started yet isn't history
    if (windowDays !== null && age > windowDays) continue;
    const key = unorderedKey(h.mentorId, h.menteeId);
    const earlier = seen.get(key);
    // The same two people in both roles over time: keep one orientation, chosen independently of order.
    if (!earlier || h.mentorId < earlier[0]) seen.set(key, [h.mentorId, h.menteeId]);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, pair]) => pair);
}
