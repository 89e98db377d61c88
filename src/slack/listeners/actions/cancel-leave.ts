import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { blockAction } from '../../payloads.js';
import { leaveCancelledMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';

export function cancelLeave(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = blockAction.safeParse(body);
    if (!parsed.success) return;
    await reply(
      deps,
      { userId: parsed.data.user.id, responseUrl: parsed.data.response_url },
      leaveCancelledMessage(),
      true,
    );
  };
}
