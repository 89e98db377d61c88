// Shapes the matcher takes and returns. Pure data: everything the matcher needs is passed in.

import type { CareerStage, Role, TopicKey } from '../catalogue.js';

export interface MatchCandidate {
  readonly userId: string;
  readonly role: Role;
  readonly topics: readonly TopicKey[];
  readonly careerStage: CareerStage;
  /** Free text; compared trimmed and case-insensitively. Blank means "not given". */
  readonly team: string;
  /** Current UTC offset in minutes (e.g. 330 for India). */
  readonly tzOffsetMinutes: number;
  /** User ids this person asked never to be paired with. Confidential: never surfaces in any message. */
  readonly blocked: readonly string[];
  /**
   * Left unmatched in an earlier cohort and promised to be first in line for this one: their pairs get
   * the `waitlisted` bonus. Internal to the matcher, like scores: never surfaces in a reason or message.
   */
  readonly waitlisted?: boolean;
}

/** How much each part of a pair's score is worth. See DEFAULT_WEIGHTS for the reasoning. */
export interface ScoreWeights {
  /** Flat value of making a pair at all. */
  readonly base: number;
  /** Per topic the mentor offers and the mentee wants. */
  readonly perSharedTopic: number;
  /** Shared topics beyond this many add nothing. */
  readonly maxCountedTopics: number;
  /** When both teams are known and differ. */
  readonly differentTeams: number;
  /** Indexed by how many career stages apart the two are (0 only happens when same stage is allowed). */
  readonly stageGap: readonly [number, number, number, number];
  /** Bonus when the two are at most `comfortableHoursApart` apart. */
  readonly nearbyTimeZones: number;
  readonly comfortableHoursApart: number;
  /** Subtracted per hour beyond `comfortableHoursApart`. */
  readonly penaltyPerHourBeyond: number;
  /**
   * Added to a pair's score once for each of its two members who is waitlisted (so a waitlisted mentor
   * gets it for each of their mentees). A whole number >= 0.
   */
  readonly waitlisted: number;
}

export interface PinnedPair {
  readonly mentorId: string;
  readonly menteeId: string;
}

export interface MatchRules {
  /** Max mentees per mentor, 1..3. */
  readonly capacity: number;
  /** Hard rule: mentor's stage must be below the mentee's, or equal when this is true. */
  readonly allowSameStage: boolean;
  /**
   * Hard rule unless true (the default is false): two people whose teams are both given and the same
   * (compared trimmed and case-insensitively) are never paired. Learning across teams is the point of the
   * programme, and a mentor from one's own team is often one's own reporting line.
   */
  readonly allowSameTeam?: boolean;
  /** Pairs that must not repeat (already filtered by window, see pairsWithinWindow). Order-insensitive. */
  readonly pastPairs: readonly (readonly [string, string])[];
  /** Owner-pinned pairs: kept when they pass the hard rules, rejected (and reported) otherwise. */
  readonly pinned?: readonly PinnedPair[];
  /** When given, only these topics count toward the topic score. */
  readonly offeredTopics?: readonly TopicKey[];
  readonly weights?: Partial<ScoreWeights>;
}

export type PairReason =
  /** Topics the mentor offers and the mentee wants (and, if the cohort limits topics, that are offered). */
  | { readonly kind: 'topics'; readonly shared: readonly TopicKey[] }
  /** Only present when both teams are known. */
  | {
      readonly kind: 'teams';
      readonly mentorTeam: string;
      readonly menteeTeam: string;
      readonly sameTeam: boolean;
    }
  | {
      readonly kind: 'stage-gap';
      readonly steps: number;
      readonly mentorStage: CareerStage;
      readonly menteeStage: CareerStage;
    }
  /** Distance between the two clocks, the short way round the day. */
  | { readonly kind: 'time-zones'; readonly minutesApart: number };

export interface MatchedPair {
  readonly mentorId: string;
  readonly menteeId: string;
  readonly score: number;
  readonly reasons: readonly PairReason[];
  readonly pinned: boolean;
}

export type UnmatchedReason =
  /** Mentee: nobody in the mentor pool is at an earlier (or, if allowed, the same) career stage. */
  | 'no-earlier-stage-mentor'
  /** Mentor: nobody in the mentee pool is at a later (or, if allowed, the same) career stage. */
  | 'no-later-stage-mentee'
  /**
   * Everyone who fitted on stage is in the person's own team and the cohort doesn't pair within a team.
   * Decided from stages and teams alone (rules the owner can see), so it reveals nothing confidential.
   */
  | 'all-same-team'
  /** Everyone who fitted on stage is ruled out by a confidential preference or an earlier pairing. */
  | 'all-partners-ruled-out'
  /** Mentee: every mentor who could suit them was fully booked. */
  | 'mentor-places-full'
  /** Mentor: every mentee they could have helped was paired with someone else. */
  | 'mentees-all-paired';

export interface UnmatchedPerson {
  readonly userId: string;
  readonly role: Role;
  readonly reason: UnmatchedReason;
}

export type HardRuleViolationKind =
  | 'self'
  | 'role'
  | 'stage'
  /** Both in the same team, and the cohort doesn't allow it (MatchRules.allowSameTeam). */
  | 'same-team'
  /** A rule the owner can't see: a "don't pair me with" (either side) or an earlier pairing. */
  | 'confidential'
  | 'unknown-person'
  | 'capacity'
  | 'mentee-taken';

export interface HardRuleViolation {
  readonly kind: HardRuleViolationKind;
  /** Safe to show the cohort owner: never says who blocked whom, or that anyone did. */
  readonly message: string;
}

export interface RejectedPin extends PinnedPair {
  readonly violations: readonly HardRuleViolation[];
}

export interface MatchResult {
  /** Sorted by mentorId, then menteeId. */
  readonly pairs: readonly MatchedPair[];
  /** Sorted by userId, then role. */
  readonly unmatched: readonly UnmatchedPerson[];
  /** Sum of pair scores, pinned pairs included. */
  readonly totalScore: number;
  /**
   * The lowest score among the pairs the matcher chose — pinned pairs left out, as the owner imposed
   * them — or null when it chose none. What the fair objective raises as far as it can.
   */
  readonly bottleneckScore: number | null;
  /** Pins that broke a hard rule and were therefore not kept; the people in them were matched normally. */
  readonly rejectedPins: readonly RejectedPin[];
}

/** Display names for messages; anyone missing is shown by user id. */
export type DisplayNames = ReadonlyMap<string, string>;
