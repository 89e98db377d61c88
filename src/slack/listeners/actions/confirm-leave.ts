import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { blockAction } from '../../payloads.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';

/** The "Yes, delete my profile" button under `/reverse-mentor leave`. */
export function confirmLeave(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = blockAction.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn('Ignoring a malformed button payload', parsed.error.issues);
      return;
    }
    const { user, response_url: responseUrl } = parsed.data;
    const { left, message } = await deps.participants.leave(user.id);
    // Replace the question with the answer, so the buttons can't be pressed twice.
    await reply(deps, { userId: user.id, responseUrl }, message, true);
    if (left) deps.background.run('refresh home after leaving', () => deps.participants.publishHome(user.id));
  };
}
