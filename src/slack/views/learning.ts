// Learning from outcomes (issue 15, item 4), as owners see it: a Home section on what made good pairs, with
// suggested weights for the next cohort, and the line in the review saying which weights a cohort uses.
// Pure builders: what they show comes in as a LearningReport / WeightsPreview (src/domain/learning); storing
// and applying weights is wired elsewhere. No score or weight figure is ever shown — only plain words and
// counts of pairs.

import type { WeightKey } from '../../domain/learning/index.js';
import { weightValue } from '../../domain/learning/suggest.js';
import { DEFAULT_WEIGHTS, resolveWeights, type ScoreWeights } from '../../domain/matching/index.js';

/** What owners call the parts of the score: the words of "time zones count more". */
type Aspect = 'shared topics' | 'different teams' | 'career stages' | 'time zones';

const ASPECT_ORDER: readonly Aspect[] = ['time zones', 'shared topics', 'different teams', 'career stages'];

/**
 * Which way each weight moves an aspect: +1 when a larger weight makes the aspect count more, -1 when it
 * makes it count less (a larger penalty per hour apart makes time zones count more, so +1 too), and null
 * for the weights that are promises rather than preferences (base, waitlisted) or settings.
 */
function aspectOf(key: WeightKey): Aspect | null {
  switch (key) {
    case 'perSharedTopic':
      return 'shared topics';
    case 'differentTeams':
      return 'different teams';
    case 'nearbyTimeZones':
    case 'penaltyPerHourBeyond':
      return 'time zones';
    case 'base':
    case 'waitlisted':
    case 'maxCountedTopics':
    case 'comfortableHoursApart':
      return null;
    default:
      return 'career stages';
  }
}

const LEARNED_KEYS: readonly WeightKey[] = [
  'perSharedTopic',
  'differentTeams',
  'stageGap[0]',
  'stageGap[1]',
  'stageGap[2]',
  'stageGap[3]',
  'nearbyTimeZones',
  'penaltyPerHourBeyond',
];

/**
 * The line in the review saying which weights the cohort is matched with: "Using the default weights." or
 * "Using your program's learned weights: time zones count more, shared topics count less." Only the parts
 * owners weigh are named (not the internal promises), without figures. Stage gaps that move both ways
 * "count differently".
 */
export function weightsInUseLine(weights?: Partial<ScoreWeights>): string {
  if (!weights) return 'Using the default weights.';
  const used = resolveWeights(weights);
  const moves = new Map<Aspect, Set<number>>();
  let differs = false;
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof ScoreWeights)[]) {
    if (JSON.stringify(used[key]) !== JSON.stringify(DEFAULT_WEIGHTS[key])) differs = true;
  }
  if (!differs) return 'Using the default weights.';
  for (const key of LEARNED_KEYS) {
    const diff = weightValue(used, key) - weightValue(DEFAULT_WEIGHTS, key);
    const aspect = aspectOf(key);
    if (diff === 0 || !aspect) continue;
    const set = moves.get(aspect) ?? new Set<number>();
    set.add(Math.sign(diff));
    moves.set(aspect, set);
  }
  const parts = ASPECT_ORDER.filter((a) => moves.has(a)).map((a) => {
    const signs = moves.get(a)!;
    const how = signs.size > 1 ? 'count differently' : signs.has(1) ? 'count more' : 'count less';
    return `${a} ${how}`;
  });
  return parts.length === 0
    ? "Using your program's learned weights."
    : `Using your program's learned weights: ${parts.join(', ')}.`;
}
