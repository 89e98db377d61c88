// Public surface of the matcher.

export {
  type AssignmentProblem,
  type AssignmentSolution,
  InfeasibleAssignmentError,
  solveAssignment,
} from './assignment.js';
export type { MatchOptions } from './cohort.js';
export { greedyMatch } from './greedy.js';
export { hiddenRulesChanged, withoutHiddenRules } from './hidden.js';
export { matchCohort } from './match.js';
export { describeReasons, describeUnmatched, pairReasons, UNMATCHED_REASON_MESSAGES } from './reasons.js';
export {
  CONFIDENTIAL_MESSAGE,
  checkHardRules,
  type PastPairing,
  pairsWithinWindow,
  stageAllowed,
} from './rules.js';
export { DEFAULT_WEIGHTS, minutesApart, resolveWeights, scorePair, sharedTopics } from './scoring.js';
export type * from './types.js';
