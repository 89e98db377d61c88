import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { OPEN_COHORT_STATES } from '../../domain/cohort.js';
import { isValidTimeZone } from '../../domain/time.js';
import type { Db } from '../client.js';
import { cohorts, enrolments, people } from '../schema.js';
import { inChunks } from './chunks.js';

export interface Person {
  id: string;
  displayName: string;
  timeZone: string | null;
  tzOffsetMinutes: number | null;
  /** When we last asked Slack for this person's name and time zone (null: never). */
  profileCheckedAt: Date | null;
  active: boolean;
}

type PersonRow = typeof people.$inferSelect;

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    displayName: row.displayName,
    // A zone name this runtime doesn't know (a newer tz database at Slack, a typo) reads as unknown, so every
    // date and schedule falls back to the offset instead of throwing.
    timeZone: row.timeZone && isValidTimeZone(row.timeZone) ? row.timeZone : null,
    tzOffsetMinutes: row.tzOffsetMinutes,
    profileCheckedAt: row.profileCheckedAt === null ? null : new Date(row.profileCheckedAt),
    active: row.active,
  };
}

const placeholder = sql.placeholder;

/** Up to this many ids, `getMany` looks each up with the prepared statement. */
const FEW = 25;

/** Every request names a person: the form, its submission and the Home tab each look them up or write them. */
function prepareStatements(db: Db) {
  const slackProfile = {
    displayName: placeholder('displayName'),
    timeZone: placeholder('timeZone'),
    tzOffsetMinutes: placeholder('tzOffsetMinutes'),
    profileCheckedAt: placeholder('profileCheckedAt'),
    active: placeholder('active'),
  };
  return {
    get: db
      .select()
      .from(people)
      .where(eq(people.id, placeholder('id')))
      .prepare(),
    ensure: db
      .insert(people)
      .values({
        id: placeholder('id'),
        displayName: placeholder('displayName'),
        createdAt: placeholder('now'),
      })
      .onConflictDoNothing()
      .prepare(),
    recordSlackProfile: db
      .insert(people)
      .values({ id: placeholder('id'), createdAt: placeholder('profileCheckedAt'), ...slackProfile })
      // The values were encoded once, in the insert: take them from `excluded`.
      .onConflictDoUpdate({
        target: people.id,
        set: Object.fromEntries(
          Object.keys(slackProfile).map((key) => [
            key,
            sql.raw(`excluded."${people[key as keyof typeof slackProfile].name}"`),
          ]),
        ),
      })
      .prepare(),
    homeOpened: db
      .select({ homeOpened: people.homeOpened })
      .from(people)
      .where(eq(people.id, placeholder('id')))
      .prepare(),
    markHomeOpened: db
      .insert(people)
      .values({
        id: placeholder('id'),
        displayName: placeholder('id'),
        createdAt: placeholder('now'),
        homeOpened: true,
      })
      .onConflictDoUpdate({ target: people.id, set: { homeOpened: true } })
      .prepare(),
  };
}

export class PeopleRepository {
  private prepared: ReturnType<typeof prepareStatements> | undefined;

  constructor(private readonly db: Db) {}

  /** Prepared once, on first use: under a crowd, building and preparing these per call cost more than running them. */
  private get hot() {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  get(id: string): Person | null {
    const row = this.hot.get.get({ id });
    return row ? toPerson(row) : null;
  }

  getMany(ids: readonly string[]): Map<string, Person> {
    if (ids.length <= FEW) {
      // A "don't pair me with" list, a pair: one prepared lookup each beats building and preparing an IN query.
      const out = new Map<string, Person>();
      for (const id of ids) {
        const row = this.hot.get.get({ id });
        if (row) out.set(id, toPerson(row));
      }
      return out;
    }
    const rows = inChunks(ids, (slice) =>
      this.db.select().from(people).where(inArray(people.id, slice)).all(),
    );
    return new Map(rows.map((row) => [row.id, toPerson(row)]));
  }

  /** Makes sure a row exists (a name from the payload is good enough until users.info answers). */
  ensure(id: string, displayName: string, now: Date): void {
    this.hot.ensure.run({ id, displayName, now: now.getTime() });
  }

  /** Records what Slack told us about someone: their name, time zone and whether they're still active. */
  recordSlackProfile(person: Omit<Person, 'profileCheckedAt'> & { profileCheckedAt: Date }): void {
    this.hot.recordSlackProfile.run({
      id: person.id,
      displayName: person.displayName,
      timeZone: person.timeZone,
      tzOffsetMinutes: person.tzOffsetMinutes,
      profileCheckedAt: person.profileCheckedAt.getTime(),
      active: person.active,
    });
  }

  /** Whether this person has ever opened the Home tab (publishing one they never look at is wasted work). */
  hasOpenedHome(id: string): boolean {
    return this.hot.homeOpened.get({ id })?.homeOpened ?? false;
  }

  /** Records that the person opened the Home tab (their id is a good enough name until users.info answers). */
  markHomeOpened(id: string, now: Date): void {
    this.hot.markHomeOpened.run({ id, now: now.getTime() });
  }

  /** People in open cohorts whose cached name and time zone are older than `cutoff` (never checked first). */
  staleInOpenCohorts(cutoff: Date, limit: number): string[] {
    return this.db
      .selectDistinct({ id: people.id })
      .from(people)
      .innerJoin(enrolments, eq(enrolments.userId, people.id))
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(
        and(
          inArray(cohorts.state, [...OPEN_COHORT_STATES]),
          eq(people.active, true),
          or(isNull(people.profileCheckedAt), lt(people.profileCheckedAt, cutoff.getTime())),
        ),
      )
      .orderBy(people.profileCheckedAt, people.id)
      .limit(limit)
      .all()
      .map((r) => r.id);
  }

  /**
   * Keeps only the id of someone who deleted their data: their name, time zone and whether they opened the
   * Home tab go (Slack is asked again if they ever come back). The row stays because past pairs refer to it.
   */
  redact(id: string): void {
    this.db
      .update(people)
      .set({
        displayName: id,
        timeZone: null,
        tzOffsetMinutes: null,
        profileCheckedAt: null,
        homeOpened: false,
      })
      .where(eq(people.id, id))
      .run();
  }

  /** Marks someone inactive; true only the first time (so owners are told once). */
  markInactive(id: string): boolean {
    const result = this.db
      .update(people)
      .set({ active: false })
      .where(and(eq(people.id, id), eq(people.active, true)))
      .run();
    return result.changes > 0;
  }
}
