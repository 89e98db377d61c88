import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { counted, simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Match now": propose pairs for the whole cohort before enrolment closes, then show them. */
export function matchNow(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
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
    if (!action.triggerId) return;
    try {
      await deps.reviews.open(
        action.userId,
        action.id,
        action.triggerId,
        `Proposed ${counted(result.value.pairs.length, 'pair')}. Nothing is sent until you launch.`,
      );
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
