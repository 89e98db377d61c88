// Why a pair was made, as structured reasons and one readable line; and why someone wasn't matched.

import { careerStageRank, joinWithAnd, type TopicKey, topicLabel } from '../catalogue.js';
import { minutesApart, sharedTopics, teamKey } from './scoring.js';
import type { MatchCandidate, PairReason, UnmatchedReason } from './types.js';

/** Structured reasons for a pair. Built from profile fields only — never from anyone's block list. */
export function pairReasons(
  mentor: MatchCandidate,
  mentee: MatchCandidate,
  offeredTopics?: readonly TopicKey[],
): PairReason[] {
  const reasons: PairReason[] = [{ kind: 'topics', shared: sharedTopics(mentor, mentee, offeredTopics) }];
  const mentorTeam = mentor.team.trim();
  const menteeTeam = mentee.team.trim();
  if (mentorTeam !== '' && menteeTeam !== '') {
    reasons.push({
      kind: 'teams',
      mentorTeam,
      menteeTeam,
      sameTeam: teamKey(mentorTeam) === teamKey(menteeTeam),
    });
  }
  reasons.push({
    kind: 'stage-gap',
    steps: careerStageRank(mentee.careerStage) - careerStageRank(mentor.careerStage),
    mentorStage: mentor.careerStage,
    menteeStage: mentee.careerStage,
  });
  reasons.push({
    kind: 'time-zones',
    minutesApart: minutesApart(mentor.tzOffsetMinutes, mentee.tzOffsetMinutes),
  });
  return reasons;
}

function describeDistance(exactMinutes: number): string {
  const minutes = Math.round(exactMinutes);
  if (minutes === 0) return 'Same time zone';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min apart`;
  return m === 0 ? `${h} h apart` : `${h} h ${m} min apart`;
}

/**
 * One line for both people, e.g. "You both picked AI tools and Social media · Sales ↔ Engineering · 2 h apart".
 * The career-stage gap isn't spelled out: it is the premise of reverse mentoring, and labels can read as rank.
 */
export function describeReasons(reasons: readonly PairReason[]): string {
  const parts: string[] = [];
  for (const r of reasons) {
    switch (r.kind) {
      case 'topics':
        parts.push(
          r.shared.length > 0
            ? `You both picked ${joinWithAnd(r.shared.map(topicLabel))}`
            : 'No topic in common yet — a chance to explore',
        );
        break;
      case 'teams':
        parts.push(r.sameTeam ? `Both in ${r.mentorTeam}` : `${r.mentorTeam} ↔ ${r.menteeTeam}`);
        break;
      case 'time-zones':
        parts.push(describeDistance(r.minutesApart));
        break;
      case 'stage-gap':
        break;
    }
  }
  return parts.join(' · ');
}

/**
 * Plain-English explanations for owners. "The places went to others" and "a rule kept them apart" read the
 * same on purpose: telling them apart would let an owner (or an owner who is in the cohort, about themselves)
 * read a private "don't pair me with" off the list of people not matched. Every wording is true in each case
 * it covers.
 */
const NO_FREE_PARTNER =
  "No suitable partner was free this time: the places that fitted went to others, or the program's rules kept them apart.";
export const UNMATCHED_REASON_MESSAGES: Readonly<Record<UnmatchedReason, string>> = Object.freeze({
  'no-earlier-stage-mentor': 'No mentor at an earlier career stage joined this cohort.',
  'no-later-stage-mentee': 'No mentee at a later career stage joined this cohort.',
  'all-same-team':
    "Everyone who fitted on career stage is in the same team, and the cohort doesn't pair people from the same team.",
  'all-partners-ruled-out': NO_FREE_PARTNER,
  'mentor-places-full': NO_FREE_PARTNER,
  'mentees-all-paired': NO_FREE_PARTNER,
});

export function describeUnmatched(reason: UnmatchedReason): string {
  return UNMATCHED_REASON_MESSAGES[reason];
}
