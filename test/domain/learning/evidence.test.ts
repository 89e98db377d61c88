import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectEvidence,
  learnFromOutcomes,
  MIN_PAIRS_PER_GROUP,
  MIN_PAIRS_WITH_OUTCOMES,
  withOutcomes,
} from '../../../src/domain/learning/index.js';
import type { FinishedPair, PairOutcome, PairScoreParts } from '../../../src/domain/learning/types.js';
import { DEFAULT_WEIGHTS } from '../../../src/domain/matching/index.js';
import { finishedPairArb } from '../../support/learning-arbitraries.js';

const PARTS: PairScoreParts = {
  sharedTopics: 1,
  teams: 'different',
  stageGap: 2,
  minutesApart: 60,
  waitlistedMembers: 0,
};
const MET_ALL: PairOutcome = { fit: 'good', meetingsLogged: 6, weeks: 6, surveyRating: 5, endedEarly: false };
const MET_HALF: PairOutcome = {
  fit: 'unsure',
  meetingsLogged: 3,
  weeks: 6,
  surveyRating: 3,
  endedEarly: false,
};

function pairs(count: number, parts: Partial<PairScoreParts>, outcome: PairOutcome): FinishedPair[] {
  return Array.from({ length: count }, () => ({ parts: { ...PARTS, ...parts }, outcome }));
}

describe('learnFromOutcomes before there is enough', () => {
  it(`shows nothing until ${MIN_PAIRS_WITH_OUTCOMES} pairs have outcomes`, () => {
    fc.assert(
      fc.property(fc.array(finishedPairArb, { maxLength: 40 }), (list) => {
        const report = learnFromOutcomes(list);
        const usable = withOutcomes(list).length;
        expect(report.pairsWithOutcomes).toBe(usable);
        expect(report.ready).toBe(usable >= MIN_PAIRS_WITH_OUTCOMES);
        if (!report.ready) {
          expect(report.evidence).toEqual([]);
          expect(report.suggestion).toBeUndefined();
          expect(report.lines.join(' ')).not.toMatch(/%/);
        }
      }),
    );
  });

  it("doesn't count pairs that have no outcome yet", () => {
    const none: PairOutcome = {
      fit: null,
      meetingsLogged: 0,
      weeks: 0,
      surveyRating: null,
      endedEarly: false,
    };
    const report = learnFromOutcomes([...pairs(19, {}, MET_ALL), ...pairs(30, {}, none)]);
    expect(report.ready).toBe(false);
    expect(report.pairsWithOutcomes).toBe(19);
    expect(report.lines[0]).toContain('19 of the 20');
  });
});

describe('evidence per part', () => {
  it('withholds every figure over fewer than 5 pairs, and never leaves exactly one group hidden', () => {
    fc.assert(
      fc.property(fc.array(finishedPairArb, { minLength: 20, maxLength: 80 }), (list) => {
        const usable = withOutcomes(list);
        for (const e of collectEvidence(usable, DEFAULT_WEIGHTS)) {
          // Groups partition the pairs, and are counts of pairs.
          expect(e.groups.reduce((s, g) => s + g.pairs, 0)).toBe(usable.length);
          for (const g of e.groups) {
            expect(g.pairs).toBeGreaterThan(0);
            if (g.pairs < MIN_PAIRS_PER_GROUP) {
              expect(g.withheld).toBe('too-few');
              expect(g.success).toBeNull();
              expect(g.meetingShare).toBeNull();
              expect(e.line).toContain(`${g.label} (${g.pairs})`);
            }
          }
          // One hidden group next to shown ones could be worked out from an overall figure.
          expect(e.groups.filter((g) => g.success === null).length).not.toBe(1);
          for (const g of e.groups) expect(g.withheld === null).toBe(g.success !== null);
          if (e.comparison) {
            expect(e.groups.find((g) => g.key === e.comparison?.better)?.success).not.toBeNull();
            expect(e.groups.find((g) => g.key === e.comparison?.worse)?.success).not.toBeNull();
          }
        }
      }),
    );
  });

  it('says which time-zone group did better, with its figures and counts of pairs', () => {
    const list = [
      ...pairs(41, { minutesApart: 120 }, MET_ALL),
      ...pairs(23, { minutesApart: 600 }, MET_HALF),
    ];
    const tz = collectEvidence(list, DEFAULT_WEIGHTS).find((e) => e.part === 'timeZones')!;
    expect(tz.groups.map((g) => [g.key, g.pairs, g.meetingShare])).toEqual([
      ['near', 41, 1],
      ['far', 23, 0.5],
    ]);
    expect(tz.comparison).toMatchObject({ better: 'near', worse: 'far', clear: true });
    expect(tz.line).toBe(
      'Time zones: pairs within 6 hours of each other did better than pairs more than 6 hours apart — outcome 100%, meetings held 100% (41 pairs) against outcome 60%, meetings held 50% (23 pairs).',
    );
  });

  it('calls a difference within the noise "no clear difference"', () => {
    const mixed = (n: number, minutesApart: number) =>
      Array.from({ length: n }, (_, i) => ({
        parts: { ...PARTS, minutesApart },
        outcome: i % 2 === 0 ? MET_ALL : MET_HALF,
      }));
    const tz = collectEvidence([...mixed(20, 0), ...mixed(21, 600)], DEFAULT_WEIGHTS).find(
      (e) => e.part === 'timeZones',
    )!;
    expect(tz.comparison?.clear).toBe(false);
    expect(tz.line).toMatch(/^Time zones: no clear difference yet/);
  });

  it('hides a small group and its smallest neighbour, and says there are not enough pairs yet', () => {
    const list = [
      ...pairs(3, { sharedTopics: 0 }, MET_HALF),
      ...pairs(8, { sharedTopics: 1 }, MET_ALL),
      ...pairs(30, { sharedTopics: 2 }, MET_ALL),
    ];
    const topics = collectEvidence(list, DEFAULT_WEIGHTS).find((e) => e.part === 'sharedTopics')!;
    expect(topics.groups.map((g) => [g.key, g.pairs, g.success])).toEqual([
      ['0', 3, null],
      ['1', 8, null],
      ['2+', 30, 1],
    ]);
    expect(topics.comparison).toBeUndefined();
    expect(topics.groups.map((g) => g.withheld)).toEqual(['too-few', 'protect-small-group', null]);
    expect(topics.line).toContain(
      "Not enough pairs yet sharing no topic (3). Not shown, so that the smaller group can't be worked out: sharing one topic (8).",
    );
  });
});
