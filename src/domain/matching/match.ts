// The exact matcher: the whole cohort at once, fair by default (see matchCohort).

import { candidateGraph, solveAssignment } from './assignment.js';
import { maxBottleneck } from './bottleneck.js';
import {
  buildResult,
  CohortGrid,
  type MatchOptions,
  type PreparedCohort,
  prepareCohort,
  sumCosts,
  waitlistShift,
} from './cohort.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

/** Candidate cells per row and per column of the sparse graphs (tuning only: the answers are exact). */
const CANDIDATES = 16;

type Chosen = { mentor: number; mentee: number }[];

/**
 * Pairs mentors with mentees under the hard rules (pinned pairs included as fixed; pins that break a
 * rule are rejected and reported), choosing exactly, in this order of priority:
 *   1. the most pairs: nobody is left unmatched to raise others' scores;
 *   2. among those, the highest bottleneck — the lowest score of any pair, so the worst-served person
 *      is served as well as possible. Pinned pairs don't count here: the owner imposed them, and a poor
 *      pin would otherwise excuse poor pairs elsewhere. Scores include the waitlist bonus, so a swap that
 *      puts a waitlisted person in never lowers the bottleneck and the "first in line" promise holds;
 *   3. among those, the highest total score.
 * With `objective: 'sum'` it maximises the total alone (then the most pairs), as before fairness was the
 * default: the bench compares the two.
 *
 * Determinism: candidates are put in userId order (duplicates collapsed) before anything else, so the
 * same people give the same pairs whatever order they arrive in. Any tie left after the objective is
 * settled by the solver's fixed order — mentees are placed in userId order, each taking the first of its
 * equally good mentors (the lowest userId in cohorts of up to 16 mentors; beyond that the solver spreads
 * equal candidates by a fixed rotation), and the rest follows deterministically.
 */
export function matchCohort(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  options: MatchOptions = {},
): MatchResult {
  const prepared = prepareCohort(candidates, rules, options);
  const grid = new CohortGrid(prepared);
  const chosen = options.objective === 'sum' ? sumOptimum(prepared, grid) : fairOptimum(prepared, grid);
  return buildResult(prepared, chosen);
}

function pairsOf(grid: CohortGrid, rowToCol: Int32Array): Chosen {
  const chosen: Chosen = [];
  for (let r = 0; r < grid.rows; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) chosen.push({ mentor: grid.colMentor[c]!, mentee: grid.rowMentee[r]! });
  }
  return chosen;
}

function sumOptimum(p: PreparedCohort, grid: CohortGrid): Chosen {
  const { table, shift } = sumCosts(p, grid);
  // Leaving someone unmatched costs 0; every allowed pair costs less, so the solver pairs whenever it can.
  const { rowToCol } = solveAssignment({
    rows: grid.rows,
    cols: grid.cols,
    cost: grid.costRows(table),
    capacity: grid.capacity,
    unassignedCost: 0,
    ...(shift ? { shift } : {}),
  });
  return pairsOf(grid, rowToCol);
}

/**
 * Steps 1 and 2 by maxBottleneck (the largest matching's size, and the highest threshold t at which a
 * matching that large still exists among the pairs scoring >= t); step 3 by one assignment solve on the
 * pairs scoring >= t, each pair worth a bonus larger than any difference in total between two
 * matchings, so that the solver keeps the matching as large as it can be and maximises the total
 * within that size.
 */
function fairOptimum(p: PreparedCohort, grid: CohortGrid): Chosen {
  const { rows, cols, capacity } = grid;
  const shift = waitlistShift(p, grid, -p.weights.waitlisted);
  const { maxPairs, threshold, graph } = maxBottleneck({
    rows,
    cols,
    capacity,
    scores: grid.costRows(grid.table((s) => s, 0)),
    values: grid.values,
    // Each row's and column's best cells by score (the waitlist bonus set aside, as in the solver).
    candidates: candidateGraph(
      grid.costRows(grid.table((s) => -s, Number.POSITIVE_INFINITY)),
      rows,
      cols,
      CANDIDATES,
      shift?.row ?? null,
      shift?.col ?? null,
    ),
  });
  if (threshold === null) return [];
  // One pair more is worth more than the largest possible difference in total between two matchings
  // using pairs from threshold to maxScore (maxPairs × the spread), so size decides before total.
  const bonus = maxPairs * (grid.maxScore - threshold) + 1;
  if ((bonus + grid.maxScore) * maxPairs >= Number.MAX_SAFE_INTEGER) {
    throw new RangeError('These weights make scores too large for an exact fair matching');
  }
  const forbidden = Number.POSITIVE_INFINITY;
  const table = grid.table((s) => (s >= threshold ? -(bonus + s) : forbidden), forbidden);
  const { rowToCol } = solveAssignment({
    rows,
    cols,
    cost: grid.costRows(table),
    capacity,
    unassignedCost: 0,
    // Where the bottleneck search ended: the best cells by score, which the optimum is made of.
    candidates: graph,
  });
  return pairsOf(grid, rowToCol);
}
