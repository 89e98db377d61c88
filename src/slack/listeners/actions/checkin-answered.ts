import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CheckinAnswer } from '../../../db/repositories/checkins.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** "We met" / "Not yet" / "We need help" on a check-in in the pair's group DM. */
export function checkinAnswered(deps: ListenerDeps, answer: CheckinAnswer) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body);
    if (!action || action.id === null) return;
    const cycle = Number(action.value.split(':')[1]);
    if (!Number.isInteger(cycle) || cycle < 1) return;
    const channel = action.payload.channel?.id;
    const ts = action.payload.message?.ts;
    const result = await deps.checkins.answer(
      action.userId,
      action.id,
      cycle,
      answer,
      channel && ts ? { channel, ts } : null,
    );
    // "We need help" queued a private note to owners: deliver it now, not at the next tick.
    if (result.ok && answer === 'help') deps.deliverNow();
    const text = result.ok ? result.value.reply : result.message;
    // Ephemeral in the group DM: only the person who clicked sees it.
    if (channel) {
      await deps.slack
        .postEphemeral(channel, action.userId, simpleMessage(text))
        .catch(() => reply(deps, { userId: action.userId }, simpleMessage(text)));
    } else {
      await reply(deps, { userId: action.userId }, simpleMessage(text));
    }
  };
}
