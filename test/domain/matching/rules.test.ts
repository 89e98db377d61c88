import { describe, expect, it } from 'vitest';
import {
  CONFIDENTIAL_MESSAGE,
  checkHardRules,
  pairsWithinWindow,
} from '../../../src/domain/matching/rules.js';
import type { MatchCandidate } from '../../../src/domain/matching/types.js';

function person(
  userId: string,
  role: 'mentor' | 'mentee',
  extra: Partial<MatchCandidate> = {},
): MatchCandidate {
  return {
    userId,
    role,
    careerStage: role === 'mentor' ? 'early' : 'senior',
    topics: [],
    team: '',
    tzOffsetMinutes: 0,
    blocked: [],
    ...extra,
  };
}

const names = new Map([
  ['U1', 'Maya'],
  ['U2', 'Sam'],
]);
const RULES = { allowSameStage: false, pastPairs: [] as [string, string][] };

describe('checkHardRules', () => {
  it('accepts a good pair', () => {
    expect(checkHardRules(person('U1', 'mentor'), person('U2', 'mentee'), RULES, names)).toEqual([]);
  });

  it('explains a stage problem with names, and adapts when same stage is allowed', () => {
    const maya = person('U1', 'mentor', { careerStage: 'senior' });
    const sam = person('U2', 'mentee', { careerStage: 'senior' });
    expect(checkHardRules(maya, sam, RULES, names)).toEqual([
      {
        kind: 'stage',
        message: 'Maya (mentor) is not at an earlier career stage than Sam (Senior vs Senior)',
      },
    ]);
    expect(checkHardRules(maya, sam, { ...RULES, allowSameStage: true }, names)).toEqual([]);
    const samMid = person('U2', 'mentee', { careerStage: 'mid' });
    expect(checkHardRules(maya, samMid, { ...RULES, allowSameStage: true }, names)).toEqual([
      { kind: 'stage', message: 'Maya (mentor) is at a later career stage than Sam (Senior vs Mid-career)' },
    ]);
  });

  it('names the same-team rule (teams compared trimmed, ignoring case) unless the cohort allows it', () => {
    const maya = person('U1', 'mentor', { team: 'Sales' });
    const sam = person('U2', 'mentee', { team: ' SALES ' });
    const sameTeam = {
      kind: 'same-team',
      message: "Same team: the cohort doesn't pair people from the same team",
    };
    expect(checkHardRules(maya, sam, RULES, names)).toEqual([sameTeam]);
    expect(checkHardRules(maya, sam, { ...RULES, allowSameTeam: false }, names)).toEqual([sameTeam]);
    expect(checkHardRules(maya, sam, { ...RULES, allowSameTeam: true }, names)).toEqual([]);
    expect(checkHardRules(maya, person('U2', 'mentee', { team: 'Data' }), RULES, names)).toEqual([]);
    expect(checkHardRules(maya, person('U2', 'mentee', { team: '  ' }), RULES, names)).toEqual([]);
    // Visible like the stage rule, so a confidential rule on the same pair stays unsaid.
    const blocked = person('U2', 'mentee', { team: 'Sales', blocked: ['U1'] });
    expect(checkHardRules(maya, blocked, RULES, names)).toEqual([sameTeam]);
  });

  it('falls back to user ids without a name', () => {
    const messages = checkHardRules(
      person('U9', 'mentor', { careerStage: 'executive' }),
      person('U2', 'mentee'),
      RULES,
    );
    expect(messages.map((v) => v.message)).toEqual([
      'U9 (mentor) is not at an earlier career stage than U2 (Executive vs Senior)',
    ]);
  });

  it('reports an earlier pairing (in either order) exactly as it reports a block, so neither can be told apart', () => {
    const earlier = checkHardRules(
      person('U1', 'mentor'),
      person('U2', 'mentee'),
      { ...RULES, pastPairs: [['U2', 'U1']] },
      names,
    );
    const blocked = checkHardRules(
      person('U1', 'mentor'),
      person('U2', 'mentee', { blocked: ['U1'] }),
      RULES,
    );
    expect(earlier).toEqual([{ kind: 'confidential', message: CONFIDENTIAL_MESSAGE }]);
    expect(blocked).toEqual(earlier);
  });

  it("reports a block neutrally, without saying who asked — and only when it's the only problem", () => {
    const byMentee = checkHardRules(
      person('U1', 'mentor'),
      person('U2', 'mentee', { blocked: ['U1'] }),
      RULES,
      names,
    );
    const byMentor = checkHardRules(
      person('U1', 'mentor', { blocked: ['U2'] }),
      person('U2', 'mentee'),
      RULES,
      names,
    );
    expect(byMentee).toEqual([{ kind: 'confidential', message: CONFIDENTIAL_MESSAGE }]);
    expect(byMentor).toEqual(byMentee);
    expect(CONFIDENTIAL_MESSAGE).toBe("These two can't be paired under the program's rules");
    expect(CONFIDENTIAL_MESSAGE).not.toMatch(/Maya|Sam|block|asked/i);
    // A stage problem already rules the pair out: the block isn't revealed on top of it.
    const both = checkHardRules(
      person('U1', 'mentor', { careerStage: 'executive', blocked: ['U2'] }),
      person('U2', 'mentee'),
      RULES,
      names,
    );
    expect(both.map((v) => v.kind)).toEqual(['stage']);
  });

  it('refuses a person paired with themself, and wrong roles', () => {
    expect(checkHardRules(person('U1', 'mentor'), person('U1', 'mentee'), RULES, names)).toEqual([
      { kind: 'self', message: "Maya can't be paired with themself" },
    ]);
    expect(
      checkHardRules(person('U2', 'mentee'), person('U1', 'mentor'), RULES, names).map((v) => v.message),
    ).toEqual([
      'Sam signed up as a mentee, not a mentor',
      'Maya signed up as a mentor, not a mentee',
      'Sam (mentor) is not at an earlier career stage than Maya (Senior vs Early career)',
    ]);
  });
});

