import type { ModalView } from '@slack/types';
import { unmatchedReasonForOwner } from '../../services/launch.js';
import { reviewModal } from '../views/review-modal.js';
import type { ListenerDeps } from './deps.js';

/** The review modal for a cohort as it is now, or null when the cohort is gone. */
export function currentReview(
  deps: ListenerDeps,
  cohortId: number,
  page = 0,
  notice?: string,
): ModalView | null {
  const review = deps.cohorts.review(cohortId);
  if (!review) return null;
  return reviewModal({
    cohort: review.cohort,
    pairs: review.pairs,
    unmatched: review.unmatched.map((u) => ({ userId: u.userId, reason: unmatchedReasonForOwner(u.reason) })),
    page,
    ...(notice ? { notice } : {}),
  });
}
