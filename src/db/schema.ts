import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type { CurriculumStep } from '../domain/curriculum/plan.js';
import type { PairReason } from '../domain/matching/types.js';
import { UNREADABLE_PAYLOAD } from '../domain/outbox.js';

// Times are stored as epoch milliseconds (integers): cheap to compare in SQL and free of time-zone ambiguity.
// Calendar dates that belong to a cohort (start, enrolment close) are stored as YYYY-MM-DD text.
// No SQL clock defaults: every time comes from the app's injected clock, so tests control it.

const createdAt = () => integer('created_at').notNull();

/**
 * A JSON column whose one bad value can't break every query that reads it: the scheduler reads queued
 * messages in batches (a claim reads many rows at once), and one unreadable row must fail on its own —
 * it reads as UNREADABLE_PAYLOAD and the sender marks it failed — instead of stopping delivery for everyone.
 */
const messageJson = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return UNREADABLE_PAYLOAD;
    }
  },
});

/** Slack users the bot knows about, with the time zone cached from users.info (refreshed at most daily). */
export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  timeZone: text('time_zone'),
  tzOffsetMinutes: integer('tz_offset_minutes'),
  profileCheckedAt: integer('profile_checked_at'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /**
   * Whether they have ever opened the app's Home tab: only then is it worth publishing theirs after a change
   * (opening it publishes a fresh one anyway). Just a flag, cleared when they delete their data.
   */
  homeOpened: integer('home_opened', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

/** What a person told us when opting in. One row per person: saving again updates it. */
export const profiles = sqliteTable('profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
  /** JSON array of topic keys (catalogue ids and `other:` keys). */
  topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
  /** The "other" field as the person typed it, so the modal can be pre-filled faithfully. */
  otherTopics: text('other_topics'),
  careerStage: text('career_stage', { enum: ['early', 'mid', 'senior', 'executive'] }).notNull(),
  team: text('team').notNull(),
  goals: text('goals').notNull(),
  /**
   * Usual working hours in their own time zone, all three set or all null (not given): minutes after local
   * midnight, and the working days as a bit set (bit 0 = Monday … bit 6 = Sunday).
   */
  workStartMinute: integer('work_start_minute'),
  workEndMinute: integer('work_end_minute'),
  workDays: integer('work_days'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull(),
});

/** Someone taking a break (holiday, busy weeks): their pair gets no prompts until they resume or `until`. */
export const pauses = sqliteTable('pauses', {
  userId: text('user_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  pausedAt: integer('paused_at').notNull(),
  /** Null: until they resume by hand. */
  until: integer('until'),
});

/**
 * "Please don't pair me with": confidential. Only the matcher reads it; it is never shown to anyone but the
 * person who wrote it (in their own modal) and never leaves the database in a summary or export.
 */
export const pairingBlocks = sqliteTable(
  'pairing_blocks',
  {
    userId: text('user_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    blockedUserId: text('blocked_user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.blockedUserId] })],
);

/** Slack retries events it thinks we missed; remembering their ids makes handling them idempotent. */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('processed_events_received_at').on(t.receivedAt)],
);

/** Program owners added from the App Home, on top of the PROGRAM_OWNERS environment variable. */
export const owners = sqliteTable('owners', {
  userId: text('user_id').primaryKey(),
  addedBy: text('added_by').notNull(),
  addedAt: integer('added_at').notNull(),
});

export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    state: text('state', { enum: ['enrolling', 'matched', 'active', 'completed', 'cancelled'] }).notNull(),
    enrolmentClosesOn: text('enrolment_closes_on').notNull(),
    startsOn: text('starts_on').notNull(),
    weeks: integer('weeks').notNull(),
    cadence: text('cadence', { enum: ['weekly', 'fortnightly'] }).notNull(),
    promptWeekday: integer('prompt_weekday').notNull(),
    promptHour: integer('prompt_hour').notNull(),
    summaryChannelId: text('summary_channel_id').notNull(),
    topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
    capacity: integer('capacity').notNull(),
    allowSameStage: integer('allow_same_stage', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    matchedAt: integer('matched_at'),
    launchedAt: integer('launched_at'),
    endedAt: integer('ended_at'),
  },
  // Names are unique among cohorts that are still running; a finished "Spring" doesn't block the next one.
  (t) => [
    uniqueIndex('cohorts_open_name')
      .on(sql`lower(${t.name})`)
      .where(sql`${t.state} IN ('enrolling', 'matched', 'active')`),
  ],
);

