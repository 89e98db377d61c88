import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { selectedValue, selectedValues, textValue, viewSubmission } from '../../payloads.js';
import { SURVEY_BLOCKS } from '../../views/feedback-messages.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { answerErrors, refuseForm } from './refuse.js';

/** The end-of-cohort survey: field errors in the form, or saved (answering again updates). */
export function surveySubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    let cohortId: number | null = null;
    try {
      const meta = JSON.parse(parsed.success ? parsed.data.view.private_metadata : '') as {
        cohortId?: unknown;
      };
      cohortId = typeof meta.cohortId === 'number' ? meta.cohortId : null;
    } catch {
      cohortId = null;
    }
    if (!parsed.success || cohortId === null) return refuseForm(deps, ack, body);
    const values = parsed.data.view.state.values;
    const userId = parsed.data.user.id;
    const result = deps.feedback.submitSurvey(userId, cohortId, {
      rating: selectedValue(values, SURVEY_BLOCKS.rating),
      learned: textValue(values, SURVEY_BLOCKS.learned),
      again: selectedValue(values, SURVEY_BLOCKS.again),
      quoteOk: selectedValues(values, SURVEY_BLOCKS.quoteOk).includes('yes'),
    });
    if (!result.ok && 'errors' in result) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([field, message]) => [
          SURVEY_BLOCKS[field as keyof typeof SURVEY_BLOCKS],
          message,
        ]),
      );
      await answerErrors(deps, ack, body, errors);
      return;
    }
    await ack();
    const text = !result.ok
      ? result.refused
      : result.updated
        ? 'Your feedback is updated — thank you.'
        : 'Thank you — your feedback will shape the next cohort.';
    await reply(deps, { userId }, simpleMessage(text));
  };
}
