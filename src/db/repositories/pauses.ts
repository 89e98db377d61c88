import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { pauses } from '../schema.js';
import { inChunks } from './chunks.js';

export interface Pause {
  userId: string;
  pausedAt: Date;
  /** Null: until the person resumes. */
  until: Date | null;
}

export function isPausedAt(pause: Pause | null | undefined, now: Date): boolean {
  return !!pause && (pause.until === null || pause.until.getTime() > now.getTime());
}

function prepareGet(db: Db) {
  return db
    .select()
    .from(pauses)
    .where(eq(pauses.userId, sql.placeholder('userId')))
    .prepare();
}

export class PauseRepository {
  // Prepared on first use: every Home tab publish reads it.
  private getStatement: ReturnType<typeof prepareGet> | undefined;

  constructor(private readonly db: Db) {}

  get(userId: string): Pause | null {
    this.getStatement ??= prepareGet(this.db);
    const row = this.getStatement.get({ userId });
    return row
      ? {
          userId: row.userId,
          pausedAt: new Date(row.pausedAt),
          until: row.until === null ? null : new Date(row.until),
        }
      : null;
  }

  getMany(userIds: readonly string[]): Map<string, Pause> {
    return new Map(
      inChunks(userIds, (slice) =>
        this.db.select().from(pauses).where(inArray(pauses.userId, slice)).all(),
      ).map((row) => [
        row.userId,
        {
          userId: row.userId,
          pausedAt: new Date(row.pausedAt),
          until: row.until === null ? null : new Date(row.until),
        },
      ]),
    );
  }

  set(userId: string, pausedAt: Date, until: Date | null): void {
    const values = { pausedAt: pausedAt.getTime(), until: until?.getTime() ?? null };
    this.db
      .insert(pauses)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: pauses.userId, set: values })
      .run();
  }

  clear(userId: string): boolean {
    return this.db.delete(pauses).where(eq(pauses.userId, userId)).run().changes > 0;
  }
}
