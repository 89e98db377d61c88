import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { leases } from '../schema.js';

/**
 * Named leases in the database: how two processes (the running bot and an external `tick`) agree that only
 * one of them does a job at a time. A holder that dies simply lets its lease expire.
 */
export class LeaseRepository {
  constructor(private readonly db: Db) {}

  /** Takes (or renews) the lease if it's free, expired or already ours. */
  acquire(name: string, holder: string, ttlMs: number, nowMs: number): boolean {
    const expiresAt = nowMs + ttlMs;
    const result = this.db
      .insert(leases)
      .values({ name, holder, expiresAt })
      .onConflictDoUpdate({
        target: leases.name,
        set: { holder, expiresAt },
        setWhere: sql`${leases.expiresAt} <= ${nowMs} OR ${leases.holder} = ${holder}`,
      })
      .run();
    return result.changes > 0;
  }

  release(name: string, holder: string): void {
    this.db
      .delete(leases)
      .where(and(eq(leases.name, name), eq(leases.holder, holder)))
      .run();
  }

  holderOf(name: string, nowMs: number): string | null {
    const row = this.db.select().from(leases).where(eq(leases.name, name)).get();
    return row && row.expiresAt > nowMs ? row.holder : null;
  }
}
