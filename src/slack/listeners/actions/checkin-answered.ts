import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CheckinAnswer } from '../../../db/repositories/checkins.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction, UNREADABLE_CLICK } from './parse.js';

/** "We met" / "Not yet" / "We need help" on a check-in in the pair's group DM. */
export function checkinAnswered(deps: ListenerDeps, answer: CheckinAnswer) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const cycle = Number(action.value.split(':')[1]);
    if (!Number.isSafeInteger(cycle) || cycle < 1) {
      await reply(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        simpleMessage(UNREADABLE_CLICK),
      );
      return;
    }
    const result = await deps.checkins.answer(action.userId, action.id, cycle, answer);
    // "We need help" queued a private note to owners: deliver it now, not at the next tick.
    if (result.ok && answer === 'help') deps.deliverNow();
    const text = result.ok ? result.value.reply : result.message;
    // Only the person who clicked sees the answer: through the click's own response_url (ephemeral where
    // they clicked), or a DM. Never a chat call aimed at a channel the payload names.
    await reply(deps, { userId: action.userId, responseUrl: action.responseUrl }, simpleMessage(text));
  };
}
