import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TopicKey } from '../../../src/domain/catalogue.js';
import { pairQuality, qualitySummary } from '../../../src/domain/matching/index.js';
import { pairReasons } from '../../../src/domain/matching/reasons.js';
import type { MatchCandidate, MatchRules } from '../../../src/domain/matching/types.js';

const RULES: MatchRules = { capacity: 1, allowSameStage: false, pastPairs: [] };

function person(role: 'mentor' | 'mentee', extra: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    userId: role === 'mentor' ? 'M' : 'E',
    role,
    careerStage: role === 'mentor' ? 'early' : 'senior',
    topics: [],
    team: '',
    tzOffsetMinutes: 0,
    blocked: [],
    ...extra,
  };
}

/** A pair as the matcher reports it: reasons from the two profiles. */
function pairOf(mentor: Partial<MatchCandidate>, mentee: Partial<MatchCandidate>, offered?: TopicKey[]) {
  return { menteeId: 'E', reasons: pairReasons(person('mentor', mentor), person('mentee', mentee), offered) };
}

const TWO: TopicKey[] = ['ai-tools', 'social-media'];

describe('pairQuality', () => {
  it('calls two shared topics, other teams and a shared working day strong', () => {
    const pair = pairOf({ topics: TWO, team: 'Data' }, { topics: TWO, team: 'Sales', tzOffsetMinutes: 360 });
    expect(pairQuality(pair, RULES)).toEqual({ band: 'strong', flags: [] });
    // Teams not given count as different.
    expect(pairQuality(pairOf({ topics: TWO }, { topics: TWO }), RULES).band).toBe('strong');
  });

  it('needs only one shared topic for strong when the mentee wants only one (within the cohort’s topics)', () => {
    const one = pairOf({ topics: TWO }, { topics: ['ai-tools'] });
    expect(pairQuality(one, RULES, ['ai-tools']).band).toBe('strong');
    // Without the mentee's topics, or when she wants more, one isn't enough.
    expect(pairQuality(one, RULES).band).toBe('fair');
    const wantsTwo = pairOf({ topics: TWO }, { topics: ['ai-tools', 'data-analytics'] });
    expect(pairQuality(wantsTwo, RULES, ['ai-tools', 'data-analytics']).band).toBe('fair');
    // The cohort offers only AI tools: her other wish can't be met by anyone, so one is all there is.
    const limited: MatchRules = { ...RULES, offeredTopics: ['ai-tools', 'social-media'] };
    expect(pairQuality(wantsTwo, limited, ['ai-tools', 'data-analytics']).band).toBe('strong');
  });

  it('calls a pair fair when the same team or a long distance (up to 8 h) keeps it from strong', () => {
    const sameTeam = pairOf({ topics: TWO, team: 'Sales' }, { topics: TWO, team: ' sales' });
    expect(pairQuality(sameTeam, RULES)).toEqual({
      band: 'fair',
      flags: ['same-team'],
    });
    const sevenHours = pairOf({ topics: TWO }, { topics: TWO, tzOffsetMinutes: 420 });
    expect(pairQuality(sevenHours, RULES)).toEqual({ band: 'fair', flags: [] });
    const eightHours = pairOf({ topics: TWO }, { topics: TWO, tzOffsetMinutes: -480 });
    expect(pairQuality(eightHours, RULES)).toEqual({ band: 'fair', flags: [] });
    // The comfortable distance comes from the weights.
    expect(pairQuality(sevenHours, { ...RULES, weights: { comfortableHoursApart: 7 } }).band).toBe('strong');
  });

  it('calls a pair weak with no topic in common or more than 8 h apart, and says which', () => {
    expect(pairQuality(pairOf({ topics: TWO }, { topics: ['data-analytics'] }), RULES)).toEqual({
      band: 'weak',
      flags: ['no-shared-topic'],
    });
    expect(pairQuality(pairOf({ topics: TWO }, { topics: TWO, tzOffsetMinutes: 481 }), RULES)).toEqual({
      band: 'weak',
      flags: ['far-apart'],
    });
    // Far apart the short way round the clock: UTC-10 and UTC+13 are only 1 h apart.
    expect(
      pairQuality(
        pairOf({ topics: TWO, tzOffsetMinutes: -600 }, { topics: TWO, tzOffsetMinutes: 780 }),
        RULES,
      ).band,
    ).toBe('strong');
    const everything = pairOf(
      { team: 'Sales', tzOffsetMinutes: -480 },
      { topics: TWO, team: 'Sales', tzOffsetMinutes: 330 },
    );
    expect(pairQuality(everything, RULES)).toEqual({
      band: 'weak',
      flags: ['no-shared-topic', 'same-team', 'far-apart'],
    });
  });

  it('bands every pair by the documented rules (property)', () => {
    const topicsArb = fc.subarray<TopicKey>(['ai-tools', 'social-media', 'data-analytics', 'other:tiktok']);
    const personArb = fc.record({
      topics: topicsArb,
      team: fc.constantFrom('', 'Sales', 'sales ', 'Data'),
      tzOffsetMinutes: fc.integer({ min: -720, max: 840 }),
    });
    fc.assert(
      fc.property(personArb, personArb, fc.boolean(), (mentor, mentee, withTopics) => {
        const pair = pairOf(mentor, mentee);
        const quality = pairQuality(pair, RULES, withTopics ? mentee.topics : undefined);
        const shared = mentor.topics.filter((t) => mentee.topics.includes(t)).length;
        const d = Math.abs(mentor.tzOffsetMinutes - mentee.tzOffsetMinutes) % 1440;
        const apart = Math.min(d, 1440 - d);
        const same =
          mentor.team.trim() !== '' && mentor.team.trim().toLowerCase() === mentee.team.trim().toLowerCase();
        const needed = withTopics && mentee.topics.length === 1 ? 1 : 2;
        const expected =
          shared === 0 || apart > 480
            ? 'weak'
            : shared >= needed && !same && apart <= 360
              ? 'strong'
              : 'fair';
        expect(quality.band).toBe(expected);
        expect(quality.flags.includes('no-shared-topic')).toBe(shared === 0);
        expect(quality.flags.includes('same-team')).toBe(same);
        expect(quality.flags.includes('far-apart')).toBe(apart > 480);
      }),
      { numRuns: 500 },
    );
  });
});

describe('qualitySummary', () => {
  it('counts pairs per band and per flag', () => {
    const pairs = [
      pairOf({ topics: TWO }, { topics: TWO }),
      { ...pairOf({ topics: TWO }, { topics: ['ai-tools'] }), menteeId: 'one-topic' },
      pairOf({ topics: TWO }, { topics: ['ai-tools', 'data-analytics'] }),
      pairOf({ team: 'Sales', tzOffsetMinutes: 600 }, { topics: TWO, team: 'Sales' }),
    ];
    expect(qualitySummary(pairs, RULES, new Map([['one-topic', ['ai-tools']]]))).toEqual({
      pairs: 4,
      bands: { strong: 2, fair: 1, weak: 1 },
      flags: { 'no-shared-topic': 1, 'same-team': 1, 'far-apart': 1 },
    });
    expect(qualitySummary([], RULES)).toEqual({
      pairs: 0,
      bands: { strong: 0, fair: 0, weak: 0 },
      flags: { 'no-shared-topic': 0, 'same-team': 0, 'far-apart': 0 },
    });
  });
});