/** Who signed up for which cohort. `unmatchedReason` is set when the last matching left them without a pair. */
export const enrolments = sqliteTable(
  'enrolments',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    enrolledAt: integer('enrolled_at').notNull(),
    unmatchedReason: text('unmatched_reason'),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('enrolments_user').on(t.userId)],
);

export const pairs = sqliteTable(
  'pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    mentorId: text('mentor_id').notNull(),
    menteeId: text('mentee_id').notNull(),
    score: real('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<PairReason[]>().notNull(),
    state: text('state', { enum: ['draft', 'active', 'ended'] }).notNull(),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    /** The pair's prompts for every cycle, fixed at launch so a later profile edit can't cause repeats. */
    plan: text('plan', { mode: 'json' }).$type<CurriculumStep[]>(),
    /** The pair's group DM, opened once at launch and reused for every prompt. */
    groupDmChannelId: text('group_dm_channel_id'),
    createdAt: integer('created_at').notNull(),
    launchedAt: integer('launched_at'),
    endedAt: integer('ended_at'),
    endReason: text('end_reason'),
    endedBy: text('ended_by'),
    /** Private: only program owners ever see this. */
    leaveReason: text('leave_reason'),
  },
  (t) => [
    index('pairs_cohort').on(t.cohortId, t.state),
    index('pairs_mentor').on(t.mentorId),
    index('pairs_mentee').on(t.menteeId),
  ],
);

/** Answers to the mid-cycle check-in, one per person per cycle (the latest answer wins). */
export const checkins = sqliteTable(
  'checkins',
  {
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    cycle: integer('cycle').notNull(),
    userId: text('user_id').notNull(),
    answer: text('answer', { enum: ['met', 'not_yet', 'help'] }).notNull(),
    answeredAt: integer('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.cycle, t.userId] })],
);

/**
 * Things program owners should look at: someone unresponsive, a pair asking for help, a pairing that isn't
 * working. Unique per (kind, pair, person, cycle) so a flag is raised — and owners told — once.
 */
export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id').notNull(),
    pairId: integer('pair_id').notNull(),
    userId: text('user_id').notNull().default(''),
    kind: text('kind', { enum: ['at-risk', 'need-help', 'not-a-fit', 'left'] }).notNull(),
    cycle: integer('cycle').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('flags_once').on(t.kind, t.pairId, t.userId, t.cycle),
    index('flags_cohort').on(t.cohortId, t.resolvedAt),
  ],
);

