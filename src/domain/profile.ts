import { z } from 'zod';
import {
  CAREER_STAGES,
  type CareerStage,
  isCatalogueTopic,
  parseCustomTopics,
  ROLES,
  type Role,
  type TopicKey,
} from './catalogue.js';
import type { WeeklyHours } from './windows.js';

export const GOALS_MAX_LENGTH = 500;
export const TEAM_MAX_LENGTH = 80;
export const OTHER_TOPICS_MAX_LENGTH = 200;
export const MAX_BLOCKED_PEOPLE = 20;

export interface Profile {
  userId: string;
  role: Role;
  /** Catalogue ids and custom `other:` keys, in the order chosen. */
  topics: TopicKey[];
  otherTopics: string | null;
  careerStage: CareerStage;
  team: string;
  goals: string;
  /** Confidential: people this person asked never to be paired with. */
  blockedUserIds: string[];
  /** Their usual working hours, in their own time zone; null: not given (defaults apply). */
  hours: WeeklyHours | null;
  updatedAt: Date;
}

/** What the opt-in form collects, before validation (every field may be missing or wrong). */
export interface ProfileDraft {
  role?: string | null;
  catalogueTopics?: readonly string[] | null;
  otherTopics?: string | null;
  careerStage?: string | null;
  team?: string | null;
  goals?: string | null;
  blockedUserIds?: readonly string[] | null;
  /** "HH:mm" from the form's time pickers, and the chosen ISO weekdays ("1"–"7"). All optional. */
  workStart?: string | null;
  workEnd?: string | null;
  workDays?: readonly string[] | null;
}

export type ProfileField =
  | 'role'
  | 'topics'
  | 'otherTopics'
  | 'careerStage'
  | 'team'
  | 'goals'
  | 'blockedUserIds'
  | 'workStart'
  | 'workEnd'
  | 'workDays';

export type ProfileInput = Omit<Profile, 'userId' | 'updatedAt'>;

export type ValidationResult<T, F extends string> =
  | { ok: true; value: T }
  | { ok: false; errors: Partial<Record<F, string>> };

const trimmedOrNull = (value: unknown) => {
  if (typeof value !== 'string') return value ?? null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** A Slack user id as Slack writes them: the people picker gives nothing else. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/** A time picker's "HH:mm" as minutes after midnight; empty means "not given". */
const clockTime = z.preprocess(
  trimmedOrNull,
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Choose a time from the list.')
    .transform((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)))
    .nullable(),
);

const SELF_BLOCKED = "You can't list yourself here.";
const TOO_MANY_BLOCKED = `You can list up to ${MAX_BLOCKED_PEOPLE} people here.`;

/**
 * Built once at module load: zod compiles each schema on first use, and the opt-in form is submitted by
 * hundreds at once after an announcement. The one rule that depends on who is asking ("you can't list
 * yourself") is checked after parsing, in `validateProfileDraft`.
 */
const draftSchema = z.object({
  role: z.enum(ROLES, { error: 'Choose whether you want to share (mentor) or learn (mentee).' }),
  catalogueTopics: z
    .array(z.string())
    .nullish()
    .transform((ids) => ids ?? [])
    .refine((ids) => ids.every(isCatalogueTopic), 'One of the chosen topics is not in the list any more.'),
  otherTopics: z.preprocess(
    trimmedOrNull,
    z
      .string()
      .max(
        OTHER_TOPICS_MAX_LENGTH,
        `Keep "other topics" under ${OTHER_TOPICS_MAX_LENGTH} characters — a few words each, separated by commas.`,
      )
      .nullable(),
  ),
  careerStage: z.enum(CAREER_STAGES, { error: 'Choose the career stage closest to yours.' }),
  team: z.preprocess(
    trimmedOrNull,
    z
      .string({ error: 'Tell us your team or department, e.g. "Sales" or "Engineering".' })
      .max(TEAM_MAX_LENGTH, `Keep the team name under ${TEAM_MAX_LENGTH} characters.`),
  ),
  goals: z.preprocess(
    trimmedOrNull,
    z
      .string({ error: 'Add a sentence or two about what you hope to share or learn.' })
      .min(10, 'Add a little more about your goals (at least 10 characters).')
      .max(
        GOALS_MAX_LENGTH,
        `Goals can be up to ${GOALS_MAX_LENGTH} characters — please shorten them a little.`,
      ),
  ),
  blockedUserIds: z
    .array(z.string().regex(SLACK_USER_ID, 'Choose people from the list.'))
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])])
    .refine((ids) => ids.length <= MAX_BLOCKED_PEOPLE, TOO_MANY_BLOCKED),
  workStart: clockTime,
  workEnd: clockTime,
  workDays: z
    .array(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'Choose days from the list.' }))
    .nullish()
    .transform((days) => [...new Set(days ?? [])].map(Number).sort((a, b) => a - b)),
});

