// Seeded, realistic random cohorts for benchmarks: same seed, same people.

// The demo's seeded source (mulberry32): one copy of the generator for everything that wants repeatable people.
import { seededRandom } from '../../src/demo/people.js';
import {
  CATALOGUE_TOPICS,
  type CareerStage,
  customTopicKey,
  type TopicKey,
} from '../../src/domain/catalogue.js';
import type { MatchCandidate } from '../../src/domain/matching/types.js';

function weighted<T>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1]![0];
}

// Reverse mentoring: mentors skew junior, mentees senior.
const MENTOR_STAGES: readonly (readonly [CareerStage, number])[] = [
  ['early', 60],
  ['mid', 30],
  ['senior', 9],
  ['executive', 1],
];
const MENTEE_STAGES: readonly (readonly [CareerStage, number])[] = [
  ['early', 3],
  ['mid', 17],
  ['senior', 50],
  ['executive', 30],
];

const TOPIC_POPULARITY: Record<(typeof CATALOGUE_TOPICS)[number]['id'], number> = {
  'ai-tools': 30,
  'social-media': 15,
  'collaboration-tools': 10,
  'data-analytics': 12,
  'digital-marketing': 8,
  'diversity-inclusion': 10,
  'modern-workplace': 8,
  'leadership-perspectives': 7,
};
const TOPICS: readonly (readonly [TopicKey, number])[] = CATALOGUE_TOPICS.map((t) => [
  t.id,
  TOPIC_POPULARITY[t.id],
]);
const CUSTOM_TOPICS = [
  'Prompt engineering',
  'TikTok',
  'Notion',
  'Podcasting',
  'LinkedIn',
  'Gen Z at work',
  'Figma',
];

const TEAMS = [
  'Sales',
  'Engineering',
  'Marketing',
  'Finance',
  'People',
  'Legal',
  'Operations',
  'Customer Success',
  'Product',
  'Design',
  'Data',
  'IT',
];

// UTC offsets in minutes, weighted like a company with US, European and Asia-Pacific offices.
const ZONES: readonly (readonly [number, number])[] = [
  [-480, 12],
  [-360, 6],
  [-300, 14],
  [-180, 4],
  [0, 14],
  [60, 18],
  [120, 5],
  [330, 12],
  [480, 7],
  [540, 4],
  [600, 4],
];

export interface CohortOptions {
  readonly mentors: number;
  readonly mentees: number;
  readonly seed: number;
  /** Share of people who asked not to be paired with one or two others. */
  readonly blockRate?: number;
  /** Share of mentees who were already paired with some mentor in an earlier cohort. */
  readonly pastPairRate?: number;
  /**
   * Share of people left unmatched in an earlier cohort (first in line now). Default 0. Drawn from a
   * separate stream, so the same seed gives the same people whatever the rate.
   */
  readonly waitlistRate?: number;
}

export interface GeneratedCohort {
  readonly candidates: MatchCandidate[];
  readonly pastPairs: [string, string][];
}

export function generateCohort(options: CohortOptions): GeneratedCohort {
  const rand = seededRandom(options.seed);
  const blockRate = options.blockRate ?? 0.02;
  const pastPairRate = options.pastPairRate ?? 0.03;
  const waitlistRate = options.waitlistRate ?? 0;
  const waitlistRand = seededRandom(options.seed ^ 0x5bd1e995);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const mentorIds = Array.from({ length: options.mentors }, (_, i) => `UMR${String(i).padStart(5, '0')}`);
  const menteeIds = Array.from({ length: options.mentees }, (_, i) => `UME${String(i).padStart(5, '0')}`);

  const person = (userId: string, role: 'mentor' | 'mentee', others: readonly string[]): MatchCandidate => {
    const topics = new Set<TopicKey>();
    const wanted = 1 + Math.floor(rand() * 4);
    while (topics.size < wanted) topics.add(weighted(rand, TOPICS));
    if (rand() < 0.05) topics.add(customTopicKey(pick(CUSTOM_TOPICS)));
    const blocked: string[] = [];
    if (others.length > 0 && rand() < blockRate) {
      blocked.push(pick(others));
      if (rand() < 0.3) blocked.push(pick(others));
    }
    return {
      userId,
      role,
      topics: [...topics],
      careerStage: weighted(rand, role === 'mentor' ? MENTOR_STAGES : MENTEE_STAGES),
      team: pick(TEAMS),
      tzOffsetMinutes: weighted(rand, ZONES),
      blocked,
    };
  };

  const candidates = [
    ...mentorIds.map((id) => person(id, 'mentor', menteeIds)),
    ...menteeIds.map((id) => person(id, 'mentee', mentorIds)),
  ].map((c) => (waitlistRand() < waitlistRate ? { ...c, waitlisted: true } : c));
  // Shuffle (Fisher–Yates) so nothing relies on arriving in id order.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const pastPairs: [string, string][] = [];
  if (mentorIds.length > 0) {
    for (const mentee of menteeIds) if (rand() < pastPairRate) pastPairs.push([pick(mentorIds), mentee]);
  }
  return { candidates, pastPairs };
}
