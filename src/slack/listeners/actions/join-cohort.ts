import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatDate } from '../../../domain/time.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply, reportFailure } from '../report.js';
import { parseAction } from './parse.js';

/**
 * "Join" on an announcement or the Home tab. People who already have a profile are enrolled at once;
 * newcomers get the opt-in form with this cohort chosen.
 */
export function joinCohort(deps: ListenerDeps) {
  return async ({ ack, body }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const action = parseAction(deps, body, { id: true });
    if (!action) return;
    const audience = { userId: action.userId, responseUrl: action.responseUrl };
    if (!deps.participants.profileOf(action.userId)) {
      if (!action.triggerId) {
        // No way to open the form from this click: say what to do instead of doing nothing.
        await reply(
          deps,
          audience,
          simpleMessage('To join, tell me a little about yourself first: run `/reverse-mentor`.'),
        );
        return;
      }
      try {
        await deps.participants.openOptInForm(action.userId, action.triggerId, action.id);
      } catch (error) {
        await reportFailure(
          deps,
          audience,
          { whatFailed: "I couldn't open the sign-up form", tryThis: 'Run `/reverse-mentor` instead.' },
          error,
        );
      }
      return;
    }
    const result = deps.cohorts.enrol(action.userId, action.id);
    const text = !result.ok
      ? result.message
      : result.value.alreadyIn
        ? `You're already enrolled in “${result.value.cohort.name}”.`
        : `You're in “${result.value.cohort.name}”! Enrolment closes ${formatDate(result.value.cohort.enrolmentClosesOn)}; ` +
          "I'll introduce you to your partner when the cohort launches.";
    await reply(deps, audience, simpleMessage(text));
    if (result.ok) deps.background.run('refresh home after joining', () => deps.home.publish(action.userId));
  };
}
