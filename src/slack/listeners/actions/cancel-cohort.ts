import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

export function cancelCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.cohorts.cancel(action.userId, action.id);
    const text = result.ok ? `“${result.value.name}” is cancelled.` : result.message;
    await reply(deps, { userId: action.userId, responseUrl: action.responseUrl }, simpleMessage(text));
    if (result.ok) {
      deps.deliverNow();
      deps.background.run('refresh home after cancel', () => deps.home.publish(action.userId));
    }
  };
}
