import { and, asc, eq, inArray, isNull, lt, lte, ne, not, or, sql } from 'drizzle-orm';
import {
  decodeTarget,
  encodeTarget,
  type OutboxDraft,
  type OutboxKind,
  type OutboxPayload,
  type OutboxRow,
  type OutboxState,
  PURGED_PAYLOAD,
  WAITING_FOR_PAUSE,
} from '../../domain/outbox.js';
import type { Db } from '../client.js';
import { leases, outbox } from '../schema.js';
import { inChunks } from './chunks.js';
import { DB_NOW_MS } from './leases.js';

type Row = typeof outbox.$inferSelect;

const placeholder = sql.placeholder;

/** A claim undone: back to pending, claimed by nobody. */
const RELEASED = {
  state: 'pending' as const,
  claimedBy: null,
  claimedAt: null,
  claimEpoch: null,
  claimDeadline: null,
};

/** The statements run once per message, when a fan-out writes thousands and the sender sends them. */
function prepareSenderStatements(db: Db) {
  const ready = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, placeholder('now'))))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(placeholder('limit'));
  return {
    insert: db
      .insert(outbox)
      .values({
        dedupeKey: placeholder('dedupeKey'),
        kind: placeholder('kind'),
        cohortId: placeholder('cohortId'),
        pairId: placeholder('pairId'),
        userId: placeholder('userId'),
        cycle: placeholder('cycle'),
        target: placeholder('target'),
        payload: placeholder('payload'),
        state: 'pending',
        createdAt: placeholder('createdAt'),
        nextAttemptAt: placeholder('nextAttemptAt'),
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .prepare(),
    // Takes up to `limit` ready rows, pending → sending, in one statement: SQLite runs it atomically, so two
    // senders can never both take a row, and no explicit transaction is needed. No second "state = pending"
    // test outside the subquery: it would make SQLite walk every pending row through the index instead of
    // looking the chosen ids up by rowid (quadratic over a big fan-out).
    // Fencing: the claim only happens while the lease is still held under this epoch (by the database's
    // clock), so a sender that lost its lease can't take another row.
    claim: db
      .update(outbox)
      .set({
        state: 'sending',
        claimedBy: sql`${placeholder('holder')}`,
        claimedAt: sql`${placeholder('now')}`,
        claimEpoch: sql`${placeholder('epoch')}`,
        claimDeadline: sql`${DB_NOW_MS} + ${placeholder('claimMs')}`,
      })
      .where(
        and(
          inArray(outbox.id, ready),
          sql`EXISTS (SELECT 1 FROM ${leases} WHERE ${leases.name} = ${placeholder('lease')}
            AND ${leases.holder} = ${placeholder('holder')} AND ${leases.epoch} = ${placeholder('epoch')}
            AND ${leases.expiresAt} > ${DB_NOW_MS})`,
        ),
      )
      .returning()
      .prepare(),
    markSent: db
      .update(outbox)
      .set({
        state: 'sent',
        slackChannel: sql`${placeholder('channel')}`,
        slackTs: sql`${placeholder('ts')}`,
        sentAt: sql`${placeholder('now')}`,
        errorCode: null,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(
        and(
          eq(outbox.id, placeholder('id')),
          eq(outbox.state, 'sending'),
          eq(outbox.claimEpoch, placeholder('epoch')),
        ),
      )
      .prepare(),
    claimState: db
      .select({ state: outbox.state, claimEpoch: outbox.claimEpoch })
      .from(outbox)
      .where(eq(outbox.id, placeholder('id')))
      .prepare(),
  };
}

function toOutboxRow(row: Row): OutboxRow {
  return {
    id: row.id,
    kind: row.kind as OutboxKind,
    dedupeKey: row.dedupeKey,
    target: decodeTarget(row.target),
    payload: row.payload as OutboxPayload,
    cohortId: row.cohortId,
    pairId: row.pairId,
    userId: row.userId,
    cycle: row.cycle,
    state: row.state,
    attempts: row.attempts,
    createdAt: new Date(row.createdAt),
    nextAttemptAt: new Date(row.nextAttemptAt),
    sentAt: row.sentAt === null ? null : new Date(row.sentAt),
    slackChannel: row.slackChannel,
    slackTs: row.slackTs,
    errorCode: row.errorCode,
  };
}

export class OutboxRepository {
  private prepared: ReturnType<typeof prepareSenderStatements> | undefined;

  constructor(private readonly db: Db) {}

  /** Prepared once, on first use: building and preparing these per message cost more than running them. */
  private get hot() {
    this.prepared ??= prepareSenderStatements(this.db);
    return this.prepared;
  }

  /** Inserts what isn't there yet; returns how many rows were new. Duplicates (same dedupe key) are no-ops. */
  enqueue(drafts: readonly OutboxDraft[], now: Date): number {
    if (drafts.length === 0) return 0;
    return this.db.transaction(() => {
      let inserted = 0;
      for (const d of drafts) {
        const result = this.hot.insert.run({
          dedupeKey: d.dedupeKey,
          kind: d.kind,
          cohortId: d.cohortId ?? null,
          pairId: d.pairId ?? null,
          userId: d.userId ?? null,
          cycle: d.cycle ?? null,
          target: encodeTarget(d.target),
          payload: d.payload,
          createdAt: now.getTime(),
          nextAttemptAt: (d.notBefore ?? now).getTime(),
        });
        inserted += result.changes;
      }
      return inserted;
    });
  }

  /**
   * Takes up to `limit` ready rows for one sender, atomically: a row moves pending → sending only once, so two
   * senders can never both send it. The rows carry the sender's lease epoch and a deadline `claimMs` ahead on
   * the database's clock; nothing is claimed unless the lease is still held under that epoch.
   */
  claimReady(
    claim: { now: Date; lease: string; holder: string; epoch: number; claimMs: number },
    limit: number,
  ): OutboxRow[] {
    return this.hot.claim
      .all({ ...claim, now: claim.now.getTime(), limit })
      .map(toOutboxRow)
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  }

  /** The live sender keeps its claims: their deadlines move `claimMs` ahead of the database's clock again. */
  extendClaims(epoch: number, claimMs: number): number {
    return this.db
      .update(outbox)
      .set({ claimDeadline: sql`${DB_NOW_MS} + ${claimMs}` })
      .where(and(eq(outbox.state, 'sending'), eq(outbox.claimEpoch, epoch)))
      .run().changes;
  }

  /**
   * Rows a sender left in "sending" whose claim ran out (by the database's clock): its process died or hung.
   * A live sender's claims never run out, so this can't take a row it is still posting. Slack may or may not
   * have received these: we send again rather than risk losing a message. `ofEpoch` also releases, at once, the
   * claims of an earlier holder known to be gone.
   */
  releaseAbandoned(ofEpoch: number | null = null): number {
    const runOut = or(isNull(outbox.claimDeadline), lte(outbox.claimDeadline, DB_NOW_MS));
    return this.db
      .update(outbox)
      .set(RELEASED)
      .where(
        and(
          eq(outbox.state, 'sending'),
          ofEpoch === null ? runOut : or(runOut, eq(outbox.claimEpoch, ofEpoch)),
        ),
      )
      .run().changes;
  }

  /**
   * Someone came back from a break early: what was held back for them (addressed to them, or to one of their
   * pairs) is ready now instead of when their break would have ended.
   */
  readyAfterPause(userId: string, pairIds: readonly number[], now: Date): number {
    const theirs =
      pairIds.length > 0
        ? or(eq(outbox.userId, userId), inArray(outbox.pairId, [...pairIds]))
        : eq(outbox.userId, userId);
    return this.db
      .update(outbox)
      .set({ nextAttemptAt: now.getTime() })
      .where(and(theirs, eq(outbox.state, 'pending'), eq(outbox.errorCode, WAITING_FOR_PAUSE)))
      .run().changes;
  }

  /** Cancels one row that hasn't gone out (it is no longer wanted). */
  cancel(id: number): void {
    this.db
      .update(outbox)
      .set({ state: 'cancelled' })
      .where(and(eq(outbox.id, id), inArray(outbox.state, ['pending', 'sending'])))
      .run();
  }

  /** Puts a row this sender claimed back untouched (a graceful shutdown before it was sent). */
  release(id: number, epoch: number): void {
    this.db.update(outbox).set(RELEASED).where(this.claimedUnder(id, epoch)).run();
  }

  /**
   * Records a delivery; false when the row was no longer this claim's (cancelled while in flight, or — after
   * its claim ran out — taken by another sender).
   */
  markSent(id: number, epoch: number, channel: string, ts: string, now: Date): boolean {
    return this.hot.markSent.run({ id, epoch, channel, ts, now: now.getTime() }).changes > 0;
  }

  /** Just before a send: is the row still claimed, under this epoch (not cancelled, not taken over)? */
  isClaimedBy(id: number, epoch: number): boolean {
    const row = this.hot.claimState.get({ id });
    return row?.state === 'sending' && row.claimEpoch === epoch;
  }

  markFailed(id: number, epoch: number, code: string): void {
    this.db
      .update(outbox)
      .set({ state: 'failed', errorCode: code, attempts: sql`${outbox.attempts} + 1` })
      .where(this.claimedUnder(id, epoch))
      .run();
  }

  /** A passing failure: try again later. `countAttempt` is false for rate limits, which aren't the row's fault. */
  retryLater(id: number, epoch: number, code: string, at: Date, countAttempt: boolean): void {
    this.db
      .update(outbox)
      .set({
        ...RELEASED,
        errorCode: code,
        nextAttemptAt: at.getTime(),
        ...(countAttempt ? { attempts: sql`${outbox.attempts} + 1` } : {}),
      })
      .where(this.claimedUnder(id, epoch))
      .run();
  }

  private claimedUnder(id: number, epoch: number) {
    return and(eq(outbox.id, id), eq(outbox.state, 'sending'), eq(outbox.claimEpoch, epoch));
  }

  /** Puts failed rows back in the queue (an owner pressed "Retry"); a purged row has nothing left to send. */
  retryFailed(ids: readonly number[], now: Date): number {
    if (ids.length === 0) return 0;
    return this.db
      .update(outbox)
      .set({ state: 'pending', attempts: 0, nextAttemptAt: now.getTime(), claimedBy: null, claimedAt: null })
      .where(and(inArray(outbox.id, [...ids]), eq(outbox.state, 'failed'), isNull(outbox.purgedAt)))
      .run().changes;
  }

  /**
   * A person deleted their data: every row that could carry their words — addressed to them, or about one of
   * their pairs (introductions with their goals, owner notes with their reasons) — loses its payload now, and
   * any not yet sent is cancelled. Notes to them *as an owner* about other people's pairs are not theirs and
   * stay, as do notes about their pair that their partner raised. Returns how many rows were touched.
   */
  redactFor(userId: string, pairIds: readonly number[], now: Date): number {
    const toThem = and(eq(outbox.userId, userId), ne(outbox.kind, 'owner-alert'));
    // A note to owners about their pair that someone else raised (their partner's call for help, reason for
    // leaving) carries the partner's words, not theirs: it stays, and still reaches the owners.
    const raisedByPartner = sql`(${outbox.kind} = 'owner-alert' AND coalesce(json_extract(${outbox.payload}, '$.note.raisedBy'), ${userId}) <> ${userId})`;
    const aboutTheirPairs = and(inArray(outbox.pairId, [...pairIds]), not(raisedByPartner));
    const concerns = pairIds.length > 0 ? or(toThem, aboutTheirPairs) : toThem;
    return this.db.transaction((tx) => {
      tx.update(outbox)
        .set({ state: 'cancelled' })
        .where(and(concerns, inArray(outbox.state, ['pending', 'sending'])))
        .run();
      return tx
        .update(outbox)
        .set({ payload: PURGED_PAYLOAD, purgedAt: now.getTime() })
        .where(and(concerns, isNull(outbox.purgedAt)))
        .run().changes;
    });
  }

  /**
   * Retention: finished rows (sent, failed for good, cancelled) queued before `cutoff` keep only their row —
   * key, kind, state, Slack's ts — and lose the message they carried. Bounded per call, oldest first.
   */
  purgeFinishedBefore(cutoff: Date, now: Date, limit = 5_000): number {
    const due = this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.purgedAt),
          inArray(outbox.state, ['sent', 'failed', 'cancelled']),
          lt(outbox.createdAt, cutoff.getTime()),
        ),
      )
      .orderBy(asc(outbox.createdAt))
      .limit(limit);
    return this.db
      .update(outbox)
      .set({ payload: PURGED_PAYLOAD, purgedAt: now.getTime() })
      .where(inArray(outbox.id, due))
      .run().changes;
  }

  cancelUnsent(where: {
    pairId?: number;
    userId?: string;
    cohortId?: number;
    kinds?: readonly OutboxKind[];
  }): number {
    // Claimed rows not yet sent are cancelled too: the sender checks just before each request.
    const conditions = [inArray(outbox.state, ['pending', 'sending'])];
    if (where.pairId !== undefined) conditions.push(eq(outbox.pairId, where.pairId));
    if (where.userId !== undefined) conditions.push(eq(outbox.userId, where.userId));
    if (where.cohortId !== undefined) conditions.push(eq(outbox.cohortId, where.cohortId));
    if (where.kinds) conditions.push(inArray(outbox.kind, [...where.kinds]));
    return this.db
      .update(outbox)
      .set({ state: 'cancelled' })
      .where(and(...conditions))
      .run().changes;
  }

  get(id: number): OutboxRow | null {
    const row = this.db.select().from(outbox).where(eq(outbox.id, id)).get();
    return row ? toOutboxRow(row) : null;
  }

  byKey(dedupeKey: string): OutboxRow | null {
    const row = this.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey)).get();
    return row ? toOutboxRow(row) : null;
  }

  list(
    where: { cohortId?: number; kinds?: readonly OutboxKind[]; states?: readonly OutboxState[] } = {},
  ): OutboxRow[] {
    const conditions = [];
    if (where.cohortId !== undefined) conditions.push(eq(outbox.cohortId, where.cohortId));
    if (where.kinds) conditions.push(inArray(outbox.kind, [...where.kinds]));
    if (where.states) conditions.push(inArray(outbox.state, [...where.states]));
    return this.db
      .select()
      .from(outbox)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(asc(outbox.id))
      .all()
      .map(toOutboxRow);
  }

  /** For each pair, the cycles in which a message of `kind` reached one of `states`. */
  cyclesByPair(
    kind: OutboxKind,
    pairIds: readonly number[],
    states: readonly OutboxState[],
  ): Map<number, Set<number>> {
    const result = new Map<number, Set<number>>();
    const rows = inChunks(pairIds, (slice) =>
      this.db
        .select({ pairId: outbox.pairId, cycle: outbox.cycle })
        .from(outbox)
        .where(and(eq(outbox.kind, kind), inArray(outbox.pairId, slice), inArray(outbox.state, [...states])))
        .all(),
    );
    for (const row of rows) {
      if (row.pairId === null || row.cycle === null) continue;
      const cycles = result.get(row.pairId) ?? new Set<number>();
      cycles.add(row.cycle);
      result.set(row.pairId, cycles);
    }
    return result;
  }

  countReady(now: Date): number {
    const row = this.db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, now.getTime())))
      .get();
    return row?.n ?? 0;
  }

  /** When the next pending row becomes ready, if any. */
  nextReadyAt(): Date | null {
    const row = this.db
      .select({ at: sql<number | null>`min(${outbox.nextAttemptAt})` })
      .from(outbox)
      .where(eq(outbox.state, 'pending'))
      .get();
    return row?.at == null ? null : new Date(row.at);
  }
}
