// Whether the rules an owner can't see (a "don't pair me with", an earlier pairing) made a difference.
//
// A hand-shaped matching — pins that leave only a few people free, then a re-run — turns the matcher into a
// yes/no question about those rules. Answering it is allowed only against the owner's budget of such
// answers, so the services ask this before telling an owner the result.

import { matchCohort } from './match.js';
import type { MatchCandidate, MatchResult, MatchRules } from './types.js';

/** The same candidates and rules with every hidden rule taken out: what an owner could predict. */
export function withoutHiddenRules(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
): { candidates: MatchCandidate[]; rules: MatchRules } {
  return {
    candidates: candidates.map((c) => (c.blocked.length > 0 ? { ...c, blocked: [] } : c)),
    rules: { ...rules, pastPairs: [] },
  };
}

function pairKeys(result: Pick<MatchResult, 'pairs'>): string[] {
  return result.pairs.map((p) => `${p.mentorId}\u0000${p.menteeId}`).sort();
}

/** True when `result` (matched under every rule) differs from the matching the visible rules alone give. */
export function hiddenRulesChanged(
  candidates: readonly MatchCandidate[],
  rules: MatchRules,
  result: Pick<MatchResult, 'pairs'>,
): boolean {
  const visible = withoutHiddenRules(candidates, rules);
  const predicted = pairKeys(matchCohort(visible.candidates, visible.rules));
  const actual = pairKeys(result);
  return predicted.length !== actual.length || predicted.some((key, i) => key !== actual[i]);
}
