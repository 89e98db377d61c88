// The exact matcher: the whole cohort at once, maximising the total score under the hard rules.

import { solveAssignment } from './assignment.js';
import { buildCostMatrix, buildResult, type MatchOptions, prepareCohort } from './cohort.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

/**
 * Pairs mentors with mentees so that the total score is the maximum over every matching that keeps the
 * hard rules (pinned pairs included as fixed; pins that break a rule are rejected and reported).
 *
 * Determinism: candidates are put in userId order (duplicates collapsed) before anything else, so the
 * same people give the same pairs whatever order they arrive in. Tie-breaks, in order: among matchings
 * with the same total score, one that pairs more people wins; any tie left after that is settled by
 * the solver's fixed order — mentees are placed in userId order, each taking the first of its equally
 * good mentors (the lowest userId in cohorts of up to 16 mentors; beyond that the solver spreads equal
 * candidates by a fixed rotation), and the rest follows deterministically.
 */
export function matchCohort(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  options: MatchOptions = {},
): MatchResult {
  const prepared = prepareCohort(candidates, rules, options);
  const { rowMentee, colMentor, cost, capacity, shift } = buildCostMatrix(prepared);
  const rows = rowMentee.length;
  const cols = colMentor.length;
  // Leaving someone unmatched costs 0; every allowed pair costs less, so the solver pairs whenever it can.
  const { rowToCol } = solveAssignment({
    rows,
    cols,
    cost,
    capacity,
    unassignedCost: 0,
    ...(shift ? { shift } : {}),
  });

  const chosen: { mentor: number; mentee: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) chosen.push({ mentor: colMentor[c]!, mentee: rowMentee[r]! });
  }
  return buildResult(prepared, chosen);
}
