import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkins } from '../schema.js';
import { inChunks } from './chunks.js';

export type CheckinAnswer = 'met' | 'not_yet' | 'help';

/** Who "answered" a meeting kept after its person deleted their data: nobody. */
export const ANONYMOUS = '';

export interface Checkin {
  pairId: number;
  cycle: number;
  userId: string;
  answer: CheckinAnswer;
  answeredAt: Date;
}

export class CheckinRepository {
  constructor(private readonly db: Db) {}

  /** Records a person's answer for a cycle; answering again replaces it (no duplicate rows). */
  record(answer: Checkin): void {
    const values = { answer: answer.answer, answeredAt: answer.answeredAt.getTime() };
    this.db
      .insert(checkins)
      .values({ pairId: answer.pairId, cycle: answer.cycle, userId: answer.userId, ...values })
      .onConflictDoUpdate({ target: [checkins.pairId, checkins.cycle, checkins.userId], set: values })
      .run();
  }

  forPair(pairId: number, cycle?: number): Checkin[] {
    const where =
      cycle === undefined
        ? eq(checkins.pairId, pairId)
        : and(eq(checkins.pairId, pairId), eq(checkins.cycle, cycle));
    return this.db.select().from(checkins).where(where).all().map(toCheckin);
  }

  /**
   * Forgets every answer a person gave (they deleted their data). Only the pair-level fact "this pair met that
   * week" survives, under no one's name, so totals a channel has already seen don't move and single them out.
   */
  forgetPerson(userId: string): void {
    this.db.transaction((tx) => {
      tx.run(sql`
        INSERT OR IGNORE INTO ${checkins} (pair_id, cycle, user_id, answer, answered_at)
        SELECT pair_id, cycle, ${ANONYMOUS}, answer, answered_at FROM ${checkins}
        WHERE user_id = ${userId} AND answer = 'met'`);
      tx.delete(checkins).where(eq(checkins.userId, userId)).run();
    });
  }

  forPairs(pairIds: readonly number[]): Checkin[] {
    return inChunks(pairIds, (slice) =>
      this.db.select().from(checkins).where(inArray(checkins.pairId, slice)).all(),
    ).map(toCheckin);
  }
}

function toCheckin(row: typeof checkins.$inferSelect): Checkin {
  return { ...row, answeredAt: new Date(row.answeredAt) };
}
