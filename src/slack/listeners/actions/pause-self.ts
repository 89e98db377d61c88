import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { pauseModal } from '../../views/pair-modals.js';
import type { ListenerDeps } from '../deps.js';
import { reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** Home → "Pause for a while": ask for how long. */
export function pauseSelf(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { triggerId: true });
    if (!action) return;
    try {
      await deps.slack.openModal(action.triggerId, pauseModal());
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        { whatFailed: "I couldn't open the pause form", tryThis: 'Try `/reverse-mentor pause 1w`.' },
        error,
      );
    }
  };
}
