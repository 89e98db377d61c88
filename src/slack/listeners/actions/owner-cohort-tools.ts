import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { sendExport } from '../send-export.js';
import { parseAction } from './parse.js';

/** Home → "Post summary": queue a summary for the cohort's channel and deliver it now. */
export function postSummary(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const result = deps.summaries.request(action.userId, action.id);
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!result.ok) return reply(deps, audience, simpleMessage(result.message));
    deps.deliverNow();
    await reply(
      deps,
      audience,
      simpleMessage(
        `The summary of “${result.value.cohort.name}” is on its way to <#${result.value.cohort.summaryChannelId}>.`,
      ),
    );
  };
}

/** Home → "Retry failed messages": failed deliveries of a cohort go back in the queue (owners only). */
export function retryDelivery(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!deps.owners.isOwner(action.userId)) return reply(deps, audience, simpleMessage(ONLY_OWNERS));
    const retried = deps.delivery.retryFailed(action.id);
    deps.deliverNow();
    await reply(
      deps,
      audience,
      simpleMessage(
        retried === 0 ? 'Nothing is waiting to be retried.' : `Trying ${retried} message(s) again now.`,
      ),
    );
    deps.background.run('refresh home after retry', () => deps.home.publish(action.userId));
  };
}

/** Home → "Export CSV": the named CSV by DM, with a button for an anonymised copy. */
export function exportCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    await sendExport(deps, { userId: action.userId, responseUrl: action.responseUrl }, action.id, 'named');
  };
}

/** "End pair and rematch" on a "not a fit" alert. */
export function endAndRematch(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    const result = deps.pairLife.endAndRematch(action.userId, action.id);
    if (!result.ok) return reply(deps, audience, simpleMessage(result.message));
    deps.deliverNow();
    const lines = result.value.results.map((r) =>
      r.newPair
        ? `<@${r.userId}> is now paired with <@${r.newPair.mentorId === r.userId ? r.newPair.menteeId : r.newPair.mentorId}>.`
        : `Nobody is free for <@${r.userId}> right now; they are first in line for the next cohort.`,
    );
    await reply(
      deps,
      audience,
      simpleMessage(`The pair has ended; both were told kindly, without any reason. ${lines.join(' ')}`),
    );
  };
}
