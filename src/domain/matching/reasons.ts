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
 * Plain-English explanations, safe to show the person and the owner: "ruled out" deliberately lumps
 * confidential preferences together with earlier pairings and never says which applied.
 */
export const UNMATCHED_REASON_MESSAGES: Readonly<Record<UnmatchedReason, string>> = Object.freeze({
  'no-earlier-stage-mentor': 'No mentor at an earlier career stage joined this cohort.',
  'no-later-stage-mentee': 'No mentee at a later career stage joined this cohort.',
  'all-partners-ruled-out':
    'Everyone who could have been a match was ruled out this time (an earlier pairing or a private preference).',
  'mentor-places-full':
    'There were more mentees than mentor places this time: the mentors who would suit them were all full.',
  'mentees-all-paired':
    'No mentee was left for them this time: everyone they could help was paired with someone else.',
});

export function describeUnmatched(reason: UnmatchedReason): string {
  return UNMATCHED_REASON_MESSAGES[reason];
}
