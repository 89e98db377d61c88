// Synthetic programmes for the learning module: seeded cohorts (test/bench/profiles.ts) matched by the real
// matcher, with outcomes drawn from a hidden preference — what each part of a pair is really worth. Pure
// apart from the injected random source: the same source gives the same programme.

import { learnFromOutcomes, partSpread } from '../../src/domain/learning/index.js';
import { scorePartsFromReasons } from '../../src/domain/learning/outcome.js';
import type { FinishedPair, PairOutcome, PairScoreParts } from '../../src/domain/learning/types.js';
import { matchCohort } from '../../src/domain/matching/match.js';
import { DEFAULT_WEIGHTS } from '../../src/domain/matching/scoring.js';
import type {
  MatchCandidate,
  MatchResult,
  MatchRules,
  ScoreWeights,
} from '../../src/domain/matching/types.js';
import { generateCohort } from '../bench/profiles.js';

/** The hidden truth when time-zone closeness matters twice as much as the defaults assume. */
export const TIME_ZONES_TWICE: ScoreWeights = Object.freeze({
  ...DEFAULT_WEIGHTS,
  nearbyTimeZones: DEFAULT_WEIGHTS.nearbyTimeZones * 2,
  penaltyPerHourBeyond: DEFAULT_WEIGHTS.penaltyPerHourBeyond * 2,
});

/** What a pair's parts are really worth under the hidden preference, in score points (no base, no waitlist). */
export function hiddenWorth(parts: PairScoreParts, hidden: ScoreWeights): number {
  const comfortable = hidden.comfortableHoursApart * 60;
  const zone =
    parts.minutesApart <= comfortable
      ? hidden.nearbyTimeZones
      : (-hidden.penaltyPerHourBeyond * (parts.minutesApart - comfortable)) / 60;
  return (
    hidden.perSharedTopic * Math.min(parts.sharedTopics, hidden.maxCountedTopics) +
    (parts.teams === 'different' ? hidden.differentTeams : 0) +
    hidden.stageGap[Math.min(Math.max(parts.stageGap, 0), 3)]! +
    zone
  );
}

/**
 * Chance that a pair meets in a given cycle: linear in the hidden worth around a typical pair (about 55
 * points for the defaults), 0.6 percentage points per point, kept within 5..97%.
 */
export function meetingProbability(parts: PairScoreParts, hidden: ScoreWeights): number {
  return Math.min(0.97, Math.max(0.05, 0.62 + 0.006 * (hiddenWorth(parts, hidden) - 55)));
}

