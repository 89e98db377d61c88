// What a cohort summary may say. Everything here is an aggregate: no names, no per-person figures, no
// private text except quotes their authors allowed — and none of that for groups small enough to guess.

import type { TopicKey } from './catalogue.js';
import { compareTopics } from './matching/scoring.js';

/** Below this many survey answers, averages and quotes are withheld: with four people, one answer is guessable. */
export const MIN_ANSWERS_FOR_FEEDBACK = 5;
/** A weekly meeting rate over one or two pairs would say whether a particular pair met: it isn't shown. */
export const MIN_PAIRS_FOR_RATE = 3;
export const MAX_QUOTES = 3;
export const MAX_QUOTE_LENGTH = 280;
const TOP_TOPICS = 5;

export type Milestone = 'halfway' | 'final' | 'on-demand';

export interface SummaryInput {
  cohortName: string;
  milestone: Milestone;
  cycles: number;
  /** Enrolled people (paired or not). */
  participants: number;
  /** Pairs that were launched (still running or ended), with the topics their two members share. */
  pairs: readonly { id: number; sharedTopics: readonly TopicKey[] }[];
  /** Per cycle: how many pairs got the check-in, and how many of those said they met. */
  weekly: readonly { cycle: number; pairsAsked: number; pairsMet: number }[];
  /** People enrolled but without a pair (waiting for the next match). */
  waiting: number;
  /** Survey answers; `quote` is only present when its author allowed quoting. */
  surveys: readonly { rating: number; again: boolean; quote: string | null }[];
}

export interface WeeklyRate {
  cycle: number;
  /** Share of asked pairs that met, 0..1; null when fewer than MIN_PAIRS_FOR_RATE pairs were asked. */
  rate: number | null;
  pairsAsked: number;
  pairsMet: number;
}

export interface SummaryFigures {
  cohortName: string;
  milestone: Milestone;
  participants: number;
  pairs: number;
  meetingsLogged: number;
  weekly: WeeklyRate[];
  /** Meetings over check-ins asked, across all cycles so far; null before the first check-in. */
  overallRate: number | null;
  responses: number;
  /** True when there were answers, but too few to show averages or quotes. */
  feedbackWithheld: boolean;
  averageRating: number | null;
  wouldDoAgainShare: number | null;
  quotes: string[];
  topTopics: { topic: TopicKey; pairs: number }[];
  waiting: number;
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

export function summarise(input: SummaryInput): SummaryFigures {
  const weekly: WeeklyRate[] = [];
  for (let cycle = 1; cycle <= input.cycles; cycle++) {
    const w = input.weekly.find((x) => x.cycle === cycle);
    const pairsAsked = w?.pairsAsked ?? 0;
    const pairsMet = Math.min(w?.pairsMet ?? 0, pairsAsked);
    const rate = pairsAsked >= MIN_PAIRS_FOR_RATE ? round(pairsMet / pairsAsked, 4) : null;
    weekly.push({ cycle, pairsAsked, pairsMet, rate });
  }
  const asked = weekly.reduce((sum, w) => sum + w.pairsAsked, 0);
  // Overall, the same protection: a cohort of one or two pairs gets counts of meetings, not a rate.
  const overallShown = input.pairs.length >= MIN_PAIRS_FOR_RATE && asked > 0;
  const met = weekly.reduce((sum, w) => sum + w.pairsMet, 0);

  const responses = input.surveys.length;
  const enough = responses >= MIN_ANSWERS_FOR_FEEDBACK;
  const quotes = enough
    ? input.surveys
        .map((s) => s.quote?.trim() ?? '')
        .filter((q, i, all) => q.length > 0 && all.indexOf(q) === i)
        .slice(0, MAX_QUOTES)
        .map((q) => (q.length > MAX_QUOTE_LENGTH ? `${q.slice(0, MAX_QUOTE_LENGTH - 1)}…` : q))
    : [];

  const topicCounts = new Map<TopicKey, number>();
  for (const pair of input.pairs) {
    for (const topic of new Set(pair.sharedTopics)) topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1);
  }
  const topTopics = [...topicCounts]
    .sort(([a, na], [b, nb]) => nb - na || compareTopics(a, b))
    .slice(0, TOP_TOPICS)
    .map(([topic, pairs]) => ({ topic, pairs }));

  return {
    cohortName: input.cohortName,
    milestone: input.milestone,
    participants: input.participants,
    pairs: input.pairs.length,
    meetingsLogged: met,
    weekly,
    overallRate: overallShown ? round(met / asked, 4) : null,
    responses,
    feedbackWithheld: responses > 0 && !enough,
    averageRating: enough ? round(input.surveys.reduce((s, x) => s + x.rating, 0) / responses, 1) : null,
    wouldDoAgainShare: enough ? round(input.surveys.filter((s) => s.again).length / responses, 2) : null,
    quotes,
    topTopics,
    waiting: input.waiting,
  };
}
