import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Send an anonymised copy" under an export: the anonymised CSV by DM, only when an owner asks for it. */
export function exportAnonymised(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    // Checked here and again in the use case: a forwarded or forged click gets nothing.
    if (!deps.owners.isOwner(action.userId)) return reply(deps, audience, simpleMessage(ONLY_OWNERS));
    try {
      const result = await deps.exports.sendAnonymisedToOwner(action.userId, action.id);
      if (!result.ok) await reply(deps, audience, simpleMessage(result.message));
    } catch (error) {
      await reportFailure(
        deps,
        audience,
        { whatFailed: "I couldn't send the anonymised copy", tryThis: 'Try again in a minute.' },
        error,
      );
    }
  };
}
