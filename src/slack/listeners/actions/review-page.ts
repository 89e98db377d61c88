import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { refreshReview } from '../review-refresh.js';
import { parseAction } from './parse.js';

/** Previous/Next in the review modal. */
export function reviewPage(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true, viewId: true });
    if (!action) return;
    const page = Number(action.value.split(':')[1] ?? 0);
    await refreshReview(deps, action.userId, action.viewId, action.id, Number.isInteger(page) ? page : 0);
  };
}
