import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Review pairs" / "See pairs": the draft (or launched) pairs in a modal. */
export function reviewPairs(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true, triggerId: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    try {
      const result = await deps.reviews.open(action.userId, action.id, action.triggerId);
      if (!result.ok) await reply(deps, audience, simpleMessage(result.message));
    } catch (error) {
      await reportFailure(
        deps,
        audience,
        { whatFailed: "I couldn't open the pairs", tryThis: 'Press the button again.' },
        error,
      );
    }
  };
}
