// The proof: synthetic programmes where a hidden preference drives outcomes. Learning between cohorts must
// find the direction of the preference, and leave the weights alone when there is none to find.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/demo/people.js';
import { DEFAULT_WEIGHTS } from '../../../src/domain/matching/index.js';
import type { ScoreWeights } from '../../../src/domain/matching/types.js';
import { runProgram, TIME_ZONES_TWICE } from '../../support/synthetic-programs.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** What being near is worth against a typical far pair (9 hours apart) under these weights. */
function closeness(w: ScoreWeights): number {
  return w.nearbyTimeZones + w.penaltyPerHourBeyond * (9 - w.comfortableHoursApart);
}

describe('learning over synthetic programmes', () => {
  it('moves time-zone weights up when closeness matters twice as much as the defaults say', () => {
    const runs = SEEDS.map((seed) => runProgram({ rand: seededRandom(seed), hidden: TIME_ZONES_TWICE }));
    const moves = runs.map((r) => closeness(r.learned) - closeness(DEFAULT_WEIGHTS));
    // Never the wrong way, and found in most programmes (the rest: not clear enough yet, so left alone).
    expect(Math.min(...moves)).toBeGreaterThanOrEqual(0);
    expect(moves.filter((m) => m > 0).length).toBeGreaterThanOrEqual(5);
    // Nothing else drifts far.
    for (const r of runs) {
      expect(Math.abs(r.learned.perSharedTopic - DEFAULT_WEIGHTS.perSharedTopic)).toBeLessThanOrEqual(5);
    }
    // And the next cohort, matched with the learned weights, meets at least as often on average.
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(runs.map((r) => r.next.withLearned.meetingRate))).toBeGreaterThanOrEqual(
      mean(runs.map((r) => r.next.withDefault.meetingRate)),
    );
  }, 60_000);

  it('stays near the defaults when outcomes follow the defaults', () => {
    const runs = SEEDS.map((seed) => runProgram({ rand: seededRandom(seed), hidden: DEFAULT_WEIGHTS }));
    const unchanged = runs.filter((r) => JSON.stringify(r.learned) === JSON.stringify(DEFAULT_WEIGHTS));
    expect(unchanged.length).toBeGreaterThanOrEqual(7);
    for (const r of runs) {
      expect(r.learned.base).toBe(DEFAULT_WEIGHTS.base);
      expect(Math.abs(closeness(r.learned) - closeness(DEFAULT_WEIGHTS))).toBeLessThanOrEqual(10);
      for (let g = 0; g < 4; g++) {
        expect(Math.abs(r.learned.stageGap[g]! - DEFAULT_WEIGHTS.stageGap[g]!)).toBeLessThanOrEqual(10);
      }
    }
  }, 60_000);
});
