import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { viewSubmission } from '../../payloads.js';
import { askedForCohort, optInErrors, readOptInCohort, readOptInValues } from '../../views/opt-in-modal.js';
import type { ListenerDeps } from '../deps.js';
import { answerErrors, refuseForm } from './refuse.js';

/**
 * The opt-in form's submit. Validation answers in the ack itself (`response_action: "errors"`) so the person
 * sees field errors in the open modal; a valid form is saved before the ack and the rest happens after it.
 */
export function optInSubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn('Refusing a malformed opt-in submission', {
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5),
      });
      return refuseForm(deps, ack, body);
    }
    const { user, view } = parsed.data;
    const values = view.state.values;
    const result = await deps.participants.saveProfile(user.id, user.name ?? user.username ?? user.id, {
      draft: readOptInValues(values),
      cohortId: readOptInCohort(values, view.private_metadata),
      askedForCohort: askedForCohort(values),
    });
    if (!result.ok) {
      await answerErrors(deps, ack, body, optInErrors(result.errors));
      return;
    }
    await ack();
    deps.background.later('confirm profile', () => deps.participants.afterProfileSaved(result));
  };
}
