import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { currentReview } from '../owner-views.js';
import { parseAction } from './parse.js';

/** Previous/Next in the review modal. */
export function reviewPage(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action || action.id === null || !action.viewId || !deps.owners.isOwner(action.userId)) return;
    const page = Number(action.value.split(':')[1] ?? 0);
    const view = currentReview(deps, action.id, Number.isInteger(page) ? page : 0);
    if (!view) return;
    await deps.slack
      .updateModal(action.viewId, view)
      .catch((error) => deps.logger.warn('Could not turn the page', error));
  };
}
