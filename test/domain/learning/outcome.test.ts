import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasOutcome,
  meetingsLogged,
  pairFitAnswer,
  pairSuccess,
  pairSurveyRating,
  scorePartsFromReasons,
} from '../../../src/domain/learning/index.js';
import { pairReasons } from '../../../src/domain/matching/index.js';
import type { MatchCandidate } from '../../../src/domain/matching/types.js';
import { outcomeArb } from '../../support/learning-arbitraries.js';

describe('pairSuccess', () => {
  it('is a number in [0, 1] for any outcome', () => {
    fc.assert(
      fc.property(outcomeArb, (o) => {
        const s = pairSuccess(o);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never falls with one more meeting, a better answer or staying to the end', () => {
    fc.assert(
      fc.property(outcomeArb, (o) => {
        if (o.meetingsLogged < o.weeks) {
          expect(pairSuccess({ ...o, meetingsLogged: o.meetingsLogged + 1 })).toBeGreaterThan(pairSuccess(o));
        }
        if (o.fit === 'poor') expect(pairSuccess({ ...o, fit: 'unsure' })).toBeGreaterThan(pairSuccess(o));
        if (o.surveyRating !== null && o.surveyRating < 5) {
          expect(pairSuccess({ ...o, surveyRating: o.surveyRating + 1 })).toBeGreaterThan(pairSuccess(o));
        }
        if (o.endedEarly) expect(pairSuccess({ ...o, endedEarly: false })).toBeGreaterThan(pairSuccess(o));
      }),
    );
  });

  it('is 1 for a pair that met every cycle, found it good, rated 5 and stayed; 0 for the opposite', () => {
    expect(
      pairSuccess({ fit: 'good', meetingsLogged: 6, weeks: 6, surveyRating: 5, endedEarly: false }),
    ).toBe(1);
    expect(pairSuccess({ fit: 'poor', meetingsLogged: 0, weeks: 6, surveyRating: 1, endedEarly: true })).toBe(
      0,
    );
  });

  it("doesn't mark a pair down for an unanswered survey", () => {
    const answered = {
      fit: 'good',
      meetingsLogged: 6,
      weeks: 6,
      surveyRating: 5,
      endedEarly: false,
    } as const;
    expect(pairSuccess({ ...answered, surveyRating: null })).toBe(1);
    // Meetings count twice an opinion: 3 of 6 meetings (0.4 × 0.5) + stayed (0.2) + good fit (0.2) over 0.8.
    expect(pairSuccess({ ...answered, meetingsLogged: 3, surveyRating: null })).toBeCloseTo(0.75, 10);
  });

  it('a pair with nothing yet has no outcome; an early end alone is one', () => {
    const nothing = { fit: null, meetingsLogged: 0, weeks: 0, surveyRating: null, endedEarly: false };
    expect(hasOutcome(nothing)).toBe(false);
    expect(hasOutcome({ ...nothing, endedEarly: true })).toBe(true);
    expect(hasOutcome({ ...nothing, weeks: 1 })).toBe(true);
  });
});

describe('filling the inputs from stored answers', () => {
  it('takes the worse fit answer of the two', () => {
    expect(pairFitAnswer([])).toBeNull();
    expect(pairFitAnswer(['good'])).toBe('good');
    expect(pairFitAnswer(['good', 'unsure'])).toBe('unsure');
    expect(pairFitAnswer(['unsure', 'not_a_fit'])).toBe('poor');
  });

  it('counts a cycle once, whoever said they met', () => {
    expect(
      meetingsLogged([
        { cycle: 1, answer: 'met' },
        { cycle: 1, answer: 'met' },
        { cycle: 2, answer: 'not_yet' },
        { cycle: 3, answer: 'help' },
        { cycle: 4, answer: 'met' },
      ]),
    ).toBe(2);
  });

  it('averages the survey ratings', () => {
    expect(pairSurveyRating([])).toBeNull();
    expect(pairSurveyRating([4, 5])).toBe(4.5);
  });

  it("reads a pair's parts back from the reasons the matcher stored", () => {
    const person = (over: Partial<MatchCandidate>): MatchCandidate => ({
      userId: 'U1',
      role: 'mentor',
      topics: ['ai-tools', 'social-media'],
      careerStage: 'early',
      team: 'Sales',
      tzOffsetMinutes: 330,
      blocked: [],
      ...over,
    });
    const mentor = person({});
    const mentee = person({
      userId: 'U2',
      role: 'mentee',
      careerStage: 'senior',
      team: 'Legal',
      tzOffsetMinutes: -300,
      topics: ['ai-tools'],
    });
    expect(scorePartsFromReasons(pairReasons(mentor, mentee), 1)).toEqual({
      sharedTopics: 1,
      teams: 'different',
      stageGap: 2,
      minutesApart: 630,
      waitlistedMembers: 1,
    });
    expect(scorePartsFromReasons(pairReasons(mentor, { ...mentee, team: ' ' })).teams).toBe('unknown');
    expect(scorePartsFromReasons(pairReasons(mentor, { ...mentee, team: 'sales' })).teams).toBe('same');
  });
});
