import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { announceModal } from '../../views/announcement.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** Home → "Announce": choose a channel for the announcement with its "Join" button. */
export function announceCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true, triggerId: true });
    if (!action) return;
    if (!deps.owners.isOwner(action.userId))
      return reply(deps, { userId: action.userId }, simpleMessage(ONLY_OWNERS));
    const cohort = deps.cohorts.get(action.id);
    if (!cohort)
      return reply(deps, { userId: action.userId }, simpleMessage('That cohort no longer exists.'));
    try {
      await deps.slack.openModal(action.triggerId, announceModal(cohort));
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        { whatFailed: "I couldn't open the announcement form", tryThis: 'Press "Announce" again.' },
        error,
      );
    }
  };
}
