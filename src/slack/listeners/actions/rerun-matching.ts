import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { refreshReview } from '../review-refresh.js';
import { parseAction } from './parse.js';

/** "Re-run matching" in the review modal: every pair that isn't pinned is proposed again. */
export function rerunMatching(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true, viewId: true });
    if (!action) return;
    const result = deps.cohorts.match(action.userId, action.id);
    if (!result.ok && result.reason === 'forbidden') {
      await reply(deps, { userId: action.userId }, simpleMessage(result.message));
      return;
    }
    const notice = result.ok
      ? `Matching re-run: ${result.value.pairs.length} pairs proposed.`
      : result.message;
    await refreshReview(deps, action.userId, action.viewId, action.id, 0, notice);
  };
}
