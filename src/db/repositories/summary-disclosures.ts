import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { summaryDisclosures } from '../schema.js';

/** Survey figures a cohort's summaries have already made public (aggregates only, never text). */
export interface SummaryDisclosure {
  cohortId: number;
  surveyResponses: number;
  averageRating: number | null;
  wouldAgainShare: number | null;
  disclosedAt: Date;
}

export class SummaryDisclosureRepository {
  constructor(private readonly db: Db) {}

  get(cohortId: number): SummaryDisclosure | null {
    const row = this.db
      .select()
      .from(summaryDisclosures)
      .where(eq(summaryDisclosures.cohortId, cohortId))
      .get();
    return row ? { ...row, disclosedAt: new Date(row.disclosedAt) } : null;
  }

  /** Records the figures a summary is about to make public (replacing the previous ones). */
  record(disclosure: SummaryDisclosure): void {
    const values = {
      surveyResponses: disclosure.surveyResponses,
      averageRating: disclosure.averageRating,
      wouldAgainShare: disclosure.wouldAgainShare,
      disclosedAt: disclosure.disclosedAt.getTime(),
    };
    this.db
      .insert(summaryDisclosures)
      .values({ cohortId: disclosure.cohortId, ...values })
      .onConflictDoUpdate({ target: summaryDisclosures.cohortId, set: values })
      .run();
  }
}
