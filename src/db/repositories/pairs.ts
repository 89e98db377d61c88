import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { CurriculumStep } from '../../domain/curriculum/plan.js';
import type { MatchedPair } from '../../domain/matching/types.js';
import type { Pair, PairEndReason, PairState } from '../../domain/pair.js';
import type { Db } from '../client.js';
import { cohorts, pairs, people } from '../schema.js';

type PairRow = typeof pairs.$inferSelect;

function toPair(row: PairRow): Pair {
  return {
    id: row.id,
    cohortId: row.cohortId,
    mentorId: row.mentorId,
    menteeId: row.menteeId,
    score: row.score,
    reasons: row.reasons,
    state: row.state,
    pinned: row.pinned,
    groupDmChannelId: row.groupDmChannelId,
    plan: row.plan ?? null,
    createdAt: new Date(row.createdAt),
    launchedAt: row.launchedAt === null ? null : new Date(row.launchedAt),
    endedAt: row.endedAt === null ? null : new Date(row.endedAt),
    endReason: (row.endReason as PairEndReason | null) ?? null,
    endedBy: row.endedBy,
  };
}

function draftRow(cohortId: number, p: MatchedPair, now: Date): typeof pairs.$inferInsert {
  return {
    cohortId,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    score: p.score,
    reasons: [...p.reasons],
    pinned: p.pinned,
    state: 'draft',
    createdAt: now.getTime(),
  };
}

export interface PastPairing {
  mentorId: string;
  menteeId: string;
  cohortStartedOn: string;
}

function prepareMembers(db: Db) {
  return db
    .select({ mentorId: pairs.mentorId, menteeId: pairs.menteeId, groupDmChannelId: pairs.groupDmChannelId })
    .from(pairs)
    .where(eq(pairs.id, sql.placeholder('id')))
    .prepare();
}

/** A person's pairs in a cohort, in the states asked for: the Home tab reads them on every publish. */
function preparePairsOf(db: Db, states: readonly PairState[]) {
  return db
    .select()
    .from(pairs)
    .where(
      and(
        // `+` keeps SQLite off the cohort index, which would read every pair of the cohort (thousands in a
        // big one): the person's own pairs, found by the mentor and mentee indexes, are a handful.
        sql`+${pairs.cohortId} = ${sql.placeholder('cohortId')}`,
        inArray(pairs.state, [...states]),
        or(eq(pairs.mentorId, sql.placeholder('userId')), eq(pairs.menteeId, sql.placeholder('userId'))),
      ),
    )
    .orderBy(pairs.id)
    .prepare();
}

export class PairRepository {
  // Prepared on first use: delivery looks a pair up once per message.
  private membersStatement: ReturnType<typeof prepareMembers> | undefined;
  /** `pairsOf` by the states asked for: the code asks for a handful of fixed combinations. */
  private readonly pairsOfStatements = new Map<string, ReturnType<typeof preparePairsOf>>();

  constructor(private readonly db: Db) {}

  get(id: number): Pair | null {
    const row = this.db.select().from(pairs).where(eq(pairs.id, id)).get();
    return row ? toPair(row) : null;
  }

  /** Just what delivering to a pair needs (no plan or reasons to parse): it runs once per message. */
  members(id: number): { mentorId: string; menteeId: string; groupDmChannelId: string | null } | null {
    this.membersStatement ??= prepareMembers(this.db);
    return this.membersStatement.get({ id }) ?? null;
  }

  list(cohortId: number, states?: readonly PairState[]): Pair[] {
    const where = states
      ? and(eq(pairs.cohortId, cohortId), inArray(pairs.state, [...states]))
      : eq(pairs.cohortId, cohortId);
    return this.db.select().from(pairs).where(where).orderBy(pairs.id).all().map(toPair);
  }

  /** Replaces a cohort's draft pairs with a new proposal, in one transaction. */
  replaceDrafts(cohortId: number, proposal: readonly MatchedPair[], now: Date): void {
    this.db.transaction((tx) => {
      tx.delete(pairs)
        .where(and(eq(pairs.cohortId, cohortId), eq(pairs.state, 'draft')))
        .run();
      for (const p of proposal)
        tx.insert(pairs)
          .values(draftRow(cohortId, p, now))
          .run();
    });
  }

  insertDraft(cohortId: number, p: MatchedPair, now: Date): Pair {
    const row = this.db
      .insert(pairs)
      .values(draftRow(cohortId, p, now))
      .returning()
      .get();
    return toPair(row);
  }

