import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { refreshReview } from '../review-refresh.js';
import { parseAction } from './parse.js';

/** "Close the cohort" (review or Home) for a matched cohort in which no pair could be formed. */
export function closeCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.launch.close(action.userId, action.id);
    if (result.ok) deps.deliverNow();
    const notice = result.ok
      ? `“${result.value.cohort.name}” is closed: ${result.value.told} people are being told kindly, and are first in line for the next cohort.`
      : result.message;
    if (!result.ok && result.reason === 'forbidden') {
      // Whatever view the payload names, a refusal goes to the person who clicked, and nowhere else.
      await reply(deps, { userId: action.userId }, simpleMessage(notice));
    } else if (action.viewId && action.payload.view?.type === 'modal') {
      await refreshReview(deps, action.userId, action.viewId, action.id, 0, notice);
    } else {
      await reply(deps, { userId: action.userId, responseUrl: action.responseUrl }, simpleMessage(notice));
    }
    if (result.ok) deps.background.run('refresh home after closing', () => deps.home.publish(action.userId));
  };
}
