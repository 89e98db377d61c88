import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { leaveCancelledMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

export function cancelLeave(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action) return;
    await reply(
      deps,
      { userId: action.userId, responseUrl: action.responseUrl },
      leaveCancelledMessage(),
      true,
    );
  };
}
