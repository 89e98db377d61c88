import { lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { processedEvents } from '../schema.js';

export class ProcessedEventRepository {
  constructor(private readonly db: Db) {}

  /** Records an event id; false when it was already there (Slack retried an event we handled). */
  claim(eventId: string, now: Date): boolean {
    const result = this.db
      .insert(processedEvents)
      .values({ eventId, receivedAt: now.getTime() })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  }

  /** Slack stops retrying after about 5 minutes; a day of history is plenty. */
  forgetBefore(cutoff: Date): void {
    this.db.delete(processedEvents).where(lt(processedEvents.receivedAt, cutoff.getTime())).run();
  }
}
