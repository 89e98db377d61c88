// The end-of-cohort survey stays open for a while after the cohort ends (SURVEY_WINDOW_DAYS): the automatic
// final summary waits for it to close, so it can report what people said instead of "no answers yet", and no
// summary talks about a survey before it has gone out.

import type { CohortState } from './cohort.js';
import { SURVEY_REMINDER_AFTER_MS } from './feedback.js';

const DAY_MS = 86_400_000;

/** Days the survey is open after the cohort ends, unless SURVEY_WINDOW_DAYS says otherwise. */
export const DEFAULT_SURVEY_WINDOW_DAYS = 7;
/** The window outlasts the one reminder (three days after the invitation), so the reminder comes while it is open. */
export const MIN_SURVEY_WINDOW_DAYS = Math.ceil(SURVEY_REMINDER_AFTER_MS / DAY_MS) + 1;
export const MAX_SURVEY_WINDOW_DAYS = 60;
/**
 * How late the final summary may still be posted after the window closed (the bot was down meanwhile). Past
 * that, nobody is waiting for it any more — and a cohort from before this rule never gets a surprise summary.
 */
export const FINAL_SUMMARY_CATCH_UP_DAYS = 14;

/** Where the survey of a cohort stands: not sent (the cohort hasn't ended, or ran no pairs), open, or closed. */
export type SurveyPhase = 'not-sent' | 'open' | 'closed';

/** What the survey window needs to know about a cohort. */
export interface SurveyCohort {
  state: CohortState;
  /** When the cohort completed (and the survey invitations were queued). */
  endedAt: Date | null;
}

/** The moment the survey window closes: `windowDays` whole days after the cohort ended. */
export function surveyWindowClosesAt(endedAt: Date, windowDays: number): Date {
  return new Date(endedAt.getTime() + windowDays * DAY_MS);
}

/**
 * The survey's phase at `now`. Only a completed cohort that introduced pairs sent a survey: a cancelled one
 * didn't, nor did one closed without pairs.
 */
export function surveyPhase(
  cohort: SurveyCohort & { hadPairs: boolean },
  now: Date,
  windowDays: number,
): SurveyPhase {
  if (cohort.state !== 'completed' || !cohort.endedAt || !cohort.hadPairs) return 'not-sent';
  return now < surveyWindowClosesAt(cohort.endedAt, windowDays) ? 'open' : 'closed';
}

/**
 * Whether the automatic final summary of a cohort is due at `now`: it completed, its survey window has closed,
 * and not so long ago that the summary would be news to nobody. Whether the cohort had pairs and whether the
 * summary was queued already are the caller's to check (the outbox key keeps it to one).
 */
export function finalSummaryDue(cohort: SurveyCohort, now: Date, windowDays: number): boolean {
  if (cohort.state !== 'completed' || !cohort.endedAt) return false;
  const closes = surveyWindowClosesAt(cohort.endedAt, windowDays).getTime();
  return now.getTime() >= closes && now.getTime() < closes + FINAL_SUMMARY_CATCH_UP_DAYS * DAY_MS;
}
