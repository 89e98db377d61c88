import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { joinWithAnd } from '../../../domain/catalogue.js';
import { partnerOf } from '../../../domain/pair.js';
import { simpleMessage } from '../../views/messages.js';
import { leavePairModal } from '../../views/pair-modals.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/** "Leave this pair" (Home tab, or the `/reverse-mentor leave` question): asks for an optional private reason. */
export function leavePair(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { triggerId: true });
    if (!action) return;
    const pairs = deps.pairLife.activePairsOf(action.userId);
    if (pairs.length === 0) {
      await reply(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        simpleMessage("You're not in an active pair right now."),
      );
      return;
    }
    try {
      const partners = pairs.map((pair) => `<@${partnerOf(pair, action.userId)}>`);
      await deps.slack.openModal(action.triggerId, leavePairModal(joinWithAnd(partners)));
    } catch (error) {
      await reportFailure(
        deps,
        { userId: action.userId, responseUrl: action.responseUrl },
        { whatFailed: "I couldn't open the form", tryThis: 'Press the button again.' },
        error,
      );
    }
  };
}
