import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { channelProblemAdvice, postToChannel } from '../../../services/channel-post.js';
import { ONLY_OWNERS } from '../../../services/outcome.js';
import { SlackCallError } from '../../../services/ports.js';
import { elementOf, viewSubmission } from '../../payloads.js';
import { ANNOUNCE_CHANNEL_BLOCK, announcementMessage } from '../../views/announcement.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { answerErrors, refuseForm } from './refuse.js';

/** The announcement form: post the invitation with its Join button to the chosen channel. */
export function announceSubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) return refuseForm(deps, ack, body);
    const { user, view } = parsed.data;
    const element = elementOf(view.state.values, ANNOUNCE_CHANNEL_BLOCK);
    const chosen = element?.selected_conversation ?? element?.selected_channel ?? null;
    // A channel id as Slack writes them: anything else is no channel we could post to.
    const channelId = chosen && /^[CG][A-Z0-9]{2,30}$/.test(chosen) ? chosen : null;
    if (!channelId) return answerErrors(deps, ack, body, { [ANNOUNCE_CHANNEL_BLOCK]: 'Choose a channel.' });
    let cohortId: number | null = null;
    try {
      cohortId = Number((JSON.parse(view.private_metadata) as { cohortId?: unknown }).cohortId);
    } catch {
      cohortId = null;
    }
    const cohort = cohortId ? deps.cohorts.get(cohortId) : null;
    if (!deps.owners.isOwner(user.id)) {
      await ack();
      await reply(deps, { userId: user.id }, simpleMessage(ONLY_OWNERS));
      return;
    }
    if (cohort?.state !== 'enrolling') {
      return answerErrors(deps, ack, body, {
        [ANNOUNCE_CHANNEL_BLOCK]: 'This cohort is no longer open for enrolment.',
      });
    }
    await ack();
    deps.background.run('post announcement', async () => {
      try {
        await postToChannel(deps.slack, { channel: channelId, ...announcementMessage(cohort) });
        await reply(deps, { userId: user.id }, simpleMessage(`Posted the invitation to <#${channelId}>.`));
      } catch (error) {
        if (error instanceof SlackCallError && error.kind === 'platform') {
          deps.logger.warn('Announcement refused', { code: error.code });
          await reply(deps, { userId: user.id }, simpleMessage(channelProblemAdvice(channelId, error.code)));
          return;
        }
        await reportFailure(
          deps,
          { userId: user.id },
          { whatFailed: "I couldn't post the announcement", tryThis: 'Try again in a minute.' },
          error,
        );
      }
    });
  };
}
