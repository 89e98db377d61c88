import { simpleMessage } from '../views/messages.js';
import type { ListenerDeps } from './deps.js';
import { codeOf, reply } from './report.js';

/**
 * Redraws an owner's open review after something changed (a page, an edit, a re-run, launch). A refusal — the
 * view isn't this owner's review of this cohort — is told to the person who clicked, and nothing else happens;
 * a Slack failure is logged (the change itself is saved, only the view is stale).
 */
export async function refreshReview(
  deps: ListenerDeps,
  actor: string,
  viewId: string,
  cohortId: number,
  page: number,
  notice?: string,
): Promise<void> {
  try {
    const result = await deps.reviews.refresh(actor, viewId, cohortId, page, notice);
    if (!result.ok) {
      const text = notice ? `${notice}\n${result.message}` : result.message;
      await reply(deps, { userId: actor }, simpleMessage(text));
    }
  } catch (error) {
    deps.logger.warn('Could not refresh the review', { userId: actor, code: codeOf(error) });
  }
}
