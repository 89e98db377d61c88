import { eq, sql } from 'drizzle-orm';
import type { MessagePayload, UnreadablePayload } from '../../domain/outbox.js';
import type { Db } from '../client.js';
import { heldAlerts } from '../schema.js';

/** A private note for owners that is waiting for an owner outside the pair it is about. */
export interface HeldAlert {
  id: number;
  dedupeKey: string;
  cohortId: number | null;
  pairId: number | null;
  raisedBy: string | null;
  /** Unreadable when its stored JSON is damaged: that note can't be released, the others still are. */
  payload: MessagePayload | UnreadablePayload;
  createdAt: Date;
}

function toHeldAlert(row: typeof heldAlerts.$inferSelect): HeldAlert {
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    cohortId: row.cohortId,
    pairId: row.pairId,
    raisedBy: row.raisedBy,
    payload: row.payload as MessagePayload | UnreadablePayload,
    createdAt: new Date(row.createdAt),
  };
}

function prepareRaisedBy(db: Db) {
  return db
    .select()
    .from(heldAlerts)
    .where(eq(heldAlerts.raisedBy, sql.placeholder('userId')))
    .orderBy(heldAlerts.id)
    .prepare();
}

export class HeldAlertRepository {
  // Prepared on first use: every Home tab publish reads it.
  private raisedByStatement: ReturnType<typeof prepareRaisedBy> | undefined;

  constructor(private readonly db: Db) {}

  /** Keeps a note; holding the same note (same key) twice keeps one. */
  hold(
    alert: Omit<HeldAlert, 'id' | 'createdAt' | 'payload'> & { payload: MessagePayload },
    now: Date,
  ): void {
    this.db
      .insert(heldAlerts)
      .values({ ...alert, createdAt: now.getTime() })
      .onConflictDoNothing({ target: heldAlerts.dedupeKey })
      .run();
  }

  all(): HeldAlert[] {
    return this.db.select().from(heldAlerts).orderBy(heldAlerts.id).all().map(toHeldAlert);
  }

  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(heldAlerts).get()?.n ?? 0;
  }

  /** The notes a person raised that are still waiting (their own, so they may see that they wait). */
  raisedBy(userId: string): HeldAlert[] {
    this.raisedByStatement ??= prepareRaisedBy(this.db);
    return this.raisedByStatement.all({ userId }).map(toHeldAlert);
  }

  remove(id: number): boolean {
    return this.db.delete(heldAlerts).where(eq(heldAlerts.id, id)).run().changes > 0;
  }

  /** Forgets every note a person raised (they deleted their data). */
  deleteRaisedBy(userId: string): number {
    return this.db.delete(heldAlerts).where(eq(heldAlerts.raisedBy, userId)).run().changes;
  }
}
