import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { currentReview } from '../owner-views.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Match now": propose pairs for the whole cohort before enrolment closes, then show them. */
export function matchNow(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action || action.id === null) return;
    const result = deps.cohorts.match(action.userId, action.id);
    if (!result.ok) {
      await reply(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        simpleMessage(result.message),
      );
      return;
    }
    deps.background.run('refresh home after matching', () => deps.home.publish(action.userId));
    const view = currentReview(
      deps,
      action.id,
      0,
      `Proposed ${result.value.pairs.length} pairs. Nothing is sent until you launch.`,
    );
    if (!view || !action.triggerId) return;
    try {
      await deps.slack.openModal(action.triggerId, view);
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        {
          whatFailed: "the pairs are ready but I couldn't show them",
          tryThis: 'Press "Review pairs" on the Home tab.',
        },
        error,
      );
    }
  };
}
