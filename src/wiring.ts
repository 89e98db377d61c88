import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { CheckinRepository } from './db/repositories/checkins.js';
import { CohortRepository } from './db/repositories/cohorts.js';
import { ConfidentialRefusalRepository } from './db/repositories/confidential-refusals.js';
import { FeedbackRepository } from './db/repositories/feedback.js';
import { FlagRepository } from './db/repositories/flags.js';
import { HeldAlertRepository } from './db/repositories/held-alerts.js';
import { LeaseRepository } from './db/repositories/leases.js';
import { OutboxRepository } from './db/repositories/outbox.js';
import { OwnerViewRepository } from './db/repositories/owner-views.js';
import { OwnerRepository } from './db/repositories/owners.js';
import { PairRepository } from './db/repositories/pairs.js';
import { PauseRepository } from './db/repositories/pauses.js';
import { PeopleRepository } from './db/repositories/people.js';
import { ProcessedEventRepository } from './db/repositories/processed-events.js';
import { ProfileRepository } from './db/repositories/profiles.js';
import { SummaryDisclosureRepository } from './db/repositories/summary-disclosures.js';
import type { LineLogger } from './logger.js';
import { AlertService } from './services/alerts.js';
import { BackgroundWork } from './services/background.js';
import { CheckinService } from './services/checkins.js';
import { CohortService } from './services/cohorts.js';
import { DashboardService } from './services/dashboard.js';
import { DeliveryGate } from './services/delivery-gate.js';
import { ExportService, secureRandom } from './services/export.js';
import { FeedbackService } from './services/feedback.js';
import { HomeService } from './services/home.js';
import { LaunchService } from './services/launch.js';
import { newHolderId } from './services/leases.js';
import { OutboxSender } from './services/outbox-sender.js';
import { OwnerService } from './services/owners.js';
import { PairLifeService } from './services/pair-life.js';
import { ParticipantService } from './services/participants.js';
import type { Clock, SlackPort } from './services/ports.js';
import { DEFAULT_PACER, type PacerOptions, RatePacer } from './services/rate-pacer.js';
import { ReviewService } from './services/review.js';
import { SummaryService } from './services/summaries.js';
import { TickService } from './services/tick.js';
import type { ListenerDeps } from './slack/listeners/deps.js';

export interface WiringOptions {
  /** Overrides the sender's pacing (tests and benchmarks). */
  pacer?: Partial<PacerOptions>;
}

export function buildRepositories(database: DatabaseHandle) {
  const db = database.db;
  return {
    people: new PeopleRepository(db),
    profiles: new ProfileRepository(db),
    owners: new OwnerRepository(db),
    cohorts: new CohortRepository(db),
    pairs: new PairRepository(db),
    pauses: new PauseRepository(db),
    checkins: new CheckinRepository(db),
    flags: new FlagRepository(db),
    feedback: new FeedbackRepository(db),
    outbox: new OutboxRepository(db),
    leases: new LeaseRepository(db),
    processedEvents: new ProcessedEventRepository(db),
    summaryDisclosures: new SummaryDisclosureRepository(db),
    heldAlerts: new HeldAlertRepository(db),
    ownerViews: new OwnerViewRepository(db),
    confidentialRefusals: new ConfidentialRefusalRepository(db),
  };
}

export type Repositories = ReturnType<typeof buildRepositories>;

export interface Services {
  deps: ListenerDeps;
  repos: Repositories;
  background: BackgroundWork;
  sender: OutboxSender;
  tick: TickService;
}

/**
 * Everything below the Slack edge: repositories, use cases, the outbox sender and the tick. Used by the
 * running bot and by the command-line `tick` and `export`, so they behave exactly alike.
 */
