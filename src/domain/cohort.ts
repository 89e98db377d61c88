import { z } from 'zod';
import { isCatalogueTopic, parseCustomTopics, type TopicKey } from './catalogue.js';
import type { ValidationResult } from './profile.js';
import { addDays, daysBetween, type IsoDate, isIsoDate } from './time.js';

export const COHORT_STATES = ['enrolling', 'matched', 'active', 'completed', 'cancelled'] as const;
export type CohortState = (typeof COHORT_STATES)[number];

/** States in which a cohort still holds its people: someone can only be in one of these at a time. */
export const OPEN_COHORT_STATES: readonly CohortState[] = ['enrolling', 'matched', 'active'];

export const CADENCES = ['weekly', 'fortnightly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const MIN_WEEKS = 4;
export const MAX_WEEKS = 26;
export const MAX_CAPACITY = 3;
export const COHORT_NAME_MAX = 60;

export interface CohortSettings {
  name: string;
  enrolmentClosesOn: IsoDate;
  startsOn: IsoDate;
  weeks: number;
  cadence: Cadence;
  /** ISO weekday, Monday = 1. */
  promptWeekday: number;
  /** Local hour (0–23) in each pair's time zone. */
  promptHour: number;
  summaryChannelId: string;
  topics: TopicKey[];
  /** Max mentees per mentor. */
  capacity: number;
  allowSameStage: boolean;
}

export interface Cohort extends CohortSettings {
  id: number;
  state: CohortState;
  createdBy: string;
  createdAt: Date;
  matchedAt: Date | null;
  launchedAt: Date | null;
  endedAt: Date | null;
}

export interface CohortDraft {
  name?: string | null;
  enrolmentClosesOn?: string | null;
  startsOn?: string | null;
  weeks?: string | number | null;
  cadence?: string | null;
  promptWeekday?: string | number | null;
  promptHour?: string | number | null;
  summaryChannelId?: string | null;
  catalogueTopics?: readonly string[] | null;
  customTopics?: string | null;
  capacity?: string | number | null;
  allowSameStage?: boolean | null;
}

export type CohortField = keyof CohortSettings;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));
const number = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : (v ?? null));

const date = (message: string) =>
  z.preprocess(trimmed, z.string({ error: message }).refine(isIsoDate, message));