describe('pairsWithinWindow', () => {
  const history = [
    { mentorId: 'a', menteeId: 'b', cohortStartedOn: '2024-01-15' },
    { mentorId: 'c', menteeId: 'd', cohortStartedOn: '2025-03-01' },
    { mentorId: 'b', menteeId: 'a', cohortStartedOn: '2025-02-01' }, // same two people, other way round
    { mentorId: 'e', menteeId: 'f', cohortStartedOn: '2025-06-02' }, // hasn't started yet
    { mentorId: 'g', menteeId: 'h', cohortStartedOn: '2025-06-01' }, // started today
  ];

  it('with no window, returns every earlier pairing once, in a stable order', () => {
    expect(pairsWithinWindow(history, null, '2025-06-01')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['g', 'h'],
    ]);
  });

  it('with a window, keeps only cohorts that started within that many days', () => {
    // 2025-03-01 is 92 days before 2025-06-01; 2025-02-01 is 120.
    expect(pairsWithinWindow(history, 92, '2025-06-01')).toEqual([
      ['c', 'd'],
      ['g', 'h'],
    ]);
    expect(pairsWithinWindow(history, 91, '2025-06-01')).toEqual([['g', 'h']]);
    expect(pairsWithinWindow(history, 120, '2025-06-01')).toEqual([
      ['b', 'a'],
      ['c', 'd'],
      ['g', 'h'],
    ]);
    expect(pairsWithinWindow(history, 0, '2025-06-01')).toEqual([['g', 'h']]);
  });

  it('does not depend on the order of the history', () => {
    expect(pairsWithinWindow([...history].reverse(), null, '2025-06-01')).toEqual(
      pairsWithinWindow(history, null, '2025-06-01'),
    );
  });

  it('refuses malformed dates and windows rather than silently dropping rules', () => {
    expect(() => pairsWithinWindow(history, null, '2025-6-1')).toThrow(RangeError);
    expect(() =>
      pairsWithinWindow(
        [{ mentorId: 'a', menteeId: 'b', cohortStartedOn: '2025-02-30' }],
        null,
        '2025-06-01',
      ),
    ).toThrow(RangeError);
    expect(() => pairsWithinWindow(history, -1, '2025-06-01')).toThrow(RangeError);
    expect(() => pairsWithinWindow(history, 1.5, '2025-06-01')).toThrow(RangeError);
  });
});
