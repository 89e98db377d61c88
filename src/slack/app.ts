import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Config } from '../config.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  deps: ListenerDeps;
  /** From our own auth.test at start-up, so Bolt doesn't make a second, unguarded call. */
  identity: { botId: string; botUserId: string };
  isHealthy: () => boolean;
}

export interface RunningSlackApp {
  /** The port /healthz (and, in HTTP mode, /slack/events) listens on. */
  port: number;
  stop(): Promise<void>;
}

function healthRoute(isHealthy: () => boolean) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: ServerResponse) => {
      const healthy = isHealthy();
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({ status: healthy ? 'ok' : 'unavailable', database: healthy ? 'ok' : 'unreachable' }),
      );
    },
  };
}

/**
 * Builds the Bolt app for Socket Mode (SLACK_APP_TOKEN set) or HTTP, registers every listener and starts it.
 * Both modes serve GET /healthz on PORT so a container can be health-checked either way.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config, logger, identity } = options;
  const common = {
    token: config.slack.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 200 },
    },
    customRoutes: [healthRoute(options.isHealthy)],
  };

  if (config.slack.mode === 'socket') {
    const app = new App({
      ...common,
      socketMode: true,
      appToken: config.slack.appToken,
      installerOptions: { port: config.port },
    });
    wire(app, options);
    await app.start();
    return { port: config.port, stop: () => app.stop().then(() => undefined) };
  }

  const app = new App({
    ...common,
    signingSecret: config.slack.signingSecret ?? '',
    endpoints: '/slack/events',
  });
  wire(app, options);
  const server = (await app.start(config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  return { port, stop: () => app.stop().then(() => undefined) };
}

function wire(app: App, options: SlackAppOptions): void {
  // Listeners keep working after their ack (a DM, a Home refresh). Tracking each one lets a graceful
  // shutdown wait for them, and lets tests wait for "everything this click caused".
  app.use(async ({ next }) => {
    const running = next();
    options.deps.background.track(running);
    await running;
  });
  registerListeners(app, options.deps);
  // A listener that throws must never take the process down: log it with Slack's code and keep serving.
  app.error(async (error) => {
    options.logger.error('Unhandled error in a Slack listener', { code: error.code }, error);
  });
}
