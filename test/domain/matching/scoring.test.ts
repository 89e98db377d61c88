import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineScore,
  DEFAULT_WEIGHTS,
  minutesApart,
  resolveWeights,
  scorePair,
  sharedTopics,
} from '../../../src/domain/matching/scoring.js';
import type { MatchCandidate } from '../../../src/domain/matching/types.js';

const W = DEFAULT_WEIGHTS;

function person(role: 'mentor' | 'mentee', extra: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    userId: role,
    role,
    careerStage: role === 'mentor' ? 'early' : 'senior',
    topics: [],
    team: '',
    tzOffsetMinutes: 0,
    blocked: [],
    ...extra,
  };
}

describe('DEFAULT_WEIGHTS', () => {
  it('has the documented values', () => {
    expect(W).toEqual({
      base: 120,
      perSharedTopic: 20,
      maxCountedTopics: 3,
      differentTeams: 10,
      stageGap: [0, 8, 15, 12],
      nearbyTimeZones: 10,
      comfortableHoursApart: 6,
      penaltyPerHourBeyond: 3,
      waitlisted: 120,
    });
  });

  it('makes one more pair worth more than turning any other pair from worst to best', () => {
    const best = combineScore(W, 3, true, 2, 0) - W.base;
    const worst = combineScore(W, 0, false, 0, 12 * 60) - W.base;
    expect(best).toBe(95);
    expect(worst).toBe(-18);
    expect(W.base).toBeGreaterThan(best - worst);
  });

  it('puts a waitlisted person ahead of any difference in fit between two pairs', () => {
    const spread = combineScore(W, 3, true, 2, 0) - combineScore(W, 0, false, 0, 12 * 60);
    expect(spread).toBe(113);
    expect(W.waitlisted).toBeGreaterThan(spread);
    // The worst pair with one waitlisted member outscores the best pair without.
    expect(combineScore(W, 0, false, 0, 12 * 60, 1)).toBeGreaterThan(combineScore(W, 3, true, 2, 0, 0));
  });

  it('keeps every allowed pair above zero, in whole numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 720 }),
        fc.integer({ min: 0, max: 2 }),
        (shared, differ, gap, minutes, waitlisted) => {
          const score = combineScore(W, shared, differ, gap, minutes, waitlisted);
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThan(0);
          expect(score).toBe(combineScore(W, shared, differ, gap, minutes) + 120 * waitlisted);
        },
      ),
    );
    // Even with weights that would push a pair to zero or below, it stays at 1; the bonus comes on top.
    const harsh = resolveWeights({ base: 0, nearbyTimeZones: 0 });
    expect(combineScore(harsh, 0, false, 0, 720)).toBe(1);
    expect(combineScore(harsh, 0, false, 0, 720, 2)).toBe(241);
  });

  it('prefers two stages apart, then three, then one', () => {
    const at = (gap: number) => combineScore(W, 1, false, gap, 0);
    expect(at(2)).toBeGreaterThan(at(3));
    expect(at(3)).toBeGreaterThan(at(1));
    expect(at(1)).toBeGreaterThan(at(0));
  });

  it('treats time zones within 6 hours alike and penalises more the further apart beyond that', () => {
    const at = (hours: number) => combineScore(W, 0, false, 1, hours * 60);
    expect(at(0)).toBe(at(6));
    expect(at(6) - at(7)).toBe(13);
    expect(at(7) - at(9)).toBe(6);
    expect(at(12)).toBe(at(6) - 28);
  });

  it('caps the topics that count', () => {
    expect(combineScore(W, 5, false, 1, 0)).toBe(combineScore(W, 3, false, 1, 0));
    expect(combineScore(W, 3, false, 1, 0) - combineScore(W, 2, false, 1, 0)).toBe(20);
  });
});

describe('resolveWeights', () => {
  it('fills in defaults and refuses nonsense', () => {
    expect(resolveWeights({ base: 50 })).toEqual({ ...W, base: 50 });
    expect(() => resolveWeights({ perSharedTopic: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => resolveWeights({ maxCountedTopics: 2.5 })).toThrow(RangeError);
    expect(resolveWeights({ waitlisted: 0 }).waitlisted).toBe(0);
    expect(() => resolveWeights({ waitlisted: 0.5 })).toThrow(RangeError);
    expect(() => resolveWeights({ waitlisted: -1 })).toThrow(RangeError);
    expect(() =>
      resolveWeights({ stageGap: [1, 2, 3] as unknown as [number, number, number, number] }),
    ).toThrow(RangeError);
  });
});

describe('scorePair and its parts', () => {
  it('adds up a concrete pair', () => {
    const mentor = person('mentor', {
      topics: ['ai-tools', 'social-media', 'data-analytics'],
      team: 'Engineering',
    });
    const mentee = person('mentee', {
      topics: ['ai-tools', 'social-media'],
      team: 'Sales',
      tzOffsetMinutes: 9 * 60,
      careerStage: 'executive',
    });
    // 120 base + 2 × 20 topics + 10 teams + 12 (three stages) − 3 × 3 h beyond six
    expect(scorePair(mentor, mentee)).toBe(120 + 40 + 10 + 12 - 9);
  });

  it('adds the waitlist bonus for each waitlisted member of the pair', () => {
    const mentor = person('mentor', { topics: ['ai-tools'] });
    const mentee = person('mentee', { topics: ['ai-tools'] });
    // 120 base + 20 topic + 15 (two stages) + 10 nearby
    expect(scorePair(mentor, mentee)).toBe(165);
    expect(scorePair({ ...mentor, waitlisted: false }, { ...mentee, waitlisted: false })).toBe(165);
    expect(scorePair({ ...mentor, waitlisted: true }, mentee)).toBe(165 + 120);
    expect(scorePair(mentor, { ...mentee, waitlisted: true })).toBe(165 + 120);
    expect(scorePair({ ...mentor, waitlisted: true }, { ...mentee, waitlisted: true })).toBe(165 + 240);
    expect(scorePair({ ...mentor, waitlisted: true }, mentee, resolveWeights({ waitlisted: 7 }))).toBe(
      165 + 7,
    );
  });

  it('compares teams trimmed and case-insensitively, and ignores blank teams', () => {
    const a = person('mentor', { team: ' Sales' });
    expect(scorePair(a, person('mentee', { team: 'sales ' }))).toBe(
      scorePair(a, person('mentee', { team: '' })),
    );
    expect(
      scorePair(a, person('mentee', { team: 'Data' })) - scorePair(a, person('mentee', { team: 'SALES' })),
    ).toBe(10);
  });

  it('measures time zones the short way round the day', () => {
    expect(minutesApart(-600, 780)).toBe(60);
    expect(minutesApart(330, -300)).toBe(630);
    expect(minutesApart(0, 720)).toBe(720);
    expect(minutesApart(60, 60)).toBe(0);
  });

  it('shares only topics both picked (and offered), deduplicated and in catalogue order', () => {
    const mentor = person('mentor', { topics: ['other:figma', 'social-media', 'ai-tools'] });
    const mentee = person('mentee', { topics: ['ai-tools', 'other:figma', 'social-media', 'ai-tools'] });
    expect(sharedTopics(mentor, mentee)).toEqual(['ai-tools', 'social-media', 'other:figma']);
    expect(sharedTopics(mentor, mentee, ['other:figma', 'leadership-perspectives'])).toEqual(['other:figma']);
    expect(sharedTopics(mentor, mentee, [])).toEqual([]);
  });
});
