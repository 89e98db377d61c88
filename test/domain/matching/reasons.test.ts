import { describe, expect, it } from 'vitest';
import {
  describeReasons,
  describeUnmatched,
  pairReasons,
  UNMATCHED_REASON_MESSAGES,
} from '../../../src/domain/matching/reasons.js';
import type { MatchCandidate, PairReason } from '../../../src/domain/matching/types.js';

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

describe('describeReasons', () => {
  it('reads like the example: topics, teams and hours apart', () => {
    const reasons: PairReason[] = [
      { kind: 'topics', shared: ['ai-tools', 'social-media'] },
      { kind: 'teams', mentorTeam: 'Sales', menteeTeam: 'Engineering', sameTeam: false },
      { kind: 'stage-gap', steps: 2, mentorStage: 'early', menteeStage: 'senior' },
      { kind: 'time-zones', minutesApart: 120 },
    ];
    expect(describeReasons(reasons)).toBe(
      'You both picked AI tools and Social media · Sales ↔ Engineering · 2 h apart',
    );
  });

  it('is honest when nothing is shared, and lists three topics with commas', () => {
    expect(describeReasons([{ kind: 'topics', shared: [] }])).toBe(
      'No topic in common yet — a chance to explore',
    );
    expect(
      describeReasons([
        { kind: 'topics', shared: ['ai-tools', 'data-analytics', 'other:notion workspaces'] },
      ]),
    ).toBe('You both picked AI tools, Data & analytics and Notion workspaces');
  });

  it('words time zones naturally', () => {
    const line = (minutesApart: number) => describeReasons([{ kind: 'time-zones', minutesApart }]);
    expect(line(0)).toBe('Same time zone');
    expect(line(45)).toBe('45 min apart');
    expect(line(330)).toBe('5 h 30 min apart');
    expect(line(720)).toBe('12 h apart');
  });

  it('says "Both in" for one team and leaves unknown teams out', () => {
    const mentor = person('a', 'mentor', { team: ' Sales ', topics: ['ai-tools'] });
    const mentee = person('b', 'mentee', { team: 'sales', topics: ['ai-tools'] });
    expect(describeReasons(pairReasons(mentor, mentee))).toBe(
      'You both picked AI tools · Both in Sales · Same time zone',
    );
    const noTeam = person('c', 'mentee', { topics: ['ai-tools'], tzOffsetMinutes: 60 });
    expect(describeReasons(pairReasons(mentor, noTeam))).toBe('You both picked AI tools · 1 h apart');
  });
});

describe('pairReasons', () => {
  it('builds structured reasons from profile fields only', () => {
    const mentor = person('maya', 'mentor', {
      topics: ['social-media', 'ai-tools', 'other:podcasting'],
      team: 'Engineering',
      tzOffsetMinutes: -600,
      blocked: ['someone'],
      careerStage: 'mid',
    });
    const mentee = person('sam', 'mentee', {
      topics: ['other:podcasting', 'ai-tools', 'leadership-perspectives'],
      team: 'Sales',
      tzOffsetMinutes: 780,
      careerStage: 'executive',
    });
    expect(pairReasons(mentor, mentee)).toEqual([
      // Catalogue order first, then custom topics.
      { kind: 'topics', shared: ['ai-tools', 'other:podcasting'] },
      { kind: 'teams', mentorTeam: 'Engineering', menteeTeam: 'Sales', sameTeam: false },
      { kind: 'stage-gap', steps: 2, mentorStage: 'mid', menteeStage: 'executive' },
      // UTC-10 and UTC+13 are 23 hours apart on paper but share most of their working day.
      { kind: 'time-zones', minutesApart: 60 },
    ]);
    expect(JSON.stringify(pairReasons(mentor, mentee))).not.toContain('someone');
  });

  it('says nothing about the waitlist: the same reasons whether either of the two is waitlisted', () => {
    const mentor = person('maya', 'mentor', { topics: ['ai-tools'], team: 'Sales', tzOffsetMinutes: 60 });
    const mentee = person('sam', 'mentee', { topics: ['ai-tools'], team: 'Data' });
    const plain = pairReasons(mentor, mentee);
    const waitlisted = pairReasons({ ...mentor, waitlisted: true }, { ...mentee, waitlisted: true });
    expect(waitlisted).toEqual(plain);
    expect(describeReasons(waitlisted)).toBe('You both picked AI tools · Sales ↔ Data · 1 h apart');
    expect(JSON.stringify(waitlisted)).not.toMatch(/wait/i);
  });

  it('limits shared topics to the offered ones', () => {
    const mentor = person('a', 'mentor', { topics: ['ai-tools', 'social-media'] });
    const mentee = person('b', 'mentee', { topics: ['ai-tools', 'social-media'] });
    expect(pairReasons(mentor, mentee, ['social-media'])[0]).toEqual({
      kind: 'topics',
      shared: ['social-media'],
    });
  });
});

describe('unmatched reasons', () => {
  it('has a plain message for every reason, none naming a block', () => {
    for (const [reason, message] of Object.entries(UNMATCHED_REASON_MESSAGES)) {
      expect(describeUnmatched(reason as keyof typeof UNMATCHED_REASON_MESSAGES)).toBe(message);
      expect(message).toMatch(/\.$/);
      expect(message).not.toMatch(/block/i);
    }
    // Ruled out by a hidden rule, or outnumbered: an owner can't tell which.
    expect(describeUnmatched('all-partners-ruled-out')).toBe(describeUnmatched('mentor-places-full'));
    expect(describeUnmatched('all-partners-ruled-out')).toBe(describeUnmatched('mentees-all-paired'));
    expect(describeUnmatched('all-partners-ruled-out')).not.toMatch(/preference|ruled out/i);
    expect(describeUnmatched('no-earlier-stage-mentor')).toBe(
      'No mentor at an earlier career stage joined this cohort.',
    );
  });
});
