import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parsePauseChoice } from '../../../services/pair-life.js';
import { selectedValue, viewSubmission } from '../../payloads.js';
import { simpleMessage } from '../../views/messages.js';
import { PAUSE_BLOCK } from '../../views/pair-modals.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { answerErrors } from './refuse.js';

export function pauseSubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    const choice = parsed.success
      ? parsePauseChoice(selectedValue(parsed.data.view.state.values, PAUSE_BLOCK))
      : null;
    if (!parsed.success || !choice) {
      await answerErrors(deps, ack, body, { [PAUSE_BLOCK]: 'Choose how long you want to pause.' });
      return;
    }
    await ack();
    const userId = parsed.data.user.id;
    const result = deps.pairLife.pause(userId, choice);
    if (!result.ok) return reply(deps, { userId }, simpleMessage(result.message));
    deps.deliverNow();
    const until = result.value.untilText ? `until ${result.value.untilText}` : 'until you resume';
    await reply(
      deps,
      { userId },
      simpleMessage(`You're paused ${until}. Enjoy the break — resume any time from my Home tab.`),
    );
    await deps.home.publish(userId).catch((error) => deps.logger.warn('Could not refresh Home', error));
  };
}
