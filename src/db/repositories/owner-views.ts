import { eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { ownerViews } from '../schema.js';

/** A modal the bot opened for an owner, and which cohort it shows. */
export interface OwnerView {
  viewId: string;
  userId: string;
  cohortId: number;
  openedAt: Date;
}

/** Slack closes a modal after a day or so of idling at most; a week is a safe margin. */
const KEEP_MS = 7 * 86_400_000;

export class OwnerViewRepository {
  constructor(private readonly db: Db) {}

  /** Remembers a view we opened (forgetting ones from more than a week ago while at it). */
  record(view: OwnerView): void {
    this.db
      .delete(ownerViews)
      .where(lt(ownerViews.openedAt, view.openedAt.getTime() - KEEP_MS))
      .run();
    this.db
      .insert(ownerViews)
      .values({ ...view, openedAt: view.openedAt.getTime() })
      .onConflictDoUpdate({
        target: ownerViews.viewId,
        set: { userId: view.userId, cohortId: view.cohortId, openedAt: view.openedAt.getTime() },
      })
      .run();
  }

  get(viewId: string): OwnerView | null {
    const row = this.db.select().from(ownerViews).where(eq(ownerViews.viewId, viewId)).get();
    return row ? { ...row, openedAt: new Date(row.openedAt) } : null;
  }
}