/** "Is this pairing working for you?" after the first cycle; one answer per person per pair. */
export const fitChecks = sqliteTable(
  'fit_checks',
  {
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    answer: text('answer', { enum: ['good', 'unsure', 'not_a_fit'] }).notNull(),
    answeredAt: integer('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.userId] })],
);

/**
 * The end-of-cohort survey. `learned` is private: it is never shown to anyone unless `quoteOk` is set, and
 * then only in the summary, without a name.
 */
export const surveys = sqliteTable(
  'surveys',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    pairId: integer('pair_id'),
    rating: integer('rating').notNull(),
    learned: text('learned'),
    again: integer('again', { mode: 'boolean' }).notNull(),
    quoteOk: integer('quote_ok', { mode: 'boolean' }).notNull().default(false),
    answeredAt: integer('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

/**
 * Every message the scheduler or a fan-out sends. The dedupe key (kind, cohort, pair or person, cycle) is
 * unique, so deciding the same thing twice inserts nothing; rows move pending → sending → sent | failed.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    cohortId: integer('cohort_id'),
    pairId: integer('pair_id'),
    userId: text('user_id'),
    cycle: integer('cycle'),
    /** `user:U…` (a DM), `pair:<id>` (the pair's group DM) or `channel:C…`. */
    target: text('target').notNull(),
    payload: messageJson('payload').notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedAt: integer('claimed_at'),
    /** The sender lease's epoch (fencing token) under which the row was claimed: only it may record the result. */
    claimEpoch: integer('claim_epoch'),
    /**
     * Until when (the database's clock, ms) the claim holds; the live sender keeps pushing it forward. Only a
     * claim whose deadline passed may be taken over — however another process's clock is set.
     */
    claimDeadline: integer('claim_deadline'),
    sentAt: integer('sent_at'),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    errorCode: text('error_code'),
    /**
     * When the payload was replaced by a placeholder: after the retention period once the row is finished, or
     * at once when a person deleted their data. Null while the payload is kept.
     */
    purgedAt: integer('purged_at'),
  },
  (t) => [
    index('outbox_ready').on(t.state, t.nextAttemptAt),
    index('outbox_cohort').on(t.cohortId, t.kind),
    index('outbox_pair').on(t.pairId),
    index('outbox_user').on(t.userId),
    // Finished rows whose payload is still kept: what the retention purge walks, oldest first.
    index('outbox_unpurged')
      .on(t.createdAt)
      .where(sql`${t.purgedAt} IS NULL AND ${t.state} IN ('sent', 'failed', 'cancelled')`),
  ],
);

/**
 * One holder at a time across processes (the running bot, an external `tick`, a second replica). Expiry is
 * judged by the database's clock. `epoch` goes up by one whenever the lease changes hands and never goes back
 * (a release keeps the row): it is the fencing token that lets work done under an old holder be told apart.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
  epoch: integer('epoch').notNull().default(0),
});

/**
 * A private note for program owners that nobody could receive yet, because every owner is in the pair it is
 * about (or there is no owner at all). It waits here, text included, until an owner outside the pair exists;
 * then it is queued for them and removed. Deleted with the data of the person who raised it.
 */
export const heldAlerts = sqliteTable(
  'held_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The alert's own key: holding the same alert twice keeps one. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    cohortId: integer('cohort_id'),
    pairId: integer('pair_id'),
    /** Whose private answer the note carries (a call for help, "not a fit", a reason for leaving). */
    raisedBy: text('raised_by'),
    payload: messageJson('payload').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('held_alerts_raised_by').on(t.raisedBy)],
);

/**
 * The survey figures a cohort's summaries last made public. A later summary shows new figures only once
 * enough new answers have come in, so comparing two summaries never isolates one person's answer.
 * Aggregates only: never a quote or anyone's text.
 */
export const summaryDisclosures = sqliteTable('summary_disclosures', {
  cohortId: integer('cohort_id')
    .primaryKey()
    .references(() => cohorts.id, { onDelete: 'cascade' }),
  surveyResponses: integer('survey_responses').notNull(),
  averageRating: real('average_rating'),
  wouldAgainShare: real('would_again_share'),
  disclosedAt: integer('disclosed_at').notNull(),
});

/**
 * Hand edits ("Pair by hand", "Swap") that a confidential rule refused, per owner and cohort. Counted so that
 * nobody can map the confidential "don't pair me with" lists by trying pair after pair.
 */
export const confidentialRefusals = sqliteTable(
  'confidential_refusals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    ownerId: text('owner_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('confidential_refusals_owner').on(t.cohortId, t.ownerId)],
);

/**
 * Modals the bot opened for an owner (the pair review). A later update (next page, an edit, launch) only
 * ever targets a view recorded here for that same owner and cohort, whatever view id a payload names.
 */
export const ownerViews = sqliteTable(
  'owner_views',
  {
    viewId: text('view_id').primaryKey(),
    userId: text('user_id').notNull(),
    cohortId: integer('cohort_id').notNull(),
    openedAt: integer('opened_at').notNull(),
  },
  (t) => [index('owner_views_opened_at').on(t.openedAt)],
);
