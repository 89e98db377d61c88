import { eq } from 'drizzle-orm';
import type { Profile } from '../../domain/profile.js';
import type { Db } from '../client.js';
import { pairingBlocks, profiles } from '../schema.js';

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
      updatedAt: new Date(row.updatedAt),
    };
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
