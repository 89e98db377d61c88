import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { viewSubmission } from '../../payloads.js';
import { cohortErrors, readCohortValues } from '../../views/cohort-modal.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { answerErrors, refuseForm } from './refuse.js';

/** "New cohort" submitted: field errors in the modal, or the cohort is created and the Home tab refreshed. */
export function newCohortSubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) return refuseForm(deps, ack, body);
    const { user, view } = parsed.data;
    const result = deps.cohorts.create(user.id, readCohortValues(view.state.values));
    if (!result.ok) {
      if ('forbidden' in result) {
        // A forged or stale form from someone who isn't an owner: close it, say why, change nothing.
        await ack();
        await reply(deps, { userId: user.id }, simpleMessage(result.forbidden));
        return;
      }
      await answerErrors(deps, ack, body, cohortErrors(result.errors));
      return;
    }
    await ack();
    const cohort = result.cohort;
    deps.background.run('confirm new cohort', async () => {
      await reply(
        deps,
        { userId: user.id },
        simpleMessage(
          `“${cohort.name}” is open for enrolment. Post an announcement from the Home tab so people can join.`,
        ),
      );
      await deps.home.publish(user.id);
    });
  };
}
