import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { confidentialRefusals } from '../schema.js';

/** Counts the hand edits a confidential rule refused, per owner and cohort. */
export class ConfidentialRefusalRepository {
  constructor(private readonly db: Db) {}

  count(cohortId: number, ownerId: string): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(confidentialRefusals)
        .where(and(eq(confidentialRefusals.cohortId, cohortId), eq(confidentialRefusals.ownerId, ownerId)))
        .get()?.n ?? 0
    );
  }

  record(cohortId: number, ownerId: string, now: Date): void {
    this.db.insert(confidentialRefusals).values({ cohortId, ownerId, createdAt: now.getTime() }).run();
  }
}
