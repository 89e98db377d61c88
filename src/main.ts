import type { RetryOptions } from '@slack/web-api';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase, pingDatabase } from './db/client.js';
import { StartupError } from './errors.js';
import { LineLogger } from './logger.js';
import { startSchedules } from './scheduler/schedules.js';
import type { BackgroundWork } from './services/background.js';
import { type Clock, SlackCallError } from './services/ports.js';
import { type RunningSlackApp, startSlackApp } from './slack/app.js';
import { SlackGateway, toSlackCallError } from './slack/gateway.js';
import type { ListenerDeps } from './slack/listeners/deps.js';
import { buildServices, type Services, type WiringOptions } from './wiring.js';

export interface BotOptions {
  clock?: Clock;
  logger?: LineLogger;
  /** False in tests, which drive time through the tick themselves. */
  scheduler?: boolean;
  interactiveRetry?: RetryOptions;
  deliveryRetry?: RetryOptions;
  /** Overrides the sender's pacing (tests and benchmarks). */
  pacer?: WiringOptions['pacer'];
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

export { StartupError };

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
    if (deps.owners.allOwnerIds().length === 0) {
      logger.warn('No program owners yet: set PROGRAM_OWNERS to your Slack member ID to create cohorts.');
    }
    slackApp = await startSlackApp({
      config,
      logger,
      deps,
      identity,
      isHealthy: () => pingDatabase(database.sqlite),
    });
    const app = slackApp;
    const schedules =
      options.scheduler === false
        ? null
        : startSchedules({
            tickSchedule: config.tickSchedule,
            tick: services.tick,
            processedEvents: services.repos.processedEvents,
            clock,
            logger,
          });
    logger.info(
      `reverse-mentor is running in ${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'} on port ${app.port}`,
    );

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Order matters: no new ticks; the sender finishes the message in flight and hands back the rest
        // (so a tick in the middle of a long fan-out ends promptly); then no new requests; and only then
        // the database closes.
        await schedules?.pause();
        await sender.stop();
        await schedules?.stop();
        await app.stop().catch((error) => logger.warn('Stopping the Slack app failed', error));
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
