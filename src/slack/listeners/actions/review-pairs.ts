import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { currentReview } from '../owner-views.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Review pairs" / "See pairs": the draft (or launched) pairs in a modal. */
export function reviewPairs(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action || action.id === null || !action.triggerId) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!deps.owners.isOwner(action.userId)) return reply(deps, audience, simpleMessage(ONLY_OWNERS));
    const view = currentReview(deps, action.id);
    if (!view) return reply(deps, audience, simpleMessage('That cohort no longer exists.'));
    try {
      await deps.slack.openModal(action.triggerId, view);
    } catch (error) {
      await reportFailure(
        deps,
        audience,
        { whatFailed: "I couldn't open the pairs", tryThis: 'Press the button again.' },
        error,
      );
    }
  };
}
