import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { leases } from '../schema.js';

/** The database's clock in epoch milliseconds: every process judges a lease by the same clock. */
export const DB_NOW_MS = sql<number>`CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

/** A lease as held: who, under which epoch (the fencing token), until when by the database's clock. */
export interface HeldLease {
  holder: string;
  epoch: number;
  expiresAt: number;
}

/**
 * Named leases in the database: how several processes (the running bot, an external `tick`, replicas) agree
 * that only one of them does a job at a time. Time is the database's, never a process's: two machines whose
 * clocks disagree still agree on who holds a lease. A holder that dies simply lets its lease expire.
 */
export class LeaseRepository {
  constructor(private readonly db: Db) {}

  /**
   * Takes the lease if it is free or expired, or renews it if it is already ours. Returns the epoch we hold
   * it under — one more than the last holder's whenever it changes hands — or null when someone else holds it.
   */
  acquire(name: string, holder: string, ttlMs: number): number | null {
    const row = this.db
      .insert(leases)
      .values({ name, holder, epoch: 1, expiresAt: sql`${DB_NOW_MS} + ${ttlMs}` })
      .onConflictDoUpdate({
        target: leases.name,
        set: {
          epoch: sql`CASE WHEN ${leases.holder} = excluded.holder THEN ${leases.epoch} ELSE ${leases.epoch} + 1 END`,
          holder: sql`excluded.holder`,
          expiresAt: sql`excluded.expires_at`,
        },
        setWhere: sql`${leases.expiresAt} <= ${DB_NOW_MS} OR ${leases.holder} = excluded.holder`,
      })
      .returning({ epoch: leases.epoch })
      .get();
    return row?.epoch ?? null;
  }

  /** Extends a lease we hold under `epoch`; false when it has changed hands (ours is lost). */
  renew(name: string, holder: string, epoch: number, ttlMs: number): boolean {
    return (
      this.db
        .update(leases)
        .set({ expiresAt: sql`${DB_NOW_MS} + ${ttlMs}` })
        .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.epoch, epoch)))
        .run().changes > 0
    );
  }

  /**
   * Gives the lease up at once (it stays in the table, expired, so the next holder's epoch still goes up).
   * Only our own hold under `epoch` is released.
   */
  release(name: string, holder: string, epoch: number): void {
    this.db
      .update(leases)
      .set({ expiresAt: 0 })
      .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.epoch, epoch)))
      .run();
  }

  /** Who holds the lease now (by the database's clock), if anyone. */
  current(name: string): HeldLease | null {
    const row = this.db
      .select({ holder: leases.holder, epoch: leases.epoch, expiresAt: leases.expiresAt })
      .from(leases)
      .where(and(eq(leases.name, name), gt(leases.expiresAt, DB_NOW_MS)))
      .get();
    return row ?? null;
  }

  /** Ends another holder's lease whose process is known to be gone (same epoch only: never a newer one). */
  expire(name: string, holder: string, epoch: number): boolean {
    return (
      this.db
        .update(leases)
        .set({ expiresAt: 0 })
        .where(and(eq(leases.name, name), eq(leases.holder, holder), eq(leases.epoch, epoch)))
        .run().changes > 0
    );
  }
}
