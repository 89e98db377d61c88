import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** "Find a new partner" on an owner alert: pair the person left behind with the best available partner. */
export function rematch(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.pairLife.rematch(action.userId, action.id);
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!result.ok) return reply(deps, audience, simpleMessage(result.message));
    const { newPair, partner } = result.value;
    if (!newPair) {
      return reply(
        deps,
        audience,
        simpleMessage(
          `Nobody in the cohort is free to pair with <@${partner}> right now. They stay first in line for the next cohort.`,
        ),
      );
    }
    deps.deliverNow();
    const other = newPair.mentorId === partner ? newPair.menteeId : newPair.mentorId;
    await reply(
      deps,
      audience,
      simpleMessage(`Done: <@${partner}> is now paired with <@${other}>; their introduction is on its way.`),
    );
  };
}
