// Learning from outcomes (issue 15): after a cohort, relate how pairs went to the parts of their score,
// show the evidence in counts of pairs, and suggest weights for the next matching. Pure: a service fills
// FinishedPair from the database and shows or stores what comes back.

import { resolveWeights } from '../matching/scoring.js';
import type { ScoreWeights } from '../matching/types.js';
import { collectEvidence } from './evidence.js';
import { withOutcomes } from './outcome.js';
import { suggestWeights } from './suggest.js';
import type { FinishedPair, LearningReport } from './types.js';

/** Nothing at all is shown or suggested until this many pairs have outcomes. */
export const MIN_PAIRS_WITH_OUTCOMES = 20;

/**
 * Everything owners see about learning from outcomes: whether there is enough to go on, the evidence per
 * part of the score, and suggested weights with their differences from `currentWeights` (the weights in
 * force; defaults filled in for anything missing). Pairs without outcomes are ignored.
 */
export function learnFromOutcomes(
  pairs: readonly FinishedPair[],
  currentWeights?: Partial<ScoreWeights>,
): LearningReport {
  const current = resolveWeights(currentWeights);
  const usable = withOutcomes(pairs);
  if (usable.length < MIN_PAIRS_WITH_OUTCOMES) {
    return {
      ready: false,
      pairsWithOutcomes: usable.length,
      pairsNeeded: MIN_PAIRS_WITH_OUTCOMES,
      evidence: [],
      lines: [
        `Not enough pairs yet: ${usable.length} of the ${MIN_PAIRS_WITH_OUTCOMES} pairs with outcomes needed before anything is shown.`,
      ],
    };
  }
  const evidence = collectEvidence(usable, current);
  const suggestion = suggestWeights(usable, current);
  return {
    ready: true,
    pairsWithOutcomes: usable.length,
    pairsNeeded: MIN_PAIRS_WITH_OUTCOMES,
    evidence,
    suggestion,
    lines: [...evidence.map((e) => e.line), ...suggestion.lines],
  };
}

export { collectEvidence, MIN_PAIRS_PER_GROUP, partEvidence } from './evidence.js';
export {
  hasOutcome,
  meetingShare,
  meetingsLogged,
  pairFitAnswer,
  pairSuccess,
  pairSurveyRating,
  SUCCESS_WEIGHTS,
  scorePartsFromReasons,
  withOutcomes,
} from './outcome.js';
export {
  type MatchingSummary,
  previewWeights,
  summariseMatching,
  type WeightsPreview,
} from './preview.js';
export {
  MAX_SPREAD_GROWTH,
  PRIOR_RELATIVE_SPREAD,
  partSpread,
  suggestWeights,
  WEIGHT_BOUNDS,
} from './suggest.js';
export type * from './types.js';
