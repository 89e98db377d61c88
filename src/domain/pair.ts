import type { CurriculumStep } from './curriculum/plan.js';
import type { PairReason } from './matching/types.js';

export type PairState = 'draft' | 'active' | 'ended';

export type PairEndReason = 'left' | 'rematched' | 'completed' | 'cancelled' | 'inactive';

export interface Pair {
  id: number;
  cohortId: number;
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: PairReason[];
  state: PairState;
  pinned: boolean;
  groupDmChannelId: string | null;
  plan: CurriculumStep[] | null;
  createdAt: Date;
  launchedAt: Date | null;
  endedAt: Date | null;
  endReason: PairEndReason | null;
  /** Who ended it, when someone left. */
  endedBy: string | null;
}

export function partnerOf(pair: Pick<Pair, 'mentorId' | 'menteeId'>, userId: string): string | null {
  if (pair.mentorId === userId) return pair.menteeId;
  if (pair.menteeId === userId) return pair.mentorId;
  return null;
}

export function membersOf(pair: Pick<Pair, 'mentorId' | 'menteeId'>): [string, string] {
  return [pair.mentorId, pair.menteeId];
}