export function buildServices(
  config: Config,
  database: DatabaseHandle,
  slack: SlackPort,
  logger: LineLogger,
  clock: Clock,
  options: WiringOptions = {},
): Services {
  const repos = buildRepositories(database);
  const transaction = <T>(work: () => T): T => database.db.transaction(() => work());
  const holder = newHolderId();
  const background = new BackgroundWork(logger);
  const owners = new OwnerService(config.programOwners, repos.owners, clock, (id) => slack.userInfo(id));
  const dashboard = new DashboardService(repos);
  const home = new HomeService({
    ...repos,
    owners,
    slack,
    clock,
    dashboard: (cohort, viewerId) => dashboard.blocks(cohort, viewerId),
  });
  const cohorts = new CohortService({
    ...repos,
    owners,
    clock,
    logger,
    transaction,
    repeatWindowDays: config.pairRepeatWindowDays,
  });
  const participants = new ParticipantService({
    ...repos,
    cohortRepo: repos.cohorts,
    cohorts,
    slack,
    clock,
    logger,
    home,
    transaction,
    // Leaving the program while in a running pair ends the pair the kind way first (partner told, owners too).
    leaveActivePair: (userId) => {
      pairLife.leavePair(userId, null);
    },
    scrub: () => {
      database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    },
  });
  const launch = new LaunchService({
    ...repos,
    cohortService: cohorts,
    owners,
    defaultHours: config.deliveryHours,
    clock,
    logger,
    transaction,
  });
  const alerts = new AlertService({
    ...repos,
    owners,
    slack,
    clock,
    logger,
    transaction,
    personGone: (userId) => pairLife.personDeactivated(userId),
  });
  const summaries = new SummaryService({
    ...repos,
    owners,
    slack,
    clock,
    logger,
    // Loaded on first use: the chart libraries are only needed when a summary goes out.
    renderChart: async (input) => (await import('./chart/index.js')).renderSummaryChart(input),
    surveyWindowDays: config.surveyWindowDays,
  });
  const feedback = new FeedbackService({ ...repos, alerts, summaries, slack, clock, logger, transaction });
  const gate = new DeliveryGate({
    alerts,
    pauses: repos.pauses,
    pairs: repos.pairs,
    people: repos.people,
    profiles: repos.profiles,
    defaultHours: config.deliveryHours,
    clock,
  });
  const sender = new OutboxSender({
    ...repos,
    slack,
    pacer: new RatePacer({ ...DEFAULT_PACER, perMinute: config.messagesPerMinute, ...options.pacer }),
    clock,
    holder,
    logger: logger.child('outbox'),
    hooks: {
      failed: (row, error) => alerts.deliveryFailed(row, error),
      beforeSend: (row) => gate.decide(row),
      deliverSpecial: (row) => summaries.deliver(row),
    },
  });
  const pairLife = new PairLifeService({
    ...repos,
    owners,
    alerts,
    cohortService: cohorts,
    launch,
    clock,
    logger,
    transaction,
    repeatWindowDays: config.pairRepeatWindowDays,
  });
  const checkins = new CheckinService({ ...repos, alerts, slack, clock, logger });
  const tick = new TickService({
    ...repos,
    cohortService: cohorts,
    alerts,
    sender,
    slack,
    clock,
    holder,
    logger: logger.child('tick'),
    transaction,
    feedback,
    retentionDays: config.outboxRetentionDays,
    defaultHours: config.deliveryHours,
    personGone: (userId) => pairLife.personDeactivated(userId),
  });
  const deps: ListenerDeps = {
    participants,
    cohorts,
    launch,
    owners,
    home,
    pairLife,
    checkins,
    feedback,
    summaries,
    reviews: new ReviewService({
      cohortService: cohorts,
      owners,
      ownerViews: repos.ownerViews,
      people: repos.people,
      profiles: repos.profiles,
      defaultHours: config.deliveryHours,
      slack,
      clock,
      logger,
    }),
    exports: new ExportService({ ...repos, owners, slack, random: secureRandom }),
    alerts,
    delivery: sender,
    slack,
    background,
    processedEvents: repos.processedEvents,
    deliverNow: () => background.run('deliver outbox', () => sender.drain()),
    clock,
    logger,
  };
  return { deps, repos, background, sender, tick };
}
