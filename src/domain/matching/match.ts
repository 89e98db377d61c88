// The exact matcher: the whole cohort at once, maximising the total score under the hard rules.

import { solveAssignment } from './assignment.js';
import { buildResult, buildScoreMatrix, type MatchOptions, prepareCohort } from './cohort.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

/**
 * Pairs mentors with mentees so that the total score is the maximum over every matching that keeps the
 * hard rules (pinned pairs included as fixed; pins that break a rule are rejected and reported).
 *
 * Determinism: candidates are put in userId order (duplicates collapsed) before anything else, so the
 * same people give the same pairs whatever order they arrive in. Among matchings with the same total
 * score, one that pairs more people wins; any tie left after that is settled by the solver's fixed
 * order — mentees are placed in userId order, each taking the lowest-id mentor among equally good ones
 * while places remain, then the rest is repaired along shortest augmenting paths.
 */
export function matchCohort(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  options: MatchOptions = {},
): MatchResult {
  const prepared = prepareCohort(candidates, rules, options);
  const { rowMentee, colMentor, scores, maxScore } = buildScoreMatrix(prepared);
  const rows = rowMentee.length;
  const cols = colMentor.length;
  const capacity = Int32Array.from(colMentor, (m) => prepared.remaining[m]!);

  // Secondary objective, folded into the costs: scale scores by (max pairs + 1) and add 1 per pair, so
  // the pair count only ever decides between equal totals. Skipped if it could exceed exact float range.
  let places = 0;
  for (let c = 0; c < cols; c++) places += capacity[c]!;
  const maxPairs = Math.min(rows, places);
  const scale = (maxScore + 1) * (maxPairs + 1) * (maxPairs + 1) < Number.MAX_SAFE_INTEGER ? maxPairs + 1 : 0;

  // Reuse the score buffer as the cost matrix: it is the largest allocation by far.
  const cost = scores;
  const multiplier = Math.max(scale, 1);
  const perPair = scale > 0 ? 1 : 0;
  for (let k = 0; k < cost.length; k++) {
    const s = cost[k]!;
    cost[k] = s > 0 ? -(s * multiplier + perPair) : Number.POSITIVE_INFINITY;
  }
  const { rowToCol } = solveAssignment({ rows, cols, cost, capacity, unassignedCost: 0 });

  const chosen: { mentor: number; mentee: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) chosen.push({ mentor: colMentor[c]!, mentee: rowMentee[r]! });
  }
  return buildResult(prepared, chosen);
}
