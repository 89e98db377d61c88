import { and, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import {
  type Cohort,
  type CohortSettings,
  type CohortState,
  OPEN_COHORT_STATES,
} from '../../domain/cohort.js';
import type { Db } from '../client.js';
import { cohorts, enrolments, pairs } from '../schema.js';

type CohortRow = typeof cohorts.$inferSelect;

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    enrolmentClosesOn: row.enrolmentClosesOn,
    startsOn: row.startsOn,
    weeks: row.weeks,
    cadence: row.cadence,
    promptWeekday: row.promptWeekday,
    promptHour: row.promptHour,
    summaryChannelId: row.summaryChannelId,
    topics: row.topics,
    capacity: row.capacity,
    allowSameStage: row.allowSameStage,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt),
    matchedAt: toDate(row.matchedAt),
    launchedAt: toDate(row.launchedAt),
    endedAt: toDate(row.endedAt),
  };
}

export interface Enrolment {
  cohortId: number;
  userId: string;
  enrolledAt: Date;
  unmatchedReason: string | null;
}

const placeholder = sql.placeholder;

/** The lookups every opt-in makes: the cohort chosen, the person's open cohort, joining. */
function prepareStatements(db: Db) {
  const userId = placeholder('userId');
  // A running cohort only holds the people in its pairs: those it couldn't match are free to join the
  // next one straight away (they were promised to be first in line there). The `+` keeps SQLite off the
  // cohort index (every pair of the cohort) for the mentor and mentee indexes (the person's own pairs).
  const inActivePair = sql`EXISTS (SELECT 1 FROM ${pairs} WHERE +${pairs.cohortId} = ${cohorts.id}
    AND ${pairs.state} = 'active' AND (${pairs.mentorId} = ${userId} OR ${pairs.menteeId} = ${userId}))`;
  return {
    get: db
      .select()
      .from(cohorts)
      .where(eq(cohorts.id, placeholder('id')))
      .prepare(),
    openCohortOf: db
      .select({ cohort: cohorts })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(
        and(
          eq(enrolments.userId, userId),
          or(
            inArray(cohorts.state, ['enrolling', 'matched']),
            and(eq(cohorts.state, 'active'), inActivePair),
          ),
        ),
      )
      .orderBy(desc(cohorts.id))
      .prepare(),
    enrol: db
      .insert(enrolments)
      .values({ cohortId: placeholder('cohortId'), userId, enrolledAt: placeholder('now') })
      .onConflictDoNothing()
      .prepare(),
  };
}

function prepareList(db: Db, states: readonly CohortState[] | undefined) {
  const query = db.select().from(cohorts);
  return (states ? query.where(inArray(cohorts.state, [...states])) : query)
    .orderBy(desc(cohorts.id))
    .prepare();
}

export class CohortRepository {
  private prepared: ReturnType<typeof prepareStatements> | undefined;
  /** `list` by the states asked for: the code asks for a handful of fixed combinations. */
  private readonly lists = new Map<string, ReturnType<typeof prepareList>>();

  constructor(private readonly db: Db) {}