function normal(rand: () => number): number {
  // Box–Muller; 1 - rand() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * One pair's outcomes: a meeting each cycle with the pair's probability; an early end more likely the
 * worse the pair fits (and no meetings after it); a fit answer (85% answer) and a survey rating (60%
 * answer, 30% after an early end) that follow the same probability with noise.
 */
export function simulateOutcome(
  parts: PairScoreParts,
  hidden: ScoreWeights,
  rand: () => number,
  weeks = 6,
): PairOutcome {
  const p = meetingProbability(parts, hidden);
  const endsEarly = rand() < 0.3 * (1 - p) ** 2;
  const lastWeek = endsEarly ? 1 + Math.floor(rand() * (weeks - 1)) : weeks;
  let meetings = 0;
  for (let w = 0; w < lastWeek; w++) if (rand() < p) meetings++;
  const fit = rand() < 0.85 ? (rand() < p ? 'good' : rand() < 0.4 ? 'poor' : 'unsure') : null;
  const surveyRating =
    rand() < (endsEarly ? 0.3 : 0.6)
      ? Math.min(5, Math.max(1, Math.round(1 + 4 * p + 0.9 * normal(rand))))
      : null;
  return { fit, meetingsLogged: meetings, weeks, surveyRating, endedEarly: endsEarly };
}

function waitlistedMembers(
  candidates: readonly MatchCandidate[],
  mentorId: string,
  menteeId: string,
): number {
  const mentor = candidates.find((c) => c.role === 'mentor' && c.userId === mentorId);
  const mentee = candidates.find((c) => c.role === 'mentee' && c.userId === menteeId);
  return (mentor?.waitlisted ? 1 : 0) + (mentee?.waitlisted ? 1 : 0);
}

/** The parts of each pair a matching made, as the learning module takes them. */
export function partsOfPairs(candidates: readonly MatchCandidate[], result: MatchResult): PairScoreParts[] {
  return result.pairs.map((p) =>
    scorePartsFromReasons(p.reasons, waitlistedMembers(candidates, p.mentorId, p.menteeId)),
  );
}

/** Expected share of planned cycles with a meeting over a matching's pairs (no sampling noise). */
export function expectedMeetingRate(parts: readonly PairScoreParts[], hidden: ScoreWeights): number {
  if (parts.length === 0) return 0;
  return parts.reduce((s, p) => s + meetingProbability(p, hidden), 0) / parts.length;
}

/**
 * Offices for the synthetic company: most early-career staff (the mentors) work from India and the
 * Asia-Pacific, most senior staff (the mentees) from the US and Europe — a common shape for reverse
 * mentoring, and one where the matcher often has to choose between partners near and far, so time-zone
 * weights change pairs. (With the bench's company-wide mix nearly every pair is within 6 hours and no
 * time-zone preference can show in outcomes or matter to the matcher.) UTC offsets in minutes, weighted.
 */
const MENTOR_ZONES: readonly (readonly [number, number])[] = [
  [330, 45],
  [480, 15],
  [540, 5],
  [600, 5],
  [0, 10],
  [60, 10],
  [-300, 10],
];
const MENTEE_ZONES: readonly (readonly [number, number])[] = [
  [-480, 20],
  [-300, 30],
  [0, 20],
  [60, 20],
  [330, 10],
];

function weightedPick(rand: () => number, table: readonly (readonly [number, number])[]): number {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** A seeded cohort (profiles.ts) moved into the synthetic company's offices. */
export function syntheticCohort(
  rand: () => number,
  size: number,
): { candidates: MatchCandidate[]; pastPairs: [string, string][] } {
  const { candidates, pastPairs } = generateCohort({
    mentors: size,
    mentees: size,
    seed: Math.floor(rand() * 2 ** 31),
    waitlistRate: 0.05,
  });
  return {
    candidates: candidates.map((c) => ({
      ...c,
      tzOffsetMinutes: weightedPick(rand, c.role === 'mentor' ? MENTOR_ZONES : MENTEE_ZONES),
    })),
    pastPairs,
  };
}

export interface ProgramOptions {
  readonly rand: () => number;
  readonly hidden: ScoreWeights;
  /** Cohorts run and learned from before the one compared. Default 3. */
  readonly cohorts?: number;
  /** Mentors and mentees per cohort (as many of each). Default 80. */
  readonly size?: number;
}

export interface CohortRun {
  readonly weights: ScoreWeights;
  readonly pairs: number;
  readonly meetingRate: number;
}

export interface ProgramResult {
  /** The cohorts learned from, each with the weights it was matched with. */
  readonly cohorts: readonly CohortRun[];
  /** The weights the owner applied after the last learning cohort. */
  readonly learned: ScoreWeights;
  /**
   * The next cohort, matched with the defaults, with the learned weights, and — the ceiling — with the hidden
   * preference itself (base and waitlist raised above its spread, as suggestions do).
   */
  readonly next: {
    readonly withDefault: CohortRun;
    readonly withLearned: CohortRun;
    readonly withHidden: CohortRun;
  };
}

/** Hidden preference as usable weights: base and waitlisted kept above its spread, with the defaults' margin. */
function asWeights(hidden: ScoreWeights): ScoreWeights {
  const margin = DEFAULT_WEIGHTS.base - partSpread(DEFAULT_WEIGHTS);
  const floor = Math.ceil(partSpread(hidden) + margin);
  return { ...hidden, base: Math.max(hidden.base, floor), waitlisted: Math.max(hidden.waitlisted, floor) };
}

/**
 * Cohort 1 is matched with the default weights; after each cohort, weights are suggested from all outcomes
 * so far and the owner applies them; then one more cohort is matched with the learned weights and, for
 * comparison, with the defaults.
 */
/**
 * How the synthetic cohorts are matched: the sum-only optimum with same-team pairs allowed, as the learning
 * module was built and proven against. Under the matcher's fair default (best lowest pair first, same team
 * forbidden) the proof does not hold yet: the no-preference control keeps the defaults in only 4 of 10 programmes
 * and the learned weights' next cohort meets slightly less often (0.7130 against 0.7133) — open work in issue 15.
 */
const MATCHED_AS = { objective: 'sum' } as const;

function rulesWith(pastPairs: MatchRules['pastPairs'], weights: ScoreWeights): MatchRules {
  return { capacity: 1, allowSameStage: false, allowSameTeam: true, pastPairs, weights };
}

export function runProgram(options: ProgramOptions): ProgramResult {
  const { rand, hidden } = options;
  const size = options.size ?? 80;
  const cohorts = options.cohorts ?? 3;
  const history: FinishedPair[] = [];
  const runs: CohortRun[] = [];
  let weights: ScoreWeights = DEFAULT_WEIGHTS;
  const newCohort = () => syntheticCohort(rand, size);
  for (let k = 0; k < cohorts; k++) {
    const { candidates, pastPairs } = newCohort();
    const result = matchCohort(candidates, rulesWith(pastPairs, weights), MATCHED_AS);
    const parts = partsOfPairs(candidates, result);
    for (const p of parts) history.push({ parts: p, outcome: simulateOutcome(p, hidden, rand) });
    runs.push({ weights, pairs: parts.length, meetingRate: expectedMeetingRate(parts, hidden) });
    const report = learnFromOutcomes(history, weights);
    if (report.suggestion) weights = report.suggestion.weights;
  }
  const { candidates, pastPairs } = newCohort();
  const run = (w: ScoreWeights): CohortRun => {
    const parts = partsOfPairs(candidates, matchCohort(candidates, rulesWith(pastPairs, w), MATCHED_AS));
    return { weights: w, pairs: parts.length, meetingRate: expectedMeetingRate(parts, hidden) };
  };
  return {
    cohorts: runs,
    learned: weights,
    next: {
      withDefault: run(DEFAULT_WEIGHTS),
      withLearned: run(weights),
      withHidden: run(asWeights(hidden)),
    },
  };
}
