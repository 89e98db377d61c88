import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { newCohortModal } from '../../views/cohort-modal.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** Home → "New cohort": the cohort form, for owners only. */
export function newCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { triggerId: true });
    if (!action) return;
    if (!deps.owners.isOwner(action.userId)) {
      await reply(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        simpleMessage(ONLY_OWNERS),
      );
      return;
    }
    try {
      await deps.slack.openModal(action.triggerId, newCohortModal(deps.cohorts.todayFor(action.userId)));
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        { whatFailed: "I couldn't open the cohort form", tryThis: 'Press "New cohort" again.' },
        error,
      );
    }
  };
}
