import { describe, expect, it } from 'vitest';
import type { TopicKey } from '../../src/domain/catalogue.js';
import type { Cohort } from '../../src/domain/cohort.js';
import { pairReasons } from '../../src/domain/matching/reasons.js';
import type { MatchCandidate } from '../../src/domain/matching/types.js';
import type { Pair } from '../../src/domain/pair.js';
import { validateView } from '../../src/simulator/block-kit/limits.js';
import { type JsonObject, renderBlocksAsText } from '../../src/simulator/index.js';
import { ACTIONS } from '../../src/slack/ids.js';
import { REVIEW_PAGE_SIZE, type ReviewModel, reviewModal } from '../../src/slack/views/review-modal.js';

// Issue 15, item 3: the review lists the pairs that need a look first, each with a band and its flags in
// words, and never a score.

const COHORT: Cohort = {
  id: 7,
  name: 'Winter 2026',
  enrolmentClosesOn: '2026-12-01',
  startsOn: '2026-12-07',
  weeks: 8,
  cadence: 'weekly',
  promptWeekday: 1,
  promptHour: 10,
  summaryChannelId: 'C0SUMMARY',
  topics: ['ai-tools', 'social-media', 'data-analytics', 'modern-workplace'],
  capacity: 1,
  allowSameStage: false,
  state: 'matched',
  createdBy: 'U0OWNER',
  createdAt: new Date('2026-11-01T00:00:00Z'),
  matchedAt: new Date('2026-12-01T00:00:00Z'),
  launchedAt: null,
  endedAt: null,
};

