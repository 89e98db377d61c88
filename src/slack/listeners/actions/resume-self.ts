import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** Home → "Resume". */
export function resumeSelf(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action) return;
    deps.pairLife.resume(action.userId);
    deps.deliverNow();
    await reply(
      deps,
      { userId: action.userId, responseUrl: action.responseUrl },
      simpleMessage('Welcome back — prompts start again with the next one.'),
    );
    await deps.home
      .publish(action.userId)
      .catch((error) => deps.logger.warn('Could not refresh Home', error));
  };
}
