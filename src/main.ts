import type { RetryOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase, pingDatabase } from './db/client.js';
import { PeopleRepository } from './db/repositories/people.js';
import { ProcessedEventRepository } from './db/repositories/processed-events.js';
import { ProfileRepository } from './db/repositories/profiles.js';
import { LineLogger } from './logger.js';
import { BackgroundWork } from './services/background.js';
import { ParticipantService } from './services/participants.js';
import { type Clock, type RandomSource, SlackCallError } from './services/ports.js';
import { type RunningSlackApp, startSlackApp } from './slack/app.js';
import { SlackGateway, toSlackCallError } from './slack/gateway.js';
import type { ListenerDeps } from './slack/listeners/deps.js';

export interface BotOptions {
  clock?: Clock;
  random?: RandomSource;
  logger?: LineLogger;
  interactiveRetry?: RetryOptions;
  deliveryRetry?: RetryOptions;
}

export interface RunningBot {
  port: number;
  database: DatabaseHandle;
  deps: ListenerDeps;
  gateway: SlackGateway;
  background: BackgroundWork;
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
    const people = new PeopleRepository(database.db);
    const profiles = new ProfileRepository(database.db);
    const background = new BackgroundWork(logger);
    const participants = new ParticipantService({
      people,
      profiles,
      slack: gateway,
      clock,
      logger,
    });
    const deps: ListenerDeps = {
      participants,
      slack: gateway,
      background,
      processedEvents: new ProcessedEventRepository(database.db),
      clock,
      logger,
    };
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
        await background.idle();
        database.close();
        logger.info('reverse-mentor stopped');
      })();
      return stopping;
    };
    return { port: app.port, database, deps, gateway, background, stop };
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
