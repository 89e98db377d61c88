// What applying suggested weights would change for a cohort about to be matched: both matchings, compared
// in counts only (no names or ids), so it can be shown to owners as it is.

import { matchCohort } from '../matching/match.js';
import type { MatchCandidate, MatchResult, MatchRules, ScoreWeights } from '../matching/types.js';

export interface MatchingSummary {
  readonly pairs: number;
  readonly unmatched: number;
  /** Median minutes between the two clocks over the pairs; null with no pairs. */
  readonly medianMinutesApart: number | null;
  readonly pairsWithSharedTopic: number;
  /** Share of pairs with at least one shared topic, 0..1; null with no pairs. */
  readonly sharedTopicShare: number | null;
  readonly pairsFromDifferentTeams: number;
}

export interface WeightsPreview {
  readonly current: MatchingSummary;
  readonly suggested: MatchingSummary;
  /** Pairs the suggested weights would make that the current ones wouldn't (and as many are lost). */
  readonly pairsChanged: number;
  /** Pairs both make. */
  readonly pairsKept: number;
  /** Plain-language lines for owners. */
  readonly lines: readonly string[];
}

export function summariseMatching(result: MatchResult): MatchingSummary {
  const minutes: number[] = [];
  let shared = 0;
  let differentTeams = 0;
  for (const pair of result.pairs) {
    for (const r of pair.reasons) {
      if (r.kind === 'time-zones') minutes.push(r.minutesApart);
      else if (r.kind === 'topics' && r.shared.length > 0) shared++;
      else if (r.kind === 'teams' && !r.sameTeam) differentTeams++;
    }
  }
  const n = result.pairs.length;
  return {
    pairs: n,
    unmatched: result.unmatched.length,
    medianMinutesApart: median(minutes),
    pairsWithSharedTopic: shared,
    sharedTopicShare: n === 0 ? null : shared / n,
    pairsFromDifferentTeams: differentTeams,
  };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs matchCohort with the current and with the suggested weights (everything else in `rules` as given)
 * and compares the two. Pinned pairs are kept by both, so they count as kept.
 */
export function previewWeights(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  current: Partial<ScoreWeights>,
  suggested: Partial<ScoreWeights>,
): WeightsPreview {
  const before = matchCohort(candidates, { ...rules, weights: current });
  const after = matchCohort(candidates, { ...rules, weights: suggested });
  const key = (p: { mentorId: string; menteeId: string }) => `${p.mentorId}\u0000${p.menteeId}`;
  const beforeKeys = new Set(before.pairs.map(key));
  const pairsKept = after.pairs.filter((p) => beforeKeys.has(key(p))).length;
  const pairsChanged = after.pairs.length - pairsKept;
  const cur = summariseMatching(before);
  const sug = summariseMatching(after);
  return {
    current: cur,
    suggested: sug,
    pairsChanged,
    pairsKept,
    lines: previewLines(cur, sug, pairsChanged, pairsKept),
  };
}

function hours(minutes: number | null): string {
  if (minutes === null) return '–';
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h} h`;
}

function share(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}

function previewLines(cur: MatchingSummary, sug: MatchingSummary, changed: number, kept: number): string[] {
  if (changed === 0 && cur.pairs === sug.pairs)
    return [`The suggested weights make the same ${cur.pairs} pairs.`];
  return [
    `${changed} of ${sug.pairs} pairs would change (${kept} stay the same); pairs made: ${cur.pairs} → ${sug.pairs}.`,
    `Median time apart: ${hours(cur.medianMinutesApart)} → ${hours(sug.medianMinutesApart)}. Pairs sharing a topic: ${share(cur.sharedTopicShare)} → ${share(sug.sharedTopicShare)}. Pairs across teams: ${cur.pairsFromDifferentTeams} → ${sug.pairsFromDifferentTeams}.`,
  ];
}
