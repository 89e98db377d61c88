import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Times are stored as epoch milliseconds (integers): cheap to compare in SQL and free of time-zone ambiguity.
// Calendar dates that belong to a cohort (start, enrolment close) are stored as YYYY-MM-DD text.
// No SQL clock defaults: every time comes from the app's injected clock, so tests control it.

const createdAt = () => integer('created_at').notNull();

/** Slack users the bot knows about, with the time zone cached from users.info (refreshed at most daily). */
export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  timeZone: text('time_zone'),
  tzOffsetMinutes: integer('tz_offset_minutes'),
  profileCheckedAt: integer('profile_checked_at'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
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
  createdAt: createdAt(),
  updatedAt: integer('updated_at').notNull(),
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
