import { eq, inArray } from 'drizzle-orm';
import type { Profile } from '../../domain/profile.js';
import type { WeeklyHours } from '../../domain/windows.js';
import type { Db } from '../client.js';
import { pairingBlocks, profiles } from '../schema.js';
import { inChunks } from './chunks.js';

type HoursColumns = Pick<typeof profiles.$inferSelect, 'workStartMinute' | 'workEndMinute' | 'workDays'>;

function hoursOf(row: HoursColumns): WeeklyHours | null {
  if (row.workStartMinute === null || row.workEndMinute === null || row.workDays === null) return null;
  const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => (row.workDays! >> (d - 1)) & 1);
  return days.length > 0 ? { days, startMinute: row.workStartMinute, endMinute: row.workEndMinute } : null;
}

function hoursColumns(hours: WeeklyHours | null): HoursColumns {
  if (!hours) return { workStartMinute: null, workEndMinute: null, workDays: null };
  return {
    workStartMinute: hours.startMinute,
    workEndMinute: hours.endMinute,
    workDays: hours.days.reduce((bits, d) => bits | (1 << (d - 1)), 0),
  };
}

export class ProfileRepository {
  constructor(private readonly db: Db) {}

  get(userId: string): Profile | null {
    const row = this.db.select().from(profiles).where(eq(profiles.userId, userId)).get();
    if (!row) return null;
    const blocked = this.db
      .select({ blockedUserId: pairingBlocks.blockedUserId })
      .from(pairingBlocks)
      .where(eq(pairingBlocks.userId, userId))
      .all()
      .map((b) => b.blockedUserId);
    return {
      userId: row.userId,
      role: row.role,
      topics: row.topics,
      otherTopics: row.otherTopics,
      careerStage: row.careerStage,
      team: row.team,
      goals: row.goals,
      blockedUserIds: blocked,
      hours: hoursOf(row),
      updatedAt: new Date(row.updatedAt),
    };
  }

  /** The working hours of those who gave them (for delivery windows; everyone else gets the defaults). */
  hoursOf(userIds: readonly string[]): Map<string, WeeklyHours> {
    const out = new Map<string, WeeklyHours>();
    if (userIds.length === 0) return out;
    const rows = inChunks([...new Set(userIds)], (slice) =>
      this.db
        .select({
          userId: profiles.userId,
          workStartMinute: profiles.workStartMinute,
          workEndMinute: profiles.workEndMinute,
          workDays: profiles.workDays,
        })
        .from(profiles)
        .where(inArray(profiles.userId, slice))
        .all(),
    );
    for (const row of rows) {
      const hours = hoursOf(row);
      if (hours) out.set(row.userId, hours);
    }
    return out;
  }

  /** Inserts or replaces a person's profile and their confidential block list, atomically. */
  save(profile: Profile): { created: boolean } {
    return this.db.transaction((tx) => {
      const existed = tx
        .select({ userId: profiles.userId })
        .from(profiles)
        .where(eq(profiles.userId, profile.userId))
        .get();
      const values = {
        role: profile.role,
        topics: profile.topics,
        otherTopics: profile.otherTopics,
        careerStage: profile.careerStage,
        team: profile.team,
        goals: profile.goals,
        ...hoursColumns(profile.hours),
        updatedAt: profile.updatedAt.getTime(),
      };
      tx.insert(profiles)
        .values({ userId: profile.userId, createdAt: profile.updatedAt.getTime(), ...values })
        .onConflictDoUpdate({ target: profiles.userId, set: values })
        .run();
      tx.delete(pairingBlocks).where(eq(pairingBlocks.userId, profile.userId)).run();
      for (const blockedUserId of profile.blockedUserIds) {
        tx.insert(pairingBlocks).values({ userId: profile.userId, blockedUserId }).run();
      }
      return { created: !existed };
    });
  }

  /** Removes the profile and its block list. Returns false when there was nothing to remove. */
  delete(userId: string): boolean {
    return this.db.transaction((tx) => {
      tx.delete(pairingBlocks).where(eq(pairingBlocks.userId, userId)).run();
      return tx.delete(profiles).where(eq(profiles.userId, userId)).run().changes > 0;
    });
  }
}
