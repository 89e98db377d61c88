// Public surface of the matcher.

export {
  type AssignmentProblem,
  type AssignmentSolution,
  type CostRows,
  InfeasibleAssignmentError,
  solveAssignment,
} from './assignment.js';
export type { MatchOptions } from './cohort.js';
export { greedyMatch } from './greedy.js';
export { hiddenRulesChanged, withoutHiddenRules } from './hidden.js';
export { matchCohort } from './match.js';
export {
  FAR_APART_MINUTES,
  type PairQuality,
  pairQuality,
  type QualityBand,
  type QualityFlag,
  type QualitySummary,
  qualitySummary,
} from './quality.js';
export { describeReasons, describeUnmatched, pairReasons, UNMATCHED_REASON_MESSAGES } from './reasons.js';
export {
  CONFIDENTIAL_MESSAGE,
  checkHardRules,
  type PastPairing,
  pairsWithinWindow,
  SAME_TEAM_MESSAGE,
  stageAllowed,
} from './rules.js';
export { DEFAULT_WEIGHTS, minutesApart, resolveWeights, scorePair, sharedTopics } from './scoring.js';
export type * from './types.js';