/** Working days assumed when someone gives times but no days. */
const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];
/** Shorter than this isn't a working day we could fit a 30-minute conversation and a message into. */
const MIN_WORKING_MINUTES = 60;

/**
 * The optional working hours: nothing given means null (the defaults apply); days without times keep the
 * usual 09:00–17:30; times without days mean Monday to Friday. Both times are needed once one is given.
 */
function workingHoursOf(
  start: number | null,
  end: number | null,
  days: number[],
): { hours: WeeklyHours | null; errors: Partial<Record<ProfileField, string>> } {
  if (start === null && end === null) {
    return days.length === 0
      ? { hours: null, errors: {} }
      : { hours: { days, startMinute: 9 * 60, endMinute: 17 * 60 + 30 }, errors: {} };
  }
  if (start === null) return { hours: null, errors: { workStart: 'Add when your day usually starts.' } };
  if (end === null) return { hours: null, errors: { workEnd: 'Add when your day usually ends.' } };
  if (end - start < MIN_WORKING_MINUTES) {
    return {
      hours: null,
      errors: { workEnd: 'Your day should end at least an hour after it starts (same day, your time).' },
    };
  }
  return {
    hours: { days: days.length > 0 ? days : MONDAY_TO_FRIDAY, startMinute: start, endMinute: end },
    errors: {},
  };
}

/**
 * Checks an opt-in form. Errors are keyed by field and written for the person filling it in; the Slack layer
 * maps fields to block ids.
 */
export function validateProfileDraft(
  userId: string,
  draft: ProfileDraft,
): ValidationResult<ProfileInput, ProfileField> {
  const parsed = draftSchema.safeParse(draft);
  const errors: Partial<Record<ProfileField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = (key === 'catalogueTopics' ? 'topics' : key) as ProfileField;
      errors[field] ??= issue.message;
    }
  }
  // Listing yourself outranks listing too many; a malformed id is reported as such first.
  if (
    Array.isArray(draft.blockedUserIds) &&
    draft.blockedUserIds.includes(userId) &&
    (errors.blockedUserIds === undefined || errors.blockedUserIds === TOO_MANY_BLOCKED)
  ) {
    errors.blockedUserIds = SELF_BLOCKED;
  }
  const catalogue = parsed.success ? parsed.data.catalogueTopics : (draft.catalogueTopics ?? []);
  const other = parsed.success ? parsed.data.otherTopics : null;
  const topics = [...new Set([...catalogue, ...parseCustomTopics(other)])];
  if (!errors.otherTopics && !errors.topics && topics.length === 0) {
    errors.topics = 'Pick at least one topic, or write your own under "Other topics".';
  }
  const working = parsed.success
    ? workingHoursOf(parsed.data.workStart, parsed.data.workEnd, parsed.data.workDays)
    : { hours: null, errors: {} };
  for (const [field, message] of Object.entries(working.errors) as [ProfileField, string][]) {
    errors[field] ??= message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { role, careerStage, team, goals, blockedUserIds, otherTopics } = parsed.data;
  return {
    ok: true,
    value: { role, topics, otherTopics, careerStage, team, goals, blockedUserIds, hours: working.hours },
  };
}
