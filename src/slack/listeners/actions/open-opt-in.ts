import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Join" / "Edit" buttons (Home tab, messages): open the same form as `/reverse-mentor`. */
export function openOptIn(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { triggerId: true });
    if (!action) return;
    try {
      await deps.participants.openOptInForm(action.userId, action.triggerId);
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        {
          whatFailed: "I couldn't open the reverse-mentoring form",
          tryThis: 'Please press the button again.',
        },
        error,
      );
    }
  };
}
