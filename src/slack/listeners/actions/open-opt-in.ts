import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { blockAction } from '../../payloads.js';
import type { ListenerDeps } from '../deps.js';
import { reportFailure } from '../report.js';

/** "Join" / "Edit" buttons (Home tab, messages): open the same form as `/reverse-mentor`. */
export function openOptIn(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = blockAction.safeParse(body);
    if (!parsed.success || !parsed.data.trigger_id) {
      deps.logger.warn('Ignoring a malformed button payload', parsed.error?.issues);
      return;
    }
    const { user, trigger_id: triggerId, response_url: responseUrl } = parsed.data;
    try {
      await deps.participants.openOptInForm(user.id, triggerId);
    } catch (error) {
      await reportFailure(
        deps,
        { userId: user.id, responseUrl },
        {
          whatFailed: "I couldn't open the reverse-mentoring form",
          tryThis: 'Please press the button again.',
        },
        error,
      );
    }
  };
}
