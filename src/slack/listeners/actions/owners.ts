import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** Home → Owners → "Add an owner…" (a users select). */
export function addOwner(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action) return;
    const result = await deps.owners.add(action.userId, action.value);
    if (!result.ok) await reply(deps, { userId: action.userId }, simpleMessage(result.message));
    // Notes no owner could receive (every owner was in the pair) may have someone to go to now.
    if (result.ok && result.value.added && deps.alerts.releaseHeld() > 0) deps.deliverNow();
    await deps.home
      .publish(action.userId)
      .catch((error) => deps.logger.warn('Could not refresh Home', error));
  };
}

/** Home → Owners → "Remove". Owners from PROGRAM_OWNERS can't be removed here. */
export function removeOwner(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action) return;
    const result = deps.owners.remove(action.userId, action.value);
    if (!result.ok) await reply(deps, { userId: action.userId }, simpleMessage(result.message));
    await deps.home
      .publish(action.userId)
      .catch((error) => deps.logger.warn('Could not refresh Home', error));
  };
}
