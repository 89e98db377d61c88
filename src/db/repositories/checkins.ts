import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.js';
import { checkins } from '../schema.js';
import { inChunks } from './chunks.js';

export type CheckinAnswer = 'met' | 'not_yet' | 'help';

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

  /** Forgets every answer a person gave (they deleted their data). */
  deleteFor(userId: string): number {
    return this.db.delete(checkins).where(eq(checkins.userId, userId)).run().changes;
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
