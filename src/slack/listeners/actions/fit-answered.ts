import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { FitAnswer } from '../../../db/repositories/feedback.js';
import { fitAnsweredMessage } from '../../views/feedback-messages.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseAction } from './parse.js';

/** "Going well" / "Not sure yet" / "Not a fit" on the fit check DM. */
export function fitAnswered(deps: ListenerDeps, answer: FitAnswer) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.feedback.answerFit(action.userId, action.id, answer);
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!result.ok) return reply(deps, audience, simpleMessage(result.message));
    if (result.value.delivery === 'queued') deps.deliverNow();
    // Replace the question with the answer, so it reads as done.
    await reply(deps, audience, fitAnsweredMessage(answer, result.value.delivery === 'held'), true);
  };
}
