import { z } from 'zod';
import type { ValidationResult } from './profile.js';

export const LEARNED_MAX_LENGTH = 1000;
/** Unanswered survey invitations get one reminder this long after they were sent. */
export const SURVEY_REMINDER_AFTER_MS = 3 * 86_400_000;

export interface SurveyDraft {
  rating?: string | number | null;
  learned?: string | null;
  again?: string | null;
  quoteOk?: boolean | null;
}

export interface SurveyInput {
  rating: number;
  learned: string | null;
  again: boolean;
  quoteOk: boolean;
}

export type SurveyField = keyof SurveyInput;

const schema = z.object({
  rating: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: 'Choose how valuable it was, from 1 to 5.' })
      .int('Choose how valuable it was, from 1 to 5.')
      .min(1, 'Choose how valuable it was, from 1 to 5.')
      .max(5, 'Choose how valuable it was, from 1 to 5.'),
  ),
  learned: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z
      .string()
      .max(LEARNED_MAX_LENGTH, `Keep it under ${LEARNED_MAX_LENGTH} characters — the essence is plenty.`)
      .nullable(),
  ),
  again: z
    .enum(['yes', 'no'], { error: 'Tell us whether you would do it again.' })
    .transform((v) => v === 'yes'),
  quoteOk: z
    .boolean()
    .nullish()
    .transform((v) => v === true),
});

/** Checks the end-of-cohort survey. Quoting is opt-in: anything but an explicit yes is a no. */
export function validateSurvey(draft: SurveyDraft): ValidationResult<SurveyInput, SurveyField> {
  const parsed = schema.safeParse(draft);
  if (parsed.success) {
    // Consent without anything to quote means nothing: keep the stored answer honest.
    return {
      ok: true,
      value: { ...parsed.data, quoteOk: parsed.data.quoteOk && parsed.data.learned !== null },
    };
  }
  const errors: Partial<Record<SurveyField, string>> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0]) as SurveyField] ??= issue.message;
  return { ok: false, errors };
}

export interface SentSurvey {
  cohortId: number;
  userId: string;
  sentAt: Date;
}

/** Survey invitations that deserve their one reminder now: sent three days ago, still unanswered, not reminded. */
export function surveyRemindersDue(
  sent: readonly SentSurvey[],
  answered: ReadonlySet<string>,
  reminded: ReadonlySet<string>,
  now: Date,
): SentSurvey[] {
  const key = (s: SentSurvey) => `${s.cohortId}:${s.userId}`;
  return sent.filter(
    (s) =>
      now.getTime() - s.sentAt.getTime() >= SURVEY_REMINDER_AFTER_MS &&
      !answered.has(key(s)) &&
      !reminded.has(key(s)),
  );
}
