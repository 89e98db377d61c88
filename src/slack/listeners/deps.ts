import type { Logger } from '@slack/logger';
import type { ProcessedEventRepository } from '../../db/repositories/processed-events.js';
import type { AlertService } from '../../services/alerts.js';
import type { BackgroundWork } from '../../services/background.js';
import type { CheckinService } from '../../services/checkins.js';
import type { CohortService } from '../../services/cohorts.js';
import type { ExportService } from '../../services/export.js';
import type { FeedbackService } from '../../services/feedback.js';
import type { HomeService } from '../../services/home.js';
import type { LaunchService } from '../../services/launch.js';
import type { OwnerService } from '../../services/owners.js';
import type { PairLifeService } from '../../services/pair-life.js';
import type { ParticipantService } from '../../services/participants.js';
import type { Clock, SlackPort } from '../../services/ports.js';
import type { ReviewService } from '../../services/review.js';
import type { SummaryService } from '../../services/summaries.js';

/** What listeners may use: use cases, plus the few edge tools for answering the person. */
export interface ListenerDeps {
  participants: ParticipantService;
  cohorts: CohortService;
  launch: LaunchService;
  owners: OwnerService;
  home: HomeService;
  pairLife: PairLifeService;
  checkins: CheckinService;
  feedback: FeedbackService;
  summaries: SummaryService;
  reviews: ReviewService;
  exports: ExportService;
  /** Only to pass held notes on once the owners change (a new owner may be outside the pair). */
  alerts: Pick<AlertService, 'releaseHeld'>;
  delivery: { retryFailed(cohortId: number): number };
  slack: SlackPort;
  background: BackgroundWork;
  processedEvents: ProcessedEventRepository;
  /** Starts delivering the outbox now (in the background) instead of waiting for the next tick. */
  deliverNow: () => void;
  clock: Clock;
  logger: Logger;
}
