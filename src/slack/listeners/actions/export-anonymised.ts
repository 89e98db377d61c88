import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { sendExport } from '../send-export.js';
import { parseAction } from './parse.js';

/** "Send an anonymised copy" under an export: the anonymised CSV by DM, only when an owner asks for it. */
export function exportAnonymised(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    // The use case checks who may have what: a forwarded or forged click gets nothing.
    await sendExport(deps, audience, action.id, 'anonymised');
  };
}
