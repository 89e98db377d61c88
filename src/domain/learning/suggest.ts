// Suggested weights from outcomes: a regression of pair success on the parts of the score, shrunk towards
// the weights in force, converted back into score points and kept within bounds.

import type { ScoreWeights } from '../matching/types.js';
import { MIN_PAIRS_PER_GROUP } from './evidence.js';
import { pairSuccess } from './outcome.js';
import { fitLinear } from './regression.js';
import type { FinishedPair, PairScoreParts, WeightChange, WeightKey, WeightSuggestion } from './types.js';

/**
 * How far the current weights are trusted before any outcome: a part's worth could be off by half its
 * current value, or by a few points when that is small (so a weight of 0 can still grow). With this
 * prior, a few dozen pairs move a weight a little and a few hundred can roughly double or halve it.
 */
export const PRIOR_RELATIVE_SPREAD = 0.5;

/**
 * Bounds on the learned parts, in score points. None goes negative (the parts are things the programme
 * values; outcomes can make one worth nothing, not worth avoiding), and none may outgrow what one shared
 * topic is worth by a wide margin. The whole spread of one pair's parts may grow by at most half.
 */
export const WEIGHT_BOUNDS: Readonly<Record<LearnedKey, readonly [number, number]>> = Object.freeze({
  perSharedTopic: [0, 60],
  differentTeams: [0, 40],
  'stageGap[0]': [0, 40],
  'stageGap[1]': [0, 40],
  'stageGap[2]': [0, 40],
  'stageGap[3]': [0, 40],
  nearbyTimeZones: [0, 40],
  penaltyPerHourBeyond: [0, 10],
});
export const MAX_SPREAD_GROWTH = 1.5;

export type LearnedKey = Exclude<
  WeightKey,
  'base' | 'waitlisted' | 'maxCountedTopics' | 'comfortableHoursApart'
>;

/** The score's largest possible difference between two pairs' time zones: half a day. */
const MAX_MINUTES_APART = 12 * 60;

interface Feature {
  readonly key: LearnedKey;
  /** The part's value for a pair, in the weight's units: the score's part is weight × value. */
  readonly value: (p: PairScoreParts, w: ScoreWeights) => number;
  /** Smallest prior spread in points: lets a weight near 0 move. */
  readonly priorFloor: number;
}

function stageFeature(gap: 0 | 1 | 2 | 3): Feature {
  return {
    key: `stageGap[${gap}]`,
    value: (p) => (Math.min(Math.max(p.stageGap, 0), 3) === gap ? 1 : 0),
    priorFloor: 4,
  };
}

const FEATURES: readonly Feature[] = [
  {
    key: 'perSharedTopic',
    value: (p, w) => Math.min(Math.max(p.sharedTopics, 0), w.maxCountedTopics),
    priorFloor: 4,
  },
  { key: 'differentTeams', value: (p) => (p.teams === 'different' ? 1 : 0), priorFloor: 4 },
  stageFeature(0),
  stageFeature(1),
  stageFeature(2),
  stageFeature(3),
  {
    key: 'nearbyTimeZones',
    value: (p, w) => (p.minutesApart <= w.comfortableHoursApart * 60 ? 1 : 0),
    priorFloor: 4,
  },
  {
    // Negative so that a positive weight is a penalty, as in the score.
    key: 'penaltyPerHourBeyond',
    value: (p, w) => -Math.max(0, p.minutesApart - w.comfortableHoursApart * 60) / 60,
    priorFloor: 1,
  },
];

export function weightValue(w: ScoreWeights, key: WeightKey): number {
  const gap = /^stageGap\[(\d)\]$/.exec(key);
  if (gap) return w.stageGap[Number(gap[1])]!;
  return w[key as Exclude<keyof ScoreWeights, 'stageGap'>];
}

function withWeight(w: ScoreWeights, key: WeightKey, value: number): ScoreWeights {
  const gap = /^stageGap\[(\d)\]$/.exec(key);
  if (!gap) return { ...w, [key]: value };
  const stageGap = [...w.stageGap] as [number, number, number, number];
  stageGap[Number(gap[1])] = value;
  return { ...w, stageGap };
}

