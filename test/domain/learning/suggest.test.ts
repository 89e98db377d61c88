import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/demo/people.js';
import {
  learnFromOutcomes,
  MAX_SPREAD_GROWTH,
  partSpread,
  suggestWeights,
  WEIGHT_BOUNDS,
} from '../../../src/domain/learning/index.js';
import { weightValue } from '../../../src/domain/learning/suggest.js';
import type { FinishedPair, PairScoreParts } from '../../../src/domain/learning/types.js';
import { DEFAULT_WEIGHTS, resolveWeights } from '../../../src/domain/matching/index.js';
import type { ScoreWeights } from '../../../src/domain/matching/types.js';
import { partsArb } from '../../support/learning-arbitraries.js';
import { simulateOutcome } from '../../support/synthetic-programs.js';

const hiddenArb: fc.Arbitrary<ScoreWeights> = fc
  .record({
    perSharedTopic: fc.integer({ min: 0, max: 60 }),
    differentTeams: fc.integer({ min: 0, max: 40 }),
    stageGap: fc.tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
    ),
    nearbyTimeZones: fc.integer({ min: 0, max: 60 }),
    penaltyPerHourBeyond: fc.integer({ min: 0, max: 15 }),
  })
  .map((h) => ({ ...DEFAULT_WEIGHTS, ...h }));

function programme(parts: readonly PairScoreParts[], hidden: ScoreWeights, seed: number): FinishedPair[] {
  const rand = seededRandom(seed);
  return parts.map((p) => ({ parts: p, outcome: simulateOutcome(p, hidden, rand) }));
}

const LEARNED = [
  'perSharedTopic',
  'differentTeams',
  'stageGap[0]',
  'stageGap[1]',
  'stageGap[2]',
  'stageGap[3]',
  'nearbyTimeZones',
  'penaltyPerHourBeyond',
] as const;

describe('suggestWeights', () => {
  it('keeps weights valid, in bounds, whole, within the spread limit, and the promises of base and waitlist', () => {
    fc.assert(
      fc.property(
        fc.array(partsArb, { minLength: 20, maxLength: 300 }),
        hiddenArb,
        fc.integer(),
        (parts, hidden, seed) => {
          const current = DEFAULT_WEIGHTS;
          const s = suggestWeights(programme(parts, hidden, seed), current);
          expect(() => resolveWeights(s.weights)).not.toThrow();
          for (const key of LEARNED) {
            const to = weightValue(s.weights, key);
            if (to === weightValue(current, key)) continue;
            expect(Number.isInteger(to)).toBe(true);
            expect(to).toBeGreaterThanOrEqual(WEIGHT_BOUNDS[key][0]);
            expect(to).toBeLessThanOrEqual(WEIGHT_BOUNDS[key][1]);
          }
          expect(s.weights.maxCountedTopics).toBe(current.maxCountedTopics);
          expect(s.weights.comfortableHoursApart).toBe(current.comfortableHoursApart);
          expect(partSpread(s.weights)).toBeLessThanOrEqual(MAX_SPREAD_GROWTH * partSpread(current));
          expect(s.weights.base).toBeGreaterThan(partSpread(s.weights));
          expect(s.weights.waitlisted).toBeGreaterThan(partSpread(s.weights));
          expect(Number.isInteger(s.weights.waitlisted)).toBe(true);
          // The diff lists exactly what changed.
          const changed = [...LEARNED, 'base', 'waitlisted'].filter(
            (k) => weightValue(s.weights, k as never) !== weightValue(current, k as never),
          );
          expect(s.changes.map((c) => c.weight).sort()).toEqual(changed.sort());
          for (const c of s.changes) {
            expect(c.from).toBe(weightValue(current, c.weight));
            expect(c.to).toBe(weightValue(s.weights, c.weight));
          }
          expect(s.lines.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('suggests nothing when success has nothing to do with the score', () => {
    const parts = fc.sample(partsArb, { numRuns: 200, seed: 7 });
    const rand = seededRandom(3);
    const pairs = parts.map((p) => ({
      parts: p,
      outcome: {
        fit: null,
        meetingsLogged: Math.floor(rand() * 7),
        weeks: 6,
        surveyRating: null,
        endedEarly: false,
      },
    }));
    const s = suggestWeights(pairs, DEFAULT_WEIGHTS);
    expect(s.weights).toBe(DEFAULT_WEIGHTS);
    expect(s.changes).toEqual([]);
    expect(s.lines[0]).toMatch(/^No change suggested yet/);
  });

  it('raises a part the outcomes clearly value more, and only with plenty of pairs', () => {
    const hidden = { ...DEFAULT_WEIGHTS, perSharedTopic: 40 };
    const parts = fc.sample(partsArb, { numRuns: 600, seed: 11 });
    const many = suggestWeights(programme(parts, hidden, 5), DEFAULT_WEIGHTS);
    expect(many.weights.perSharedTopic).toBeGreaterThan(DEFAULT_WEIGHTS.perSharedTopic);
    expect(many.changes.find((c) => c.weight === 'perSharedTopic')?.why).toMatch(
      /each shared topic is worth more/,
    );
    expect(many.lines[0]).toMatch(/^Suggested from 600 pairs with outcomes: per shared topic 20 → \d+/);
    // A handful of pairs moves nothing: the gate wants the change to be clear.
    const few = suggestWeights(programme(parts.slice(0, 25), hidden, 5), DEFAULT_WEIGHTS);
    expect(few.weights.perSharedTopic).toBe(DEFAULT_WEIGHTS.perSharedTopic);
  });

  it('learnFromOutcomes resolves partial current weights and reports evidence for every part', () => {
    const parts = fc.sample(partsArb, { numRuns: 100, seed: 2 });
    const report = learnFromOutcomes(programme(parts, DEFAULT_WEIGHTS, 1), { nearbyTimeZones: 12 });
    expect(report.ready).toBe(true);
    expect(report.evidence.map((e) => e.part)).toEqual([
      'timeZones',
      'sharedTopics',
      'teams',
      'stageGap',
      'waitlisted',
    ]);
    expect(report.suggestion?.weights.base).toBe(DEFAULT_WEIGHTS.base);
    expect(report.lines.length).toBe(report.evidence.length + (report.suggestion?.lines.length ?? 0));
  });
});
