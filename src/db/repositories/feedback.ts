import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { fitChecks, surveys } from '../schema.js';

export type FitAnswer = 'good' | 'unsure' | 'not_a_fit';

export interface FitCheck {
  pairId: number;
  userId: string;
  answer: FitAnswer;
  answeredAt: Date;
}

export interface SurveyAnswer {
  cohortId: number;
  userId: string;
  pairId: number | null;
  rating: number;
  learned: string | null;
  again: boolean;
  quoteOk: boolean;
  answeredAt: Date;
}

export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  recordFit(answer: FitCheck): void {
    const values = { answer: answer.answer, answeredAt: answer.answeredAt.getTime() };
    this.db
      .insert(fitChecks)
      .values({ pairId: answer.pairId, userId: answer.userId, ...values })
      .onConflictDoUpdate({ target: [fitChecks.pairId, fitChecks.userId], set: values })
      .run();
  }

  fitChecks(pairId: number): FitCheck[] {
    return this.db
      .select()
      .from(fitChecks)
      .where(eq(fitChecks.pairId, pairId))
      .all()
      .map((r) => ({ ...r, answeredAt: new Date(r.answeredAt) }));
  }

  /** Saves a survey answer; answering again replaces the earlier one. */
  saveSurvey(answer: SurveyAnswer): { updated: boolean } {
    const existing = this.survey(answer.cohortId, answer.userId);
    const values = {
      pairId: answer.pairId,
      rating: answer.rating,
      learned: answer.learned,
      again: answer.again,
      quoteOk: answer.quoteOk,
      answeredAt: answer.answeredAt.getTime(),
    };
    this.db
      .insert(surveys)
      .values({ cohortId: answer.cohortId, userId: answer.userId, ...values })
      .onConflictDoUpdate({ target: [surveys.cohortId, surveys.userId], set: values })
      .run();
    return { updated: existing !== null };
  }

  survey(cohortId: number, userId: string): SurveyAnswer | null {
    const row = this.db
      .select()
      .from(surveys)
      .where(and(eq(surveys.cohortId, cohortId), eq(surveys.userId, userId)))
      .get();
    return row ? { ...row, answeredAt: new Date(row.answeredAt) } : null;
  }

  /** Forgets everything a person answered (they deleted their profile). */
  deleteFor(userId: string): void {
    this.db.transaction((tx) => {
      tx.delete(surveys).where(eq(surveys.userId, userId)).run();
      tx.delete(fitChecks).where(eq(fitChecks.userId, userId)).run();
    });
  }

  surveys(cohortId: number): SurveyAnswer[] {
    return this.db
      .select()
      .from(surveys)
      .where(eq(surveys.cohortId, cohortId))
      .orderBy(surveys.answeredAt, surveys.userId)
      .all()
      .map((r) => ({ ...r, answeredAt: new Date(r.answeredAt) }));
  }
}
