// The naive baseline, kept for comparison in the bench: best-scoring pairs first, take each if both are free.

import { buildResult, buildScoreMatrix, type MatchOptions, prepareCohort } from './cohort.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

const MAX_BUCKETS = 1 << 20;

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
  const { rowMentee, colMentor, scores } = buildScoreMatrix(prepared);
  const cols = colMentor.length;

  let allowedCount = 0;
  let maxScore = 0;
  for (let k = 0; k < scores.length; k++) {
    const s = scores[k]!;
    if (s > 0) {
      allowedCount++;
      if (s > maxScore) maxScore = s;
    }
  }
  // Cells in descending score order. Scores are small integers, so a counting sort does it in two passes.
  const order = new Int32Array(allowedCount);
  if (maxScore < MAX_BUCKETS) {
    const next = new Int32Array(maxScore + 2);
    for (let k = 0; k < scores.length; k++) if (scores[k]! > 0) next[scores[k]!]!++;
    let at = 0;
    for (let s = maxScore; s >= 1; s--) {
      const n = next[s]!;
      next[s] = at;
      at += n;
    }
    for (let k = 0; k < scores.length; k++) {
      const s = scores[k]!;
      if (s > 0) order[next[s]!++] = k;
    }
  } else {
    let at = 0;
    for (let k = 0; k < scores.length; k++) if (scores[k]! > 0) order[at++] = k;
    order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  }

  const left = Int32Array.from(colMentor, (m) => prepared.remaining[m]!);
  const rowTaken = new Uint8Array(rowMentee.length);
  const chosen: { mentor: number; mentee: number }[] = [];
  for (let i = 0; i < order.length; i++) {
    const k = order[i]!;
    const r = (k / cols) | 0;
    const c = k - r * cols;
    if (rowTaken[r] || left[c] === 0) continue;
    rowTaken[r] = 1;
    left[c] = left[c]! - 1;
    chosen.push({ mentor: colMentor[c]!, mentee: rowMentee[r]! });
  }
  return buildResult(prepared, chosen);
}