const draftSchema = z.object({
  name: z.preprocess(
    trimmed,
    z
      .string({ error: 'Give the cohort a name, e.g. "Spring 2027".' })
      .min(3, 'Use at least 3 characters for the name.')
      .max(COHORT_NAME_MAX, `Keep the name under ${COHORT_NAME_MAX} characters.`),
  ),
  enrolmentClosesOn: date('Choose the day enrolment closes.'),
  startsOn: date('Choose the start date.'),
  weeks: z.preprocess(
    number,
    z
      .number({ error: `Enter a number of weeks between ${MIN_WEEKS} and ${MAX_WEEKS}.` })
      .int(`Enter a whole number of weeks between ${MIN_WEEKS} and ${MAX_WEEKS}.`)
      .min(MIN_WEEKS, `A cohort runs at least ${MIN_WEEKS} weeks.`)
      .max(MAX_WEEKS, `A cohort runs at most ${MAX_WEEKS} weeks.`),
  ),
  cadence: z.enum(CADENCES, { error: 'Choose weekly or every two weeks.' }),
  promptWeekday: z.preprocess(
    number,
    z
      .number({ error: 'Choose the day prompts go out.' })
      .int()
      .min(1)
      .max(7, 'Choose the day prompts go out.'),
  ),
  promptHour: z.preprocess(
    number,
    z
      .number({ error: 'Choose the hour prompts go out.' })
      .int()
      .min(0)
      .max(23, 'Choose an hour from 0 to 23.'),
  ),
  summaryChannelId: z.preprocess(
    trimmed,
    z
      .string({ error: 'Choose the channel where summaries are posted.' })
      .regex(/^[CG][A-Z0-9]+$/, 'Choose a channel (not a DM).'),
  ),
  catalogueTopics: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? [])
    .refine((ids) => ids.every(isCatalogueTopic), 'One of the topics is not in the catalogue.'),
  customTopics: z.preprocess(
    trimmed,
    z.string().max(300, 'Keep custom topics under 300 characters.').nullable(),
  ),
  capacity: z.preprocess(
    number,
    z
      .number({ error: `Choose how many mentees a mentor may take (1–${MAX_CAPACITY}).` })
      .int()
      .min(1, `Choose how many mentees a mentor may take (1–${MAX_CAPACITY}).`)
      .max(MAX_CAPACITY, `A mentor can take at most ${MAX_CAPACITY} mentees.`),
  ),
  allowSameStage: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

export interface CohortValidationContext {
  /** Today in the owner's time zone. */
  today: IsoDate;
  /** Names of cohorts that are still open (enrolling, matched or active), to keep names unique among them. */
  openCohortNames: readonly string[];
}

/** Checks the "New cohort" form. Every error is keyed by field and written for the owner filling it in. */
export function validateCohortDraft(
  draft: CohortDraft,
  context: CohortValidationContext,
): ValidationResult<CohortSettings, CohortField> {
  // Each field is checked on its own, so the owner sees every problem at once, including the ones that
  // compare two fields whenever both of those fields are fine by themselves.
  const errors: Partial<Record<CohortField, string>> = {};
  const value: Partial<z.infer<typeof draftSchema>> = {};
  for (const [key, schema] of Object.entries(draftSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(draft[key as keyof CohortDraft]);
    const field = (key === 'catalogueTopics' || key === 'customTopics' ? 'topics' : key) as CohortField;
    if (parsed.success) (value as Record<string, unknown>)[key] = parsed.data;
    else errors[field] ??= parsed.error.issues[0]?.message ?? 'Check this value.';
  }
  const { name, enrolmentClosesOn, startsOn } = value;
  if (name && context.openCohortNames.some((n) => n.trim().toLowerCase() === name.toLowerCase())) {
    errors.name = 'A cohort that is still running already has this name. Choose another.';
  }
  if (enrolmentClosesOn && daysBetween(context.today, enrolmentClosesOn) < 0) {
    errors.enrolmentClosesOn = 'Enrolment can’t close in the past.';
  }
  if (startsOn) {
    if (daysBetween(context.today, startsOn) < 0) errors.startsOn = 'The start date can’t be in the past.';
    else if (daysBetween(context.today, startsOn) > 366) errors.startsOn = 'Start within the next year.';
    else if (enrolmentClosesOn && daysBetween(enrolmentClosesOn, startsOn) <= 0) {
      errors.startsOn = 'Start after enrolment closes, so there is time to review the pairs.';
    }
  }
  const topics = [...new Set([...(value.catalogueTopics ?? []), ...parseCustomTopics(value.customTopics)])];
  if (!errors.topics && topics.length === 0) errors.topics = 'Offer at least one topic.';
  const complete = draftSchema.safeParse(value);
  if (!complete.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = complete.data;
  return {
    ok: true,
    value: {
      name: v.name,
      enrolmentClosesOn: v.enrolmentClosesOn,
      startsOn: v.startsOn,
      weeks: v.weeks,
      cadence: v.cadence,
      promptWeekday: v.promptWeekday,
      promptHour: v.promptHour,
      summaryChannelId: v.summaryChannelId,
      topics,
      capacity: v.capacity,
      allowSameStage: v.allowSameStage,
    },
  };
}

const TRANSITIONS: Record<CohortState, readonly CohortState[]> = {
  enrolling: ['matched', 'cancelled'],
  // matched → completed: closed by an owner when no pair could be formed (see LaunchService.close).
  matched: ['matched', 'enrolling', 'active', 'completed', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canTransition(from: CohortState, to: CohortState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isOpen(state: CohortState): boolean {
  return OPEN_COHORT_STATES.includes(state);
}

/** Days between two prompts. */
export function cadenceDays(cadence: Cadence): number {
  return cadence === 'weekly' ? 7 : 14;
}

/** How many prompt cycles the cohort has: one per week, or one per fortnight (rounded up). */
export function cycleCount(cohort: Pick<CohortSettings, 'weeks' | 'cadence'>): number {
  return Math.ceil((cohort.weeks * 7) / cadenceDays(cohort.cadence));
}

/** The last calendar day of the cohort. */
export function endsOn(cohort: Pick<CohortSettings, 'startsOn' | 'weeks'>): IsoDate {
  return addDays(cohort.startsOn, cohort.weeks * 7 - 1);
}

/** Enrolment is over once the closing day has passed (it stays open all of that day). */
export function enrolmentHasClosed(
  cohort: Pick<CohortSettings, 'enrolmentClosesOn'>,
  today: IsoDate,
): boolean {
  return daysBetween(cohort.enrolmentClosesOn, today) > 0;
}
