import { asc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { owners } from '../schema.js';

export interface StoredOwner {
  userId: string;
  addedBy: string;
  addedAt: Date;
}

export class OwnerRepository {
  constructor(private readonly db: Db) {}

  list(): StoredOwner[] {
    return this.db
      .select()
      .from(owners)
      .orderBy(asc(owners.addedAt))
      .all()
      .map((row) => ({ userId: row.userId, addedBy: row.addedBy, addedAt: new Date(row.addedAt) }));
  }

  has(userId: string): boolean {
    return (
      this.db.select({ userId: owners.userId }).from(owners).where(eq(owners.userId, userId)).get() !==
      undefined
    );
  }

  add(userId: string, addedBy: string, now: Date): boolean {
    const result = this.db
      .insert(owners)
      .values({ userId, addedBy, addedAt: now.getTime() })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  remove(userId: string): boolean {
    return this.db.delete(owners).where(eq(owners.userId, userId)).run().changes > 0;
  }
}