  deleteDraft(id: number): boolean {
    return (
      this.db
        .delete(pairs)
        .where(and(eq(pairs.id, id), eq(pairs.state, 'draft')))
        .run().changes > 0
    );
  }

  /** A draft pair becomes active at launch, with its curriculum fixed. */
  activate(pairId: number, plan: readonly CurriculumStep[], now: Date): boolean {
    return (
      this.db
        .update(pairs)
        .set({ state: 'active', launchedAt: now.getTime(), plan: [...plan] })
        .where(and(eq(pairs.id, pairId), eq(pairs.state, 'draft')))
        .run().changes > 0
    );
  }

  /** Stores the group DM once; a concurrent second open keeps the first id. Returns the stored id. */
  setGroupDm(pairId: number, channelId: string): string {
    this.db
      .update(pairs)
      .set({ groupDmChannelId: channelId })
      .where(and(eq(pairs.id, pairId), isNull(pairs.groupDmChannelId)))
      .run();
    return this.get(pairId)?.groupDmChannelId ?? channelId;
  }

  end(
    pairId: number,
    reason: PairEndReason,
    now: Date,
    details: { endedBy?: string; leaveReason?: string | null } = {},
  ): boolean {
    return (
      this.db
        .update(pairs)
        .set({
          state: 'ended',
          endedAt: now.getTime(),
          endReason: reason,
          endedBy: details.endedBy ?? null,
          leaveReason: details.leaveReason ?? null,
        })
        .where(and(eq(pairs.id, pairId), ne(pairs.state, 'ended')))
        .run().changes > 0
    );
  }

  /**
   * The pairs a person is in within a cohort, in the given states: one for a mentee, up to the cohort's
   * capacity for a mentor.
   */
  pairsOf(userId: string, cohortId: number, states: readonly PairState[] = ['draft', 'active']): Pair[] {
    const key = states.join(',');
    let statement = this.pairsOfStatements.get(key);
    if (!statement) {
      statement = preparePairsOf(this.db, states);
      this.pairsOfStatements.set(key, statement);
    }
    return statement.all({ userId, cohortId }).map(toPair);
  }

  /**
   * People recorded as deactivated who are still in a running pair: whatever noticed the deactivation (a
   * profile refresh, a failed delivery), the tick ends these pairs from here, so a failure between noticing
   * and ending is mended on the next tick instead of stranding the partner.
   */
  inactiveMembersOfActivePairs(): string[] {
    return this.db
      .selectDistinct({ userId: people.id })
      .from(people)
      .innerJoin(pairs, or(eq(pairs.mentorId, people.id), eq(pairs.menteeId, people.id)))
      .where(and(eq(pairs.state, 'active'), eq(people.active, false)))
      .orderBy(people.id)
      .all()
      .map((r) => r.userId);
  }

  /** Every pair a person was ever in, in any cohort and state. */
  idsOf(userId: string): number[] {
    return this.db
      .select({ id: pairs.id })
      .from(pairs)
      .where(or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId)))
      .all()
      .map((r) => r.id);
  }

  /**
   * A person deleted their data: their pairs keep only what the rules need — who was paired with whom, in
   * which cohort, when, and how it ended (for "never the same two again" and the totals) — and lose every
   * piece of text drawn from them: the reason they gave for leaving, the "why you two" reasons (teams and
   * topics), and the prompts chosen from their topics for pairs that are over.
   */
  redactFor(userId: string): void {
    const theirs = or(eq(pairs.mentorId, userId), eq(pairs.menteeId, userId));
    this.db.transaction((tx) => {
      tx.update(pairs).set({ leaveReason: null }).where(eq(pairs.endedBy, userId)).run();
      tx.update(pairs).set({ reasons: [] }).where(theirs).run();
      tx.update(pairs)
        .set({ plan: null })
        .where(and(theirs, eq(pairs.state, 'ended')))
        .run();
    });
  }

  /** Pairs that actually happened (launched) in other cohorts, for the "never the same two again" rule. */
  history(excludingCohortId: number, userIds: readonly string[]): PastPairing[] {
    if (userIds.length === 0) return [];
    const ids = [...userIds];
    return this.db
      .select({ mentorId: pairs.mentorId, menteeId: pairs.menteeId, cohortStartedOn: cohorts.startsOn })
      .from(pairs)
      .innerJoin(cohorts, eq(cohorts.id, pairs.cohortId))
      .where(
        and(
          ne(pairs.cohortId, excludingCohortId),
          inArray(pairs.state, ['active', 'ended']),
          or(inArray(pairs.mentorId, ids), inArray(pairs.menteeId, ids)),
        ),
      )
      .all();
  }
}
