import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { owners } from '../schema.js';

export interface StoredOwner {
  userId: string;
  addedBy: string;
  addedAt: Date;
}

function prepareHas(db: Db) {
  return db
    .select({ userId: owners.userId })
    .from(owners)
    .where(eq(owners.userId, sql.placeholder('userId')))
    .prepare();
}

export class OwnerRepository {
  // Prepared on first use: every command and Home tab asks whether the person is an owner.
  private hasStatement: ReturnType<typeof prepareHas> | undefined;

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
    this.hasStatement ??= prepareHas(this.db);
    return this.hasStatement.get({ userId }) !== undefined;
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
