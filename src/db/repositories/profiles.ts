import { eq, inArray, sql } from 'drizzle-orm';
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

const placeholder = sql.placeholder;

/** Every opt-in reads and writes these (the form opened, validated, saved, the Home tab built). */
function prepareStatements(db: Db) {
  const values = {
    role: placeholder('role'),
    topics: placeholder('topics'),
    otherTopics: placeholder('otherTopics'),
    careerStage: placeholder('careerStage'),
    team: placeholder('team'),
    goals: placeholder('goals'),
    workStartMinute: placeholder('workStartMinute'),
    workEndMinute: placeholder('workEndMinute'),
    workDays: placeholder('workDays'),
    updatedAt: placeholder('updatedAt'),
  };
  return {
    get: db
      .select()
      .from(profiles)
      .where(eq(profiles.userId, placeholder('userId')))
      .prepare(),
    exists: db
      .select({ userId: profiles.userId })
      .from(profiles)
      .where(eq(profiles.userId, placeholder('userId')))
      .prepare(),
    blocked: db
      .select({ blockedUserId: pairingBlocks.blockedUserId })
      .from(pairingBlocks)
      .where(eq(pairingBlocks.userId, placeholder('userId')))
      .prepare(),
    upsert: db
      .insert(profiles)
      .values({ userId: placeholder('userId'), createdAt: placeholder('updatedAt'), ...values })
      // A saved form replaces everything but when the profile was first created: the new values, encoded
      // once in the insert, are taken from `excluded`.
      .onConflictDoUpdate({
        target: profiles.userId,
        set: Object.fromEntries(
          Object.keys(values).map((key) => [
            key,
            sql.raw(`excluded."${profiles[key as keyof typeof values].name}"`),
          ]),
        ),
      })
      .prepare(),
    deleteBlocks: db
      .delete(pairingBlocks)
      .where(eq(pairingBlocks.userId, placeholder('userId')))
      .prepare(),
    insertBlock: db
      .insert(pairingBlocks)
      .values({ userId: placeholder('userId'), blockedUserId: placeholder('blockedUserId') })
      .prepare(),
  };
}

export class ProfileRepository {
  private prepared: ReturnType<typeof prepareStatements> | undefined;

  constructor(private readonly db: Db) {}

  /** Prepared once, on first use: under a crowd, building and preparing these per call cost more than running them. */
  private get hot() {
    this.prepared ??= prepareStatements(this.db);
    return this.prepared;
  }

  get(userId: string): Profile | null {
    const row = this.hot.get.get({ userId });
    if (!row) return null;
    const blocked = this.hot.blocked.all({ userId }).map((b) => b.blockedUserId);
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
    const { userId } = profile;
    const hot = this.hot;
    // The statements belong to this connection, so they run inside its transaction.
    return this.db.transaction(() => {
      const existed = hot.exists.get({ userId });
      hot.upsert.run({
        userId,
        role: profile.role,
        topics: profile.topics,
        otherTopics: profile.otherTopics,
        careerStage: profile.careerStage,
        team: profile.team,
        goals: profile.goals,
        ...hoursColumns(profile.hours),
        updatedAt: profile.updatedAt.getTime(),
      });
      hot.deleteBlocks.run({ userId });
      for (const blockedUserId of profile.blockedUserIds) hot.insertBlock.run({ userId, blockedUserId });
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
