import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RetryOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase, pingDatabase } from './db/client.js';
import { CohortRepository } from './db/repositories/cohorts.js';
import { LeaseRepository } from './db/repositories/leases.js';
import { OutboxRepository } from './db/repositories/outbox.js';
import { OwnerRepository } from './db/repositories/owners.js';
import { PairRepository } from './db/repositories/pairs.js';
import { PauseRepository } from './db/repositories/pauses.js';
import { PeopleRepository } from './db/repositories/people.js';
import { ProcessedEventRepository } from './db/repositories/processed-events.js';
import { ProfileRepository } from './db/repositories/profiles.js';
import { LineLogger } from './logger.js';
import { AlertService } from './services/alerts.js';
import { BackgroundWork } from './services/background.js';
import { CohortService } from './services/cohorts.js';
import { HomeService } from './services/home.js';
import { LaunchService } from './services/launch.js';
import { OutboxSender } from './services/outbox-sender.js';
import { OwnerService } from './services/owners.js';
import { ParticipantService } from './services/participants.js';
import { type Clock, type RandomSource, SlackCallError, type SlackPort } from './services/ports.js';
import { DEFAULT_PACER, type PacerOptions, RatePacer } from './services/rate-pacer.js';
import { type RunningSlackApp, startSlackApp } from './slack/app.js';
import { SlackGateway, toSlackCallError } from './slack/gateway.js';
import type { ListenerDeps } from './slack/listeners/deps.js';

export interface BotOptions {
  clock?: Clock;
  random?: RandomSource;
  logger?: LineLogger;
  interactiveRetry?: RetryOptions;
  deliveryRetry?: RetryOptions;
  /** Overrides the sender's pacing (tests and benchmarks). */
  pacer?: Partial<PacerOptions>;
}

export interface Services {
  deps: ListenerDeps;
  background: BackgroundWork;
  sender: OutboxSender;
  repos: ReturnType<typeof buildRepositories>;
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
    outbox: new OutboxRepository(db),
    leases: new LeaseRepository(db),
    processedEvents: new ProcessedEventRepository(db),
  };
}

/** Everything below the Slack edge: repositories, use cases and the outbox sender. */
export function buildServices(
  config: Config,
  database: DatabaseHandle,
  slack: SlackPort,
  logger: LineLogger,
  clock: Clock,
  options: Pick<BotOptions, 'pacer'> = {},
): Services {
  const repos = buildRepositories(database);
  const transaction = <T>(work: () => T): T => database.db.transaction(() => work());
  const background = new BackgroundWork(logger);
  const owners = new OwnerService(config.programOwners, repos.owners, clock);
  const home = new HomeService({ ...repos, owners, slack, clock });
  const cohorts = new CohortService({
    ...repos,
    owners,
    clock,
    logger,
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
  });
  const launch = new LaunchService({ ...repos, owners, clock, logger, transaction });
  const alerts = new AlertService({ ...repos, owners, slack, clock, logger });
  const sender = new OutboxSender({
    ...repos,
    slack,
    pacer: new RatePacer({ ...DEFAULT_PACER, perMinute: config.messagesPerMinute, ...options.pacer }),
    clock,
    wallClockMs: () => Date.now(),
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    logger: logger.child('outbox'),
    hooks: { failed: (row, error) => alerts.deliveryFailed(row, error) },
  });
  const deps: ListenerDeps = {
    participants,
    cohorts,
    launch,
    owners,
    home,
    slack,
    background,
    processedEvents: repos.processedEvents,
    deliverNow: () => background.run('deliver outbox', () => sender.drain()),
    clock,
    logger,
  };
  return { deps, background, sender, repos };
}

export interface RunningBot {
  port: number;
  database: DatabaseHandle;
  deps: ListenerDeps;
  gateway: SlackGateway;
  background: BackgroundWork;
  services: Services;
  /** Graceful: stops taking work, waits for work in flight, closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** A start-up failure with a message meant for the person starting the bot (no stack trace). */
export class StartupError extends Error {
  override name = 'StartupError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Wiring only: config → database → repositories → services → Slack app. */
export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? new LineLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const database = openDatabase(config.databasePath);
  let slackApp: RunningSlackApp | undefined;
  try {
    const gateway = new SlackGateway({
      token: config.slack.botToken,
      apiUrl: config.slack.apiUrl,
      logger: logger.child('slack'),
      ...(options.interactiveRetry ? { interactiveRetry: options.interactiveRetry } : {}),
      ...(options.deliveryRetry ? { deliveryRetry: options.deliveryRetry } : {}),
    });
    const identity = await verifyToken(gateway, config);
    const services = buildServices(config, database, gateway, logger, clock, options);
    const { deps, background, sender } = services;
    slackApp = await startSlackApp({
      config,
      logger,
      deps,
      identity,
      isHealthy: () => pingDatabase(database.sqlite),
    });
    const app = slackApp;
    logger.info(
      `reverse-mentor is running in ${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'} on port ${app.port}`,
    );

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await app.stop().catch((error) => logger.warn('Stopping the Slack app failed', error));
        await sender.stop();
        await background.idle();
        database.close();
        logger.info('reverse-mentor stopped');
      })();
      return stopping;
    };
    return { port: app.port, database, deps, gateway, background, services, stop };
  } catch (error) {
    await slackApp?.stop().catch(() => undefined);
    database.close();
    throw error;
  }
}

/** Checks the bot token once at start-up, so a wrong token is a clear message rather than a failure later. */
async function verifyToken(
  gateway: SlackGateway,
  config: Config,
): Promise<{ botId: string; botUserId: string }> {
  try {
    const result = await gateway.interactive.auth.test();
    return { botId: String(result.bot_id ?? ''), botUserId: String(result.user_id ?? '') };
  } catch (error) {
    const failure = error instanceof SlackCallError ? error : toSlackCallError('auth.test', error);
    if (failure.kind === 'platform') {
      throw new StartupError(
        `Slack refused SLACK_BOT_TOKEN (${failure.code}). Copy the Bot User OAuth Token again from your Slack ` +
          'app page → OAuth & Permissions, and make sure the app is installed to the workspace.',
        2,
      );
    }
    throw new StartupError(
      `Could not reach Slack at ${config.slack.apiUrl ?? 'https://slack.com/api/'} (${failure.code}). ` +
        'Check the network (or SLACK_API_URL) and start again.',
      1,
    );
  }
}
