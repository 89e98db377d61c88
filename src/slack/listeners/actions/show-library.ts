import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { libraryOverview } from '../../../domain/curriculum/index.js';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { libraryModal } from '../../views/library-modal.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** Home → "Prompt library": what pairs will be asked, so owners know what the program says in their name. */
export function showLibrary(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { triggerId: true });
    if (!action) return;
    if (!deps.owners.isOwner(action.userId))
      return reply(deps, { userId: action.userId }, simpleMessage(ONLY_OWNERS));
    try {
      await deps.slack.openModal(action.triggerId, libraryModal(libraryOverview()));
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId },
        { whatFailed: "I couldn't open the prompt library", tryThis: 'Press the button again.' },
        error,
      );
    }
  };
}
