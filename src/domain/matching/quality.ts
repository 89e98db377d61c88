// A plain-words quality band for a pair, for an owner reviewing a draft: which pairs look strong, which
// only fair, and which weak enough to deserve a second look (and why). Built from the pair's reasons —
// never from its score, which carries the confidential waitlist bonus.

import type { TopicKey } from '../catalogue.js';
import { resolveWeights } from './scoring.js';
import type { MatchedPair, MatchRules, PairReason } from './types.js';

export type QualityBand = 'strong' | 'fair' | 'weak';

/** Each a reason to look again, in this order. */
export type QualityFlag = 'no-shared-topic' | 'same-team' | 'far-apart';

export interface PairQuality {
  readonly band: QualityBand;
  readonly flags: readonly QualityFlag[];
}

/**
 * More than this many minutes apart, two working days barely overlap (8 h: a 9-to-5 in one is the
 * other's evening or night), so meeting at all becomes the hard part.
 */
export const FAR_APART_MINUTES = 8 * 60;

function reasonOf<K extends PairReason['kind']>(
  reasons: readonly PairReason[],
  kind: K,
): Extract<PairReason, { kind: K }> | undefined {
  return reasons.find((r): r is Extract<PairReason, { kind: K }> => r.kind === kind);
}

/**
 * The pair's band and flags:
 * - weak: no topic in common, or more than 8 h apart;
 * - strong: at least two topics in common (one is enough when the mentee wants only one, counting only
 *   the cohort's topics if it limits them), teams different or not given, and at most the comfortable
 *   distance apart (the weights' comfortableHoursApart, 6 h by default);
 * - fair: anything else.
 * `menteeTopics` (the mentee's wanted topics) is needed only for the one-topic case; without it two
 * shared topics are needed for strong.
 */
export function pairQuality(
  pair: Pick<MatchedPair, 'reasons'>,
  rules: Pick<MatchRules, 'weights' | 'offeredTopics'>,
  menteeTopics?: readonly TopicKey[],
): PairQuality {
  const shared = reasonOf(pair.reasons, 'topics')?.shared.length ?? 0;
  const sameTeam = reasonOf(pair.reasons, 'teams')?.sameTeam === true;
  // A pair without a time-zone reason is treated as far apart rather than silently as near.
  const minutes = reasonOf(pair.reasons, 'time-zones')?.minutesApart ?? Number.POSITIVE_INFINITY;
  const flags: QualityFlag[] = [];
  if (shared === 0) flags.push('no-shared-topic');
  if (sameTeam) flags.push('same-team');
  if (minutes > FAR_APART_MINUTES) flags.push('far-apart');

  const offered = rules.offeredTopics ? new Set(rules.offeredTopics) : null;
  const wanted = menteeTopics
    ? new Set(menteeTopics.filter((t) => !offered || offered.has(t))).size
    : Number.POSITIVE_INFINITY;
  const enoughTopics = shared >= Math.min(2, Math.max(1, wanted));
  const comfortable = resolveWeights(rules.weights).comfortableHoursApart * 60;
  let band: QualityBand;
  if (shared === 0 || minutes > FAR_APART_MINUTES) band = 'weak';
  else if (enoughTopics && !sameTeam && minutes <= comfortable) band = 'strong';
  else band = 'fair';
  return { band, flags };
}

export interface QualitySummary {
  readonly pairs: number;
  readonly bands: Readonly<Record<QualityBand, number>>;
  readonly flags: Readonly<Record<QualityFlag, number>>;
}

/** How many pairs fall in each band and carry each flag (a pair may carry several flags, or none). */
export function qualitySummary(
  pairs: readonly Pick<MatchedPair, 'reasons' | 'menteeId'>[],
  rules: Pick<MatchRules, 'weights' | 'offeredTopics'>,
  menteeTopics?: ReadonlyMap<string, readonly TopicKey[]>,
): QualitySummary {
  const bands: Record<QualityBand, number> = { strong: 0, fair: 0, weak: 0 };
  const flags: Record<QualityFlag, number> = { 'no-shared-topic': 0, 'same-team': 0, 'far-apart': 0 };
  for (const pair of pairs) {
    const quality = pairQuality(pair, rules, menteeTopics?.get(pair.menteeId));
    bands[quality.band]++;
    for (const flag of quality.flags) flags[flag]++;
  }
  return { pairs: pairs.length, bands, flags };
}