/**
 * The most one pair's parts can differ from another's under these weights (113 points for the defaults):
 * base and waitlisted must exceed it for their promises to hold (see DEFAULT_WEIGHTS).
 */
export function partSpread(w: ScoreWeights): number {
  const beyond = Math.max(0, MAX_MINUTES_APART / 60 - w.comfortableHoursApart);
  const zoneHigh = Math.max(w.nearbyTimeZones, 0);
  const zoneLow = Math.min(w.nearbyTimeZones, -w.penaltyPerHourBeyond * beyond, 0);
  const topics = w.perSharedTopic * w.maxCountedTopics;
  return (
    Math.abs(topics) +
    Math.abs(w.differentTeams) +
    (Math.max(...w.stageGap) - Math.min(...w.stageGap)) +
    (zoneHigh - zoneLow)
  );
}

/**
 * Whether a part varies enough among these pairs to learn from: at least two of its values held by enough
 * pairs each. Hours beyond the comfortable distance are continuous, so for them it is "none" vs "some".
 */
function supported(values: readonly number[], continuous = false): boolean {
  const counts = new Map<number, number>();
  for (const v of values) {
    const bucket = continuous ? Math.sign(v) : v;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return [...counts.values()].filter((n) => n >= MIN_PAIRS_PER_GROUP).length >= 2;
}

function label(key: WeightKey, w: ScoreWeights): string {
  const h = w.comfortableHoursApart;
  switch (key) {
    case 'perSharedTopic':
      return 'per shared topic';
    case 'differentTeams':
      return 'different teams';
    case 'nearbyTimeZones':
      return `within ${h} hours`;
    case 'penaltyPerHourBeyond':
      return `per hour beyond ${h} hours`;
    case 'base':
      return 'making a pair';
    case 'waitlisted':
      return 'per waitlisted member';
    case 'maxCountedTopics':
      return 'topics counted';
    case 'comfortableHoursApart':
      return 'comfortable hours apart';
    default:
      return `stage gap ${key.slice(9, 10)}`;
  }
}

function meaning(key: WeightKey, w: ScoreWeights): string {
  const h = w.comfortableHoursApart;
  switch (key) {
    case 'perSharedTopic':
      return 'each shared topic';
    case 'differentTeams':
      return 'pairing people from different teams';
    case 'nearbyTimeZones':
      return `being within ${h} hours of each other`;
    case 'penaltyPerHourBeyond':
      return `each hour apart beyond ${h} hours`;
    default: {
      const gap = Number(key.slice(9, 10));
      return gap === 0
        ? 'pairing people at the same career stage'
        : `a gap of ${gap} career stage${gap === 1 ? '' : 's'}`;
    }
  }
}

function clamp(x: number, [lo, hi]: readonly [number, number]): number {
  return Math.min(hi, Math.max(lo, x));
}

/** What the outcomes say one learned part is worth, in score points. */
export interface PartWorth {
  readonly weight: LearnedKey;
  /** The weight in force. */
  readonly current: number;
  /** From the outcomes alone (least squares, no prior), and its standard error. */
  readonly fromOutcomes: number;
  readonly standardError: number;
  /** Shrunk towards the current weight: what is suggested when the change is clear. */
  readonly shrunk: number;
  /** Whether the outcomes alone differ from the current weight by at least CLEAR_CHANGE standard errors. */
  readonly clear: boolean;
}

export type WorthEstimate =
  | { readonly ok: true; readonly successPerPoint: number; readonly parts: readonly PartWorth[] }
  | { readonly ok: false; readonly why: 'no-calibration' | 'parts-not-separable' };

/** A weight changes only when the outcomes alone put it this many standard errors from its current value. */
export const CLEAR_CHANGE = 2;

/**
 * Steps 1 and 2 of suggestWeights: the success bought per score point, and each part's worth in points
 * (from the outcomes alone, and shrunk towards the current weights), for the parts with enough pairs.
 */
export function estimatePartWorth(pairs: readonly FinishedPair[], current: ScoreWeights): WorthEstimate {
  const y = pairs.map((p) => pairSuccess(p.outcome));
  const values = FEATURES.map((f) => pairs.map((p) => f.value(p.parts, current)));
  const waitlisted = pairs.map((p) => p.parts.waitlistedMembers);
  const useWaitlist = supported(waitlisted);

  // Stage gaps: one dummy per gap, less the most common one (the intercept absorbs it).
  const gapCounts = [0, 1, 2, 3].map((g) => values[2 + g]!.filter((v) => v === 1).length);
  const referenceGap = gapCounts.indexOf(Math.max(...gapCounts));
  const active = FEATURES.map((f, j) => ({ f, j })).filter(
    ({ f, j }) =>
      f.key !== `stageGap[${referenceGap}]` && supported(values[j]!, f.key === 'penaltyPerHourBeyond'),
  );
  const currentCoefficient = (key: LearnedKey): number => {
    const v = weightValue(current, key);
    return key.startsWith('stageGap') ? v - current.stageGap[referenceGap]! : v;
  };
  const toWeight = (key: LearnedKey, points: number): number =>
    key.startsWith('stageGap') ? current.stageGap[referenceGap]! + points : points;

  // 1. Calibration on the current score's parts, all of them.
  const score = pairs.map((_, i) =>
    FEATURES.reduce((s, f, j) => s + currentCoefficient(f.key) * values[j]![i]!, 0),
  );
  const calibration = fitLinear(
    pairs.map((_, i) => [1, score[i]!, ...(useWaitlist ? [waitlisted[i]!] : [])]),
    y,
  );
  const c = calibration?.coefficients[1] ?? 0;
  const cSe = calibration?.standardErrors[1] ?? Number.POSITIVE_INFINITY;
  if (!calibration || !(c > 0) || c < 2 * cSe) return { ok: false, why: 'no-calibration' };

  // 2. Per-part coefficients: from the outcomes alone, and shrunk towards the current weights.
  const extra = useWaitlist ? 2 : 1;
  const rows = pairs.map((_, i) => [
    1,
    ...(useWaitlist ? [waitlisted[i]!] : []),
    ...active.map(({ j }) => values[j]![i]!),
  ]);
  const mean = [...new Array<number>(extra).fill(0), ...active.map(({ f }) => c * currentCoefficient(f.key))];
  const precision = [
    ...new Array<number>(extra).fill(0),
    ...active.map(({ f }) => {
      const spread = c * Math.max(PRIOR_RELATIVE_SPREAD * Math.abs(currentCoefficient(f.key)), f.priorFloor);
      return 1 / spread ** 2;
    }),
  ];
  const plain = fitLinear(rows, y);
  const shrunk = fitLinear(rows, y, { mean, precision }, calibration.residualVariance);
  if (!plain || !shrunk) return { ok: false, why: 'parts-not-separable' };
  return {
    ok: true,
    successPerPoint: c,
    parts: active.map(({ f }, a) => {
      const fromOutcomes = plain.coefficients[extra + a]! / c;
      const standardError = plain.standardErrors[extra + a]! / c;
      return {
        weight: f.key,
        current: weightValue(current, f.key),
        fromOutcomes: toWeight(f.key, fromOutcomes),
        standardError,
        shrunk: toWeight(f.key, shrunk.coefficients[extra + a]! / c),
        clear: Math.abs(fromOutcomes - currentCoefficient(f.key)) >= CLEAR_CHANGE * standardError,
      };
    }),
  };
}

/**
 * Suggested weights from the pairs with outcomes (the caller checks there are enough).
 *
 * 1. Calibration: success is regressed on the current score's parts as one number (plus the waitlist, which
 *    isn't a preference). Its slope c says how much success one score point has bought; without a clear
 *    positive slope there is no way to turn outcomes into points, so nothing is suggested.
 * 2. Each part with enough pairs on both sides gets its own coefficient, in a regression whose prior for
 *    that coefficient is "the current weight is right" (c × weight, spread PRIOR_RELATIVE_SPREAD): with
 *    thin evidence the answer stays near the current weights, with plenty it follows the outcomes. Stage
 *    gaps are learned relative to the most common gap, which keeps its current value.
 * 3. A weight changes only when the outcomes alone (no prior) put it at least CLEAR_CHANGE standard errors
 *    from its current value — noise shouldn't reshuffle the next cohort. It then becomes the shrunk
 *    coefficient / c in points, rounded to a whole number (kept exactly as it was when it rounds back to
 *    the current value) and clamped to WEIGHT_BOUNDS; if the parts' spread would grow by more than
 *    MAX_SPREAD_GROWTH, every change is scaled back together.
 * 4. base and waitlisted aren't learned — they are promises (pair everyone who can be paired; the waitlisted
 *    first), not preferences — but they are raised when needed to stay above the new spread, keeping the
 *    current margin, so those promises still hold.
 */
export function suggestWeights(pairs: readonly FinishedPair[], current: ScoreWeights): WeightSuggestion {
  const n = pairs.length;
  const estimate = estimatePartWorth(pairs, current);
  if (!estimate.ok) {
    return {
      weights: current,
      changes: [],
      lines: [
        estimate.why === 'no-calibration'
          ? `No change suggested yet: across ${n} pairs with outcomes, success doesn't follow the current match score clearly enough to tell what each part is worth.`
          : `No change suggested yet: the ${n} pairs with outcomes don't separate the parts of the score.`,
      ],
    };
  }

  // 3. Back to points, rounded and bounded; only clear changes.
  let target = current;
  for (const part of estimate.parts) {
    if (!part.clear) continue;
    const rounded = clamp(Math.round(part.shrunk), WEIGHT_BOUNDS[part.weight]);
    if (rounded !== Math.round(part.current)) target = withWeight(target, part.weight, rounded);
  }
  const learnedKeys = FEATURES.map((f) => f.key).filter(
    (k) => weightValue(target, k) !== weightValue(current, k),
  );
  const maxSpread = MAX_SPREAD_GROWTH * partSpread(current);
  if (partSpread(target) > maxSpread) {
    // Scale every change back by the same factor (bisection: the spread grows with the factor).
    let lo = 0;
    let hi = 1;
    const scaled = (t: number) =>
      learnedKeys.reduce((w, k) => {
        const from = weightValue(current, k);
        return withWeight(w, k, from + Math.trunc((weightValue(target, k) - from) * t));
      }, current);
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (partSpread(scaled(mid)) <= maxSpread) lo = mid;
      else hi = mid;
    }
    target = scaled(lo);
  }

  // 4. Keep the promises: base and waitlisted stay above the spread, with the margin they had.
  const spread = partSpread(target);
  const currentSpread = partSpread(current);
  for (const key of ['base', 'waitlisted'] as const) {
    const margin = current[key] - currentSpread;
    if (margin > 0 && spread >= current[key]) target = { ...target, [key]: Math.ceil(spread + margin) };
  }

  const changes: WeightChange[] = [];
  for (const key of [...FEATURES.map((f) => f.key), 'base', 'waitlisted'] as WeightKey[]) {
    const from = weightValue(current, key);
    const to = weightValue(target, key);
    if (from === to) continue;
    const why =
      key === 'base'
        ? 'Raised with the other weights, so that pairing one more person still outweighs any difference in fit.'
        : key === 'waitlisted'
          ? 'Raised with the other weights, so that people left unmatched last time still come first.'
          : `Outcomes of ${n} pairs suggest ${meaning(key, current)} is worth ${to > from ? 'more' : 'less'} than the current weight says.`;
    changes.push({ weight: key, from, to, why });
  }
  const lines =
    changes.length === 0
      ? [`No change suggested: what ${n} pairs with outcomes show is in line with the current weights.`]
      : [
          `Suggested from ${n} pairs with outcomes: ${changes.map((ch) => `${label(ch.weight, current)} ${ch.from} → ${ch.to}`).join(', ')}.`,
        ];
  return { weights: target, changes, lines };
}