function candidate(
  userId: string,
  role: 'mentor' | 'mentee',
  extra: Partial<MatchCandidate>,
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

let nextId = 1;
/** A draft pair with the reasons the matcher would give it, and a score an owner must never see. */
function pair(
  mentor: string,
  mentee: string,
  m: Partial<MatchCandidate>,
  e: Partial<MatchCandidate>,
  extra: Partial<Pair> = {},
): Pair {
  const id = nextId++;
  return {
    id,
    cohortId: COHORT.id,
    mentorId: mentor,
    menteeId: mentee,
    score: 1700 + id * 11,
    reasons: pairReasons(candidate(mentor, 'mentor', m), candidate(mentee, 'mentee', e), COHORT.topics),
    state: 'draft',
    pinned: false,
    groupDmChannelId: null,
    plan: null,
    createdAt: new Date('2026-12-01T00:00:00Z'),
    launchedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    ...extra,
  };
}

const BOTH: TopicKey[] = ['ai-tools', 'social-media'];
// In id order: strong, weak (no topic), fair (one topic of two wanted), weak (11 h apart), strong, fair (7 h).
const STRONG_1 = pair(
  'U0MENTOR01',
  'U0MENTEE01',
  { topics: BOTH, team: 'Sales' },
  { topics: BOTH, team: 'Finance' },
);
const WEAK_TOPIC = pair('U0MENTOR02', 'U0MENTEE02', { topics: ['ai-tools'] }, { topics: ['data-analytics'] });
const FAIR_ONE = pair('U0MENTOR03', 'U0MENTEE03', { topics: ['ai-tools'] }, { topics: BOTH });
const WEAK_FAR = pair(
  'U0MENTOR04',
  'U0MENTEE04',
  { topics: BOTH, tzOffsetMinutes: 600 },
  { topics: BOTH, tzOffsetMinutes: -60 },
);
const STRONG_2 = pair('U0MENTOR05', 'U0MENTEE05', { topics: BOTH }, { topics: BOTH }, { pinned: true });
const FAIR_FAR = pair('U0MENTOR06', 'U0MENTEE06', { topics: BOTH, tzOffsetMinutes: 420 }, { topics: BOTH });
const PAIRS = [STRONG_1, WEAK_TOPIC, FAIR_ONE, WEAK_FAR, STRONG_2, FAIR_FAR];

function model(extra: Partial<ReviewModel> = {}): ReviewModel {
  return { cohort: COHORT, pairs: PAIRS, unmatched: [], page: 0, ...extra };
}

function text(view: ReturnType<typeof reviewModal>): string {
  return renderBlocksAsText(view.blocks as unknown as JsonObject[]);
}

/** The pairs in the order they are listed, by mentor. */
function order(view: ReturnType<typeof reviewModal>): string[] {
  return [...text(view).matchAll(/@(U0MENTOR\d\d)/g)].map((m) => m[1]!);
}

describe('the review of draft pairs', () => {
  it('lists the weakest pairs first, weak then fair then strong, each band in the order the pairs came', () => {
    expect(order(reviewModal(model()))).toEqual([
      'U0MENTOR02',
      'U0MENTOR04',
      'U0MENTOR03',
      'U0MENTOR06',
      'U0MENTOR01',
      'U0MENTOR05',
    ]);
  });

  it('gives every pair its band and its flags in words, with the reasons', () => {
    const seen = text(reviewModal(model()));
    expect(seen).toContain('Weak match — No shared topic');
    expect(seen).toContain('Weak match — More than 8 h apart');
    expect(seen).toContain('Fair match');
    expect(seen).toContain('Strong match');
    expect(seen).toContain('You both picked AI tools and Social media · Sales ↔ Finance · Same time zone');
    expect(seen).toContain('No topic in common yet');
    expect(seen).toContain('11 h apart');
    expect(seen).toContain('pinned');
  });

  it('sums the cohort up: how many are strong, fair and weak, and why the weak ones are weak', () => {
    const seen = text(reviewModal(model()));
    expect(seen).toContain('2 strong, 2 fair and 2 weak matches.');
    expect(seen).toContain('Why the weak ones are weak: 1 has no shared topic, 1 is more than 8 h apart.');
    expect(seen).toContain('Using the default weights.');
  });

  it('says which weights the cohort is matched with', () => {
    const weights = { nearbyTimeZones: 18, base: 128, waitlisted: 128 };
    const seen = text(reviewModal(model({ weights })));
    expect(seen).toContain("Using your program's learned weights: time zones count more.");
    expect(seen).not.toContain('Using the default weights.');
  });

  it('counts a mentee who wants one topic and gets it as a strong match', () => {
    const menteeTopics = new Map<string, readonly TopicKey[]>([['U0MENTEE03', ['ai-tools']]]);
    const seen = text(reviewModal(model({ pairs: [FAIR_ONE], menteeTopics })));
    expect(seen).toContain('1 strong, 0 fair and 0 weak match.');
    expect(seen).toContain('Strong match');
  });

  it('flags a pair with no common working hours, makes it weak and says so in the summary', () => {
    const seen = text(reviewModal(model({ noCommonHours: new Set([STRONG_1.id, WEAK_FAR.id]) })));
    expect(order(reviewModal(model({ noCommonHours: new Set([STRONG_1.id, WEAK_FAR.id]) })))[0]).toBe(
      'U0MENTOR01',
    );
    expect(seen).toContain('Weak match — No common working hours');
    expect(seen).toContain('Weak match — More than 8 h apart · No common working hours');
    expect(seen).toContain(
      'Why the weak ones are weak: 1 has no shared topic, 1 is more than 8 h apart, 2 have no common working hours.',
    );
    expect(seen).toContain('2 pairs live so far apart that their working days never overlap');
  });

  it('names same-team pairs', () => {
    const same = pair(
      'U0MENTOR07',
      'U0MENTEE07',
      { topics: BOTH, team: 'Sales' },
      { topics: BOTH, team: ' sales' },
    );
    const seen = text(reviewModal(model({ pairs: [same] })));
    expect(seen).toContain('Fair match — Same team');
    expect(seen).toContain('Of all the pairs, 1 is from the same team.');
  });

  it('shows no score, and no figure that could be one', () => {
    const view = reviewModal(model({ noCommonHours: new Set([WEAK_FAR.id]) }));
    const seen = text(view);
    expect(seen).not.toMatch(/score/i);
    for (const p of PAIRS) expect(seen).not.toContain(String(p.score));
    const total = PAIRS.reduce((s, p) => s + p.score, 0);
    expect(seen).not.toContain(String(total));
    // The only numbers left: counts of pairs, hours apart, the start date and the cohort's name.
    const numbers = [...seen.matchAll(/\d+/g)].map((m) => Number(m[0]));
    expect(numbers.filter((n) => n >= 100 && n !== 2026)).toEqual([]);
  });

  it('pages weakest first, keeps the paging and edit buttons, and passes Slack’s Block Kit checks', () => {
    const many: Pair[] = [];
    for (let i = 0; i < REVIEW_PAGE_SIZE + 5; i++) {
      const weak = i % 4 === 3;
      many.push(
        pair(
          `U0MANYM${String(i).padStart(3, '0')}`,
          `U0MANYE${String(i).padStart(3, '0')}`,
          { topics: weak ? ['data-analytics'] : BOTH },
          { topics: BOTH },
        ),
      );
    }
    const first = reviewModal(model({ pairs: many }));
    const second = reviewModal(model({ pairs: many, page: 1 }));
    for (const view of [first, second]) expect(validateView(view as never, 'modal')).toBeUndefined();
    const firstText = text(first);
    // All five weak pairs are on the first page, at the top.
    expect(firstText.split('Weak match')).toHaveLength(6);
    expect(firstText.indexOf('Weak match')).toBeLessThan(firstText.indexOf('Strong match'));
    expect(text(second)).not.toContain('Weak match');
    const ids = (view: ReturnType<typeof reviewModal>) =>
      (view.blocks as unknown as { type: string; elements?: { action_id?: string }[] }[]).flatMap((b) =>
        b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : [],
      );
    expect(ids(first)).toEqual(
      expect.arrayContaining([
        ACTIONS.reviewNextPage,
        ACTIONS.openSwap,
        ACTIONS.openPin,
        ACTIONS.openUnpair,
        ACTIONS.rerunMatching,
        ACTIONS.launchCohort,
      ]),
    );
    expect(ids(second)).toContain(ACTIONS.reviewPreviousPage);
    expect(validateView(reviewModal(model()) as never, 'modal')).toBeUndefined();
  });

  it('summarises only the pairs shown: an owner’s own pair, left out, is not counted', () => {
    const seen = text(reviewModal(model({ pairs: [STRONG_1], hiddenOwnPairs: 1 })));
    expect(seen).toContain('1 strong, 0 fair and 0 weak match.');
    expect(seen).toContain('One pair includes you and is not shown');
  });
});
