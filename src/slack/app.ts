import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Config } from '../config.js';
import { StartupError } from '../errors.js';
import { libraryLogger } from '../logger.js';
import { SlackCallError } from '../services/ports.js';
import { toSlackCallError } from './gateway.js';
import type { ListenerDeps } from './listeners/deps.js';
import { listenerMiddleware } from './listeners/index.js';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  deps: ListenerDeps;
  /** From our own auth.test at start-up, so Bolt doesn't make a second, unguarded call. */
  identity: { botId: string; botUserId: string };
  isHealthy: () => boolean;
  /** Time source for "how long has the socket been down" (real time). */
  nowMs?: () => number;
}

export interface RunningSlackApp {
  /** The port /healthz (and, in HTTP mode, /slack/events) listens on. */
  port: number;
  stop(): Promise<void>;
}

/** After this long without a Socket Mode connection, /healthz says so and an orchestrator can restart us. */
const SOCKET_DOWN_GRACE_MS = 2 * 60_000;

function writeHealth(res: ServerResponse, database: boolean, slack: boolean | null): void {
  const healthy = database && slack !== false;
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify({
      status: healthy ? 'ok' : 'unavailable',
      database: database ? 'ok' : 'unreachable',
      ...(slack === null ? {} : { slack: slack ? 'connected' : 'disconnected' }),
    }),
  );
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
    // No listener reads Bolt's conversation context: without the store, no lookup on every request.
    convoStore: false as const,
    logger: libraryLogger(logger),
    // Bolt's own client is only used for Socket Mode's connection; our calls go through the gateway.
    ...(config.slack.apiUrl ? { clientOptions: { slackApiUrl: config.slack.apiUrl } } : {}),
  };
  return config.slack.mode === 'socket' ? startSocketMode(options, common) : startHttp(options, common);
}

/**
 * A request Bolt can't route at all (an interactive payload of no kind it knows) is never acked by a
 * listener; Bolt answers it with a 404 after this long. Below Slack's 3 s, so even that answer is in time.
 */
const UNROUTABLE_TIMEOUT_MS = 2_500;

async function startHttp(options: SlackAppOptions, common: object): Promise<RunningSlackApp> {
  const receiver = new HTTPReceiver({
    signingSecret: options.config.slack.signingSecret ?? '',
    endpoints: '/slack/events',
    logger: libraryLogger(options.logger),
    unhandledRequestTimeoutMillis: UNROUTABLE_TIMEOUT_MS,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req: unknown, res: ServerResponse) => writeHealth(res, options.isHealthy(), null),
      },
    ],
  });
  const app = new App({ ...common, receiver });
  wire(app, options);
  let server: Server;
  try {
    server = (await app.start(options.config.port)) as Server;
  } catch (error) {
    throw portError(error, options.config.port);
  }
  const port = (server.address() as AddressInfo).port;
  return { port, stop: () => app.stop().then(() => undefined) };
}

/**
 * Socket Mode: Bolt keeps the WebSocket; we serve /healthz ourselves, so the port is known (PORT=0 works),
 * a busy port is a clear error, and health reflects whether Slack is actually connected.
 */
async function startSocketMode(options: SlackAppOptions, common: object): Promise<RunningSlackApp> {
  const { config, logger } = options;
  const nowMs = options.nowMs ?? (() => Date.now());
  const receiver = new SocketModeReceiver({
    appToken: config.slack.appToken ?? '',
    logger: libraryLogger(logger),
    ...(config.slack.apiUrl
      ? { installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } } }
      : {}),
  });
  const app = new App({ ...common, receiver });
  wire(app, options);
  let connected = false;
  let downSince = nowMs();
  receiver.client.on('connected', () => {
    connected = true;
    logger.info('Connected to Slack (Socket Mode)');
  });
  receiver.client.on('disconnected', () => {
    if (connected) downSince = nowMs();
    connected = false;
    logger.warn('Socket Mode connection lost; reconnecting');
  });
  const health = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') {
      const slackOk = connected || nowMs() - downSince < SOCKET_DOWN_GRACE_MS;
      writeHealth(res, options.isHealthy(), slackOk);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  const port = await new Promise<number>((resolve, reject) => {
    health.once('error', (error) => reject(portError(error, config.port)));
    health.listen(config.port, () => resolve((health.address() as AddressInfo).port));
  });
  health.on('error', (error) => logger.error('The health endpoint failed', error));
  try {
    await app.start();
  } catch (error) {
    health.close();
    const failure = toSlackCallError('apps.connections.open', error);
    if (failure.kind === 'platform') {
      throw new StartupError(
        `Slack refused SLACK_APP_TOKEN (${failure.code}). Create an app-level token with the connections:write ` +
          'scope on your Slack app page → Basic Information → App-Level Tokens, and make sure Socket Mode is on.',
        2,
      );
    }
    throw new StartupError(
      `Could not connect to Slack in Socket Mode (${failure.code}). Check the network and start again.`,
      1,
    );
  }
  return {
    port,
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => health.close(() => resolve()));
    },
  };
}

function portError(error: unknown, port: number): Error {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return new StartupError(
      `Port ${port} is already in use. Stop whatever uses it, or set PORT to another port.`,
      1,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function wire(app: App, options: SlackAppOptions): void {
  // Listeners keep working after their ack (a DM, a Home refresh). Tracking each one lets a graceful
  // shutdown wait for them, and lets tests wait for "everything this click caused".
  app.use(async ({ next }) => {
    const running = next();
    options.deps.background.track(running);
    await running;
  });
  app.use(listenerMiddleware(options.deps));
  // A listener that throws must never take the process down: log it with Slack's code and keep serving.
  app.error(async (error) => {
    const code = error instanceof SlackCallError ? error.code : error.code;
    options.logger.error('Unhandled error in a Slack listener', { code }, error);
  });
}
