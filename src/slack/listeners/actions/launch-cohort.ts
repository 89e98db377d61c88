import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { refreshReview } from '../review-refresh.js';
import { parseAction } from './parse.js';

/**
 * "Launch": the use case writes every introduction to the outbox in one transaction; delivery starts right
 * away in the background. Pressing it again queues nothing new.
 */
export function launchCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.launch.launch(action.userId, action.id);
    if (!result.ok && result.reason === 'forbidden') {
      // Whatever view the payload names, a refusal goes to the person who clicked, and nowhere else.
      await reply(deps, { userId: action.userId }, simpleMessage(result.message));
      return;
    }
    if (result.ok) deps.deliverNow();
    const notice = result.ok
      ? result.value.alreadyLaunched
        ? 'This cohort was already launched: nothing new was sent. Anything unfinished is being delivered.'
        : `Launched: ${result.value.introductions} introductions are on their way; ${result.value.unmatched} people not matched are being told kindly.`
      : result.message;
    if (action.viewId && action.payload.view?.type === 'modal') {
      await refreshReview(deps, action.userId, action.viewId, action.id, 0, notice);
    } else {
      await reply(deps, { userId: action.userId, responseUrl: action.responseUrl }, simpleMessage(notice));
    }
    if (result.ok) deps.background.run('refresh home after launch', () => deps.home.publish(action.userId));
  };
}