  /** Prepared once, on first use: under a crowd, building and preparing these per call cost more than running them. */
  private get hot() {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  create(settings: CohortSettings, createdBy: string, now: Date): Cohort {
    const row = this.db
      .insert(cohorts)
      .values({ ...settings, state: 'enrolling', createdBy, createdAt: now.getTime() })
      .returning()
      .get();
    return toCohort(row);
  }

  get(id: number): Cohort | null {
    const row = this.hot.get.get({ id });
    return row ? toCohort(row) : null;
  }

  findOpenByName(name: string): Cohort | null {
    const row = this.db
      .select()
      .from(cohorts)
      .where(
        and(
          sql`lower(${cohorts.name}) = ${name.trim().toLowerCase()}`,
          inArray(cohorts.state, [...OPEN_COHORT_STATES]),
        ),
      )
      .get();
    return row ? toCohort(row) : null;
  }

  /** Most recent first. */
  list(states?: readonly CohortState[]): Cohort[] {
    const key = states ? states.join(',') : '*';
    let statement = this.lists.get(key);
    if (!statement) {
      statement = prepareList(this.db, states);
      this.lists.set(key, statement);
    }
    return statement.all().map(toCohort);
  }

  /**
   * Moves a cohort between states only if it is still in `from`: two owners pressing buttons at once can't
   * both win. Returns whether this call made the change.
   */
  transition(
    id: number,
    from: readonly CohortState[],
    to: CohortState,
    stamp: Partial<Record<'matchedAt' | 'launchedAt' | 'endedAt', Date>> = {},
  ): boolean {
    const times = Object.fromEntries(Object.entries(stamp).map(([k, v]) => [k, v?.getTime() ?? null]));
    const result = this.db
      .update(cohorts)
      .set({ state: to, ...times })
      .where(and(eq(cohorts.id, id), inArray(cohorts.state, [...from])))
      .run();
    return result.changes > 0;
  }

  enrol(cohortId: number, userId: string, now: Date): boolean {
    return this.hot.enrol.run({ cohortId, userId, now: now.getTime() }).changes > 0;
  }

  unenrol(cohortId: number, userId: string): boolean {
    return (
      this.db
        .delete(enrolments)
        .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)))
        .run().changes > 0
    );
  }

  /**
   * Every cohort still open (enrolling, matched or running) that the person is enrolled in — including a
   * running one where they wait without a pair, which `openCohortOf` leaves out.
   */
  openEnrolmentsOf(userId: string): number[] {
    return this.db
      .select({ cohortId: enrolments.cohortId })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(and(eq(enrolments.userId, userId), inArray(cohorts.state, [...OPEN_COHORT_STATES])))
      .all()
      .map((r) => r.cohortId);
  }

  enrolments(cohortId: number): Enrolment[] {
    return this.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.cohortId, cohortId))
      .orderBy(enrolments.enrolledAt, enrolments.userId)
      .all()
      .map((row) => ({ ...row, enrolledAt: new Date(row.enrolledAt) }));
  }

  countEnrolments(cohortIds: readonly number[]): Map<number, number> {
    if (cohortIds.length === 0) return new Map();
    const rows = this.db
      .select({ cohortId: enrolments.cohortId, n: sql<number>`count(*)` })
      .from(enrolments)
      .where(inArray(enrolments.cohortId, [...cohortIds]))
      .groupBy(enrolments.cohortId)
      .all();
    return new Map(rows.map((r) => [r.cohortId, r.n]));
  }

  /** The open cohort (enrolling, matched or active) a person belongs to, if any. */
  openCohortOf(userId: string): Cohort | null {
    const row = this.hot.openCohortOf.get({ userId });
    return row ? toCohort(row.cohort) : null;
  }

  /**
   * Of these people, those whose most recent launched cohort (other than `exceptCohortId`) left them without
   * a pair: they were told they'd be first in line next time.
   */
  waitlisted(userIds: readonly string[], exceptCohortId: number): Set<string> {
    if (userIds.length === 0) return new Set();
    const rows = this.db
      .select({ userId: enrolments.userId, cohortId: cohorts.id, launchedAt: cohorts.launchedAt })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(
        and(
          inArray(enrolments.userId, [...userIds]),
          ne(enrolments.cohortId, exceptCohortId),
          isNotNull(cohorts.launchedAt),
        ),
      )
      .orderBy(desc(cohorts.launchedAt), desc(cohorts.id))
      .all();
    const latest = new Map<string, number>();
    for (const row of rows) if (!latest.has(row.userId)) latest.set(row.userId, row.cohortId);
    if (latest.size === 0) return new Set();
    const paired = new Set(
      this.db
        .select({ cohortId: pairs.cohortId, mentorId: pairs.mentorId, menteeId: pairs.menteeId })
        .from(pairs)
        .where(and(inArray(pairs.cohortId, [...new Set(latest.values())]), ne(pairs.state, 'draft')))
        .all()
        .flatMap((p) => [`${p.cohortId}:${p.mentorId}`, `${p.cohortId}:${p.menteeId}`]),
    );
    return new Set(
      [...latest].filter(([userId, cohortId]) => !paired.has(`${cohortId}:${userId}`)).map(([id]) => id),
    );
  }

  setUnmatchedReasons(cohortId: number, reasons: ReadonlyMap<string, string | null>): void {
    this.db.transaction((tx) => {
      for (const [userId, reason] of reasons) {
        tx.update(enrolments)
          .set({ unmatchedReason: reason })
          .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)))
          .run();
      }
    });
  }
}
