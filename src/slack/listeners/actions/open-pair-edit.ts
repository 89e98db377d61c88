import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { simpleMessage } from '../../views/messages.js';
import { type PairEdit, pairEditModal } from '../../views/review-modal.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Swap two people" / "Pair by hand" / "Unpair": a small form pushed on top of the review. */
export function openPairEdit(deps: ListenerDeps, edit: PairEdit) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true, triggerId: true, viewId: true });
    if (!action) return;
    if (!deps.owners.isOwner(action.userId)) {
      await reply(deps, { userId: action.userId }, simpleMessage(ONLY_OWNERS));
      return;
    }
    try {
      await deps.slack.pushModal(
        action.triggerId,
        pairEditModal(edit, { cohortId: action.id, page: 0, reviewViewId: action.viewId }),
      );
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        { whatFailed: "I couldn't open that form", tryThis: 'Press the button again.' },
        error,
      );
    }
  };
}
