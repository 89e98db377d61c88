import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../client.js';
import { flags } from '../schema.js';
import { inChunks } from './chunks.js';

export type FlagKind = 'at-risk' | 'need-help' | 'not-a-fit' | 'left';

export interface Flag {
  id: number;
  cohortId: number;
  pairId: number;
  /** '' when the flag is about the pair rather than one person. */
  userId: string;
  kind: FlagKind;
  cycle: number;
  createdAt: Date;
  resolvedAt: Date | null;
}

export class FlagRepository {
  constructor(private readonly db: Db) {}

  /** Raises a flag; false when the same flag already exists (so callers tell owners only once). */
  raise(flag: Omit<Flag, 'id' | 'createdAt' | 'resolvedAt'>, now: Date): boolean {
    const result = this.db
      .insert(flags)
      .values({ ...flag, createdAt: now.getTime() })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  open(cohortId: number): Flag[] {
    return this.db
      .select()
      .from(flags)
      .where(and(eq(flags.cohortId, cohortId), isNull(flags.resolvedAt)))
      .orderBy(flags.id)
      .all()
      .map(toFlag);
  }

  forPairs(pairIds: readonly number[]): Flag[] {
    return inChunks(pairIds, (slice) =>
      this.db.select().from(flags).where(inArray(flags.pairId, slice)).all(),
    ).map(toFlag);
  }

  forPair(pairId: number): Flag[] {
    return this.db.select().from(flags).where(eq(flags.pairId, pairId)).all().map(toFlag);
  }

  /** Forgets the flags raised by or about a person (they deleted their data). */
  deleteFor(userId: string): number {
    return this.db.delete(flags).where(eq(flags.userId, userId)).run().changes;
  }

  resolveForPair(pairId: number, now: Date): void {
    this.db
      .update(flags)
      .set({ resolvedAt: now.getTime() })
      .where(and(eq(flags.pairId, pairId), isNull(flags.resolvedAt)))
      .run();
  }
}

function toFlag(row: typeof flags.$inferSelect): Flag {
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt),
  };
}
