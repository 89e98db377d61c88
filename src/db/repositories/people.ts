import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
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

export class PeopleRepository {
  constructor(private readonly db: Db) {}

  get(id: string): Person | null {
    const row = this.db.select().from(people).where(eq(people.id, id)).get();
    return row ? toPerson(row) : null;
  }

  getMany(ids: readonly string[]): Map<string, Person> {
    const rows = inChunks(ids, (slice) =>
      this.db.select().from(people).where(inArray(people.id, slice)).all(),
    );
    return new Map(rows.map((row) => [row.id, toPerson(row)]));
  }

  /** Makes sure a row exists (a name from the payload is good enough until users.info answers). */
  ensure(id: string, displayName: string, now: Date): void {
    this.db.insert(people).values({ id, displayName, createdAt: now.getTime() }).onConflictDoNothing().run();
  }

  /** Records what Slack told us about someone: their name, time zone and whether they're still active. */
  recordSlackProfile(person: Omit<Person, 'profileCheckedAt'> & { profileCheckedAt: Date }): void {
    const values = {
      displayName: person.displayName,
      timeZone: person.timeZone,
      tzOffsetMinutes: person.tzOffsetMinutes,
      profileCheckedAt: person.profileCheckedAt.getTime(),
      active: person.active,
    };
    this.db
      .insert(people)
      .values({ id: person.id, createdAt: person.profileCheckedAt.getTime(), ...values })
      .onConflictDoUpdate({ target: people.id, set: values })
      .run();
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
   * Keeps only the id of someone who deleted their data: their name and time zone go (Slack is asked again
   * if they ever come back). The row stays because past pairs refer to it.
   */
  redact(id: string): void {
    this.db
      .update(people)
      .set({ displayName: id, timeZone: null, tzOffsetMinutes: null, profileCheckedAt: null })
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
