// Shapes the learning module takes and returns. Pure data, filled from the database by a service: the
// score parts from a pair's stored reasons (see scorePartsFromReasons), the outcomes from its fit checks,
// check-ins, survey answers and how it ended.

import type { ScoreWeights } from '../matching/types.js';

/** A pair's answer to "Is this pairing working?": the worse of its members' answers (see pairFitAnswer). */
export type FitAnswer = 'good' | 'unsure' | 'poor';

/** 'unknown' when either team wasn't given: the score treats that like the same team (no bonus). */
export type TeamRelation = 'different' | 'same' | 'unknown';

/** The features the score was made from, as the matcher saw them when it made the pair. */
export interface PairScoreParts {
  /** Topics the mentor offers and the mentee wants, all of them (the score counts up to maxCountedTopics). */
  readonly sharedTopics: number;
  readonly teams: TeamRelation;
  /** Career stages apart, 0..3 (0 only when the cohort allowed same-stage pairs). */
  readonly stageGap: number;
  /** Minutes between the two clocks, the short way round the day (as in the pair's reasons). */
  readonly minutesApart: number;
  /** How many of the two were waitlisted (0, 1 or 2). */
  readonly waitlistedMembers: number;
}

export interface PairOutcome {
  /** null when neither member answered the fit check. */
  readonly fit: FitAnswer | null;
  /** Cycles in which the pair logged a meeting (a "met" check-in from either member). */
  readonly meetingsLogged: number;
  /**
   * Cycles the pair was meant to meet in: the cohort's planned cycles, not cut short when the pair ended
   * early, so an early end shows as meetings that didn't happen. 0 when none have passed yet.
   */
  readonly weeks: number;
  /** 1–5, the mean of the members' survey ratings; null when neither answered. */
  readonly surveyRating: number | null;
  /**
   * The pair stopped before the cohort ended because it wasn't working: someone left or asked to be
   * re-matched. An end the pair didn't cause (a deactivated account, a cancelled cohort) is not early.
   */
  readonly endedEarly: boolean;
}

export interface FinishedPair {
  readonly parts: PairScoreParts;
  readonly outcome: PairOutcome;
}

/** A group of pairs in the evidence. Figures are null when the group is too small to show safely. */
export interface EvidenceGroup {
  readonly key: string;
  /** Plain words, e.g. "within 6 hours of each other". */
  readonly label: string;
  /** How many pairs with outcomes fall in the group (a count of pairs, never of people). */
  readonly pairs: number;
  /** Mean success (0..1) of the group's pairs; null when withheld ("not enough pairs yet"). */
  readonly success: number | null;
  /** Share of planned meetings the group's pairs held (0..1); null when withheld or nothing was planned. */
  readonly meetingShare: number | null;
  /**
   * Why the figures are null: 'too-few' pairs in the group, or withheld to 'protect-small-group' (with one
   * small group hidden, this one's figure and an overall figure would give the small group's away).
   */
  readonly withheld: 'too-few' | 'protect-small-group' | null;
}

export type ScorePart = 'timeZones' | 'sharedTopics' | 'teams' | 'stageGap' | 'waitlisted';

export interface Evidence {
  readonly part: ScorePart;
  readonly groups: readonly EvidenceGroup[];
  /**
   * The best against the worst group that has figures: the difference in mean success and whether it is
   * clear (at least twice its standard error). Absent when fewer than two groups have figures.
   */
  readonly comparison?: {
    readonly better: string;
    readonly worse: string;
    readonly difference: number;
    readonly clear: boolean;
  };
  /** One plain-language line for owners. */
  readonly line: string;
}

export type WeightKey = Exclude<keyof ScoreWeights, 'stageGap'> | `stageGap[${0 | 1 | 2 | 3}]`;

export interface WeightChange {
  readonly weight: WeightKey;
  readonly from: number;
  readonly to: number;
  /** Why, in plain words. */
  readonly why: string;
}

export interface WeightSuggestion {
  /** Complete weights, ready to pass to matchCohort as rules.weights. */
  readonly weights: ScoreWeights;
  /** Only the weights that differ from the current ones; empty when nothing should change. */
  readonly changes: readonly WeightChange[];
  /** Plain-language lines explaining the suggestion (or why there is none). */
  readonly lines: readonly string[];
}

export interface LearningReport {
  /** False until at least MIN_PAIRS_WITH_OUTCOMES pairs have outcomes; then nothing else is filled in. */
  readonly ready: boolean;
  readonly pairsWithOutcomes: number;
  readonly pairsNeeded: number;
  readonly evidence: readonly Evidence[];
  /** Present when ready. */
  readonly suggestion?: WeightSuggestion;
  /** Every line for owners, evidence first, then the suggestion. */
  readonly lines: readonly string[];
}
