import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { DraftReview } from '../../../services/cohorts.js';
import type { Outcome } from '../../../services/outcome.js';
import { elementOf, viewSubmission } from '../../payloads.js';
import { type PairEdit, parseEditMetadata } from '../../views/review-modal.js';
import type { ListenerDeps } from '../deps.js';
import { refreshReview } from '../review-refresh.js';
import { answerErrors, refuseForm } from './refuse.js';

const FIELDS: Record<PairEdit, string[]> = {
  swap: ['first', 'second'],
  pin: ['mentor', 'mentee'],
  unpair: ['person'],
};

/**
 * A swap, pin or unpair form submitted. A broken rule is shown on the form itself; on success the form
 * closes and the review underneath is refreshed.
 */
export function pairEditSubmitted(deps: ListenerDeps, edit: PairEdit) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    const metadata = parsed.success ? parseEditMetadata(parsed.data.view.private_metadata) : null;
    if (!parsed.success || !metadata) return refuseForm(deps, ack, body);
    const actor = parsed.data.user.id;
    const fields = FIELDS[edit];
    const people = fields.map(
      (blockId) => elementOf(parsed.data.view.state.values, blockId)?.selected_user ?? null,
    );
    const missing = fields.filter((_, i) => !people[i]);
    if (missing.length > 0) {
      await answerErrors(deps, ack, body, Object.fromEntries(missing.map((f) => [f, 'Choose someone.'])));
      return;
    }
    const [a, b] = people as string[];
    let result: Outcome<DraftReview>;
    if (edit === 'swap') result = deps.cohorts.swap(actor, metadata.cohortId, a!, b!);
    else if (edit === 'pin') result = deps.cohorts.pin(actor, metadata.cohortId, a!, b!);
    else result = deps.cohorts.unpair(actor, metadata.cohortId, a!);
    if (!result.ok) {
      await answerErrors(deps, ack, body, { [fields[fields.length - 1]!]: result.message });
      return;
    }
    await ack();
    const notice = { swap: 'Swapped.', pin: 'Paired by hand and pinned.', unpair: 'Unpaired.' }[edit];
    await refreshReview(deps, actor, metadata.reviewViewId, metadata.cohortId, metadata.page, notice);
  };
}
