import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/demo/people.js';
import { previewWeights } from '../../../src/domain/learning/index.js';
import { DEFAULT_WEIGHTS } from '../../../src/domain/matching/index.js';
import type { MatchRules } from '../../../src/domain/matching/types.js';
import { syntheticCohort } from '../../support/synthetic-programs.js';

describe('previewWeights', () => {
  const { candidates, pastPairs } = syntheticCohort(seededRandom(42), 60);
  const rules: MatchRules = { capacity: 1, allowSameStage: false, pastPairs };

  it('reports no change for the same weights', () => {
    const p = previewWeights(candidates, rules, DEFAULT_WEIGHTS, { ...DEFAULT_WEIGHTS });
    expect(p.pairsChanged).toBe(0);
    expect(p.pairsKept).toBe(p.current.pairs);
    expect(p.suggested).toEqual(p.current);
    expect(p.lines).toEqual([`The suggested weights make the same ${p.current.pairs} pairs.`]);
  });

  it('shows closer pairs when time zones weigh more, in counts only', () => {
    const heavy = {
      ...DEFAULT_WEIGHTS,
      nearbyTimeZones: 30,
      penaltyPerHourBeyond: 8,
      base: 160,
      waitlisted: 160,
    };
    const p = previewWeights(candidates, rules, DEFAULT_WEIGHTS, heavy);
    expect(p.pairsChanged).toBeGreaterThan(0);
    expect(p.pairsKept + p.pairsChanged).toBe(p.suggested.pairs);
    expect(p.suggested.medianMinutesApart!).toBeLessThanOrEqual(p.current.medianMinutesApart!);
    expect(p.suggested.pairs + p.suggested.unmatched / 2).toBeGreaterThan(0);
    const text = p.lines.join('\n');
    expect(text).toContain(`${p.pairsChanged} of ${p.suggested.pairs} pairs would change`);
    expect(text).toMatch(/Median time apart: [\d.]+ h → [\d.]+ h/);
    // Counts only: nobody's id appears.
    expect(text).not.toMatch(/UM[RE]\d/);
  });
});
