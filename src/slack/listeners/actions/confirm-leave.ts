import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** The "Yes, delete my profile" button under `/reverse-mentor leave`. */
export function confirmLeave(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action) return;
    const { left, message } = await deps.participants.leave(action.userId);
    // Replace the question with the answer, so the buttons can't be pressed twice.
    await reply(deps, { userId: action.userId, responseUrl: action.responseUrl }, message, true);
    if (!left) return;
    // The partner's "stepped out" note and the owners' note go now, not at the next tick.
    deps.deliverNow();
    deps.background.run('refresh home after leaving', () =>
      deps.participants.publishHomeAfterLeaving(action.userId),
    );
  };
}
