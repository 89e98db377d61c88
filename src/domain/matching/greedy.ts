// The naive baseline, kept for comparison in the bench: best-scoring pairs first, take each if both are free.

import { buildResult, CohortGrid, type MatchOptions, prepareCohort } from './cohort.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

/**
 * Greedy matching under the same hard rules and pins as matchCohort, but not optimal: an early good
 * pair can take the only mentor someone else could have had. Scores are matchCohort's, waitlist bonus
 * included, so the waitlisted go first here too. Equal scores are taken in mentee-id, then mentor-id order.
 */
export function greedyMatch(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  options: MatchOptions = {},
): MatchResult {
  const prepared = prepareCohort(candidates, rules, options);
  const grid = new CohortGrid(prepared);
  const { rows, cols, values } = grid;
  // Cells by score rank (0 = forbidden), row by row: a stable counting sort on the rank, in two passes,
  // puts the allowed cells in descending score order without holding a score matrix.
  const rankOf = grid.table(() => 0, 0).map((_, k) => k);
  const row = new Float64Array(cols);
  const next = new Float64Array(values.length + 2);
  for (let r = 0; r < rows; r++) {
    grid.fillRow(r, rankOf, row);
    for (let c = 0; c < cols; c++) next[row[c]!]!++;
  }
  let at = 0;
  for (let k = values.length; k >= 1; k--) {
    const n = next[k]!;
    next[k] = at;
    at += n;
  }
  const order = new Int32Array(at);
  for (let r = 0; r < rows; r++) {
    grid.fillRow(r, rankOf, row);
    for (let c = 0; c < cols; c++) {
      const k = row[c]!;
      if (k > 0) order[next[k]!++] = r * cols + c;
    }
  }

  const left = Int32Array.from(grid.capacity);
  const rowTaken = new Uint8Array(rows);
  const chosen: { mentor: number; mentee: number }[] = [];
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!;
    const r = (k / cols) | 0;
    const c = k - r * cols;
    if (rowTaken[r] || left[c] === 0) continue;
    rowTaken[r] = 1;
    left[c] = left[c]! - 1;
    chosen.push({ mentor: grid.colMentor[c]!, mentee: grid.rowMentee[r]! });
  }
  return buildResult(prepared, chosen);
}
