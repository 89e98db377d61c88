import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FailNextOptions, FailureQueue, type InjectedFailure } from './failures.js';
import { handleApiCall } from './http/api-route.js';
import { BodyTooLargeError, sendJson } from './http/body.js';
import { handleResponseUrl } from './http/response-route.js';
import { handleUpload } from './http/upload-route.js';
import { copy } from './json.js';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { type SocketModeOptions, SocketModeServer } from './socket-mode.js';
import { SimState } from './state/index.js';
import type { ViewRecord } from './state/views.js';
import type {
  EphemeralMessage,
  FakeChannelInput,
  FakeFile,
  FakeUserInput,
  RecordedCall,
  RecordedResponse,
  ResponseUrlContext,
  SlackConversation,
  SlackMessage,
  SlackUser,
  SlackView,
  ViewSubmissionOutcome,
  WorkspaceInfo,
} from './types.js';
import { applyViewSubmission } from './view-submission.js';
import { webApiHandlers } from './web-api/index.js';

export interface FakeSlackOptions {
  /** Default 0: any free port. The server only ever listens on 127.0.0.1. */
  port?: number;
  /** Accepted bot tokens. Without this, any token starting with `xoxb-` is accepted. */
  tokens?: readonly string[];
  /**
   * Accepted app-level tokens (Socket Mode; good only for apps.connections.open). Without this, any token starting
   * with `xapp-` is accepted.
   */
  appTokens?: readonly string[];
  /** Socket Mode pings and ack timeout (see SocketModeOptions). */
  socketMode?: SocketModeOptions;
  workspace?: Partial<WorkspaceInfo>;
  /** The fake's clock in ms (trigger expiry, response_url expiry, rate limits, timestamps). Default Date.now. */
  now?: () => number;
  /** Slack-like rate limiting; off when omitted. `true` uses the defaults. */
  rateLimits?: RateLimitOptions | boolean;
  users?: readonly FakeUserInput[];
  channels?: readonly FakeChannelInput[];
}

const DEFAULT_WORKSPACE: WorkspaceInfo = {
  teamId: 'T0FAKE0001',
  teamName: 'Reverse Mentor Test',
  teamDomain: 'reverse-mentor-test',
  botUserId: 'U0FAKEBOT1',
  botId: 'B0FAKEBOT1',
  botName: 'reverse-mentor',
  appId: 'A0FAKEAPP1',
};

/** Starts the loopback Slack on 127.0.0.1. Point the WebClient at `fake.apiUrl`. */
export function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return FakeSlack.start(options);
}

/**
 * A real HTTP server that answers the Web API like Slack, records every call, and exposes what an app did
 * (messages, views, files, response_url posts) as plain data copies.
 */
export class FakeSlack {
  readonly workspace: WorkspaceInfo;
  /** Slack's Socket Mode side: connection state, `deliverEnvelope`, reconnect requests. */
  readonly socketMode: SocketModeServer;
  private readonly state: SimState;
  private readonly server: Server;
  private readonly failures = new FailureQueue();
  private limiter: RateLimiter | undefined;
  private readonly rateLimitOptions: RateLimitOptions | undefined;
  private readonly recorded: RecordedCall[] = [];
  private readonly acceptsToken: (token: string) => boolean;
  private readonly acceptsAppToken: (token: string) => boolean;
  private base = '';

  /** Same as startFakeSlack. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await fake.listen(options.port ?? 0);
    return fake;
  }

  private constructor(options: FakeSlackOptions) {
    this.workspace = { ...DEFAULT_WORKSPACE, ...options.workspace };
    this.state = new SimState(this.workspace, options.now ?? Date.now);
    const tokens = options.tokens ? new Set(options.tokens) : undefined;
    this.acceptsToken = (token) => (tokens ? tokens.has(token) : token.startsWith('xoxb-'));
    const appTokens = options.appTokens ? new Set(options.appTokens) : undefined;
    this.acceptsAppToken = (token) => (appTokens ? appTokens.has(token) : token.startsWith('xapp-'));
    this.socketMode = new SocketModeServer(this.workspace.appId, () => this.base, options.socketMode);
    this.rateLimitOptions =
      options.rateLimits === true ? {} : options.rateLimits === false ? undefined : options.rateLimits;
    this.limiter = this.rateLimitOptions ? new RateLimiter(this.rateLimitOptions) : undefined;
    for (const user of options.users ?? []) this.addUser(user);
    for (const channel of options.channels ?? []) this.addChannel(channel);
    const handlers = webApiHandlers(
      () => this.base,
      () => this.socketMode.mintUrl(),
    );
    this.server = createServer((req, res) => {
      this.route(req, res, handlers).catch((error: unknown) => this.crash(res, error));
    });
    this.server.on('upgrade', (req, socket, head) => this.socketMode.handleUpgrade(req, socket, head));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        const { port: actual } = this.server.address() as AddressInfo;
        this.base = `http://127.0.0.1:${actual}/`;
        resolve();
      });
    });
  }

  /** `http://127.0.0.1:PORT/` */
  get url(): string {
    return this.base;
  }

  /** The WebClient's `slackApiUrl`: `http://127.0.0.1:PORT/api/` */
  get apiUrl(): string {
    return `${this.base}api/`;
  }

  async close(): Promise<void> {
    this.socketMode.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ── Setup ────────────────────────────────────────────────────────────────────────────────────────────────────

  addUser(user: FakeUserInput): void {
    this.state.directory.addUser(user);
  }

  /** Returns the channel id (generated when not given). */
  addChannel(channel: FakeChannelInput): string {
    return this.state.directory.addChannel(channel).id;
  }

  /** Someone types `/invite @bot` in a channel: the bot becomes a member. */
  inviteBot(channelId: string): void {
    const channel = this.state.directory.channel(channelId);
    if (!channel) throw new Error(`the fake has no channel ${channelId}`);
    channel.members.add(this.workspace.botUserId);
  }

  deactivateUser(userId: string): void {
    this.state.directory.setDeleted(userId, true);
  }

  reactivateUser(userId: string): void {
    this.state.directory.setDeleted(userId, false);
  }

  /** The user's DM with the bot, created if needed (Slack creates it on first use too). */
  ensureDm(userId: string): string {
    if (!this.state.directory.user(userId)) throw new Error(`no such user ${userId}`);
    return this.state.directory.ensureIm(userId).id;
  }

  /** A message from a person (not the bot), e.g. a user replying in their DM; `target` is a channel or user id. */
  postUserMessage(userId: string, target: string, text: string): SlackMessage {
    const channel = /^[UW]/.test(target) ? this.ensureDm(target) : target;
    if (!this.state.directory.channel(channel)) throw new Error(`no such channel ${channel}`);
    return copy(this.state.messages.post(channel, { text, fromUser: userId }));
  }

  failNext(method: string, failure: InjectedFailure, options?: FailNextOptions): void {
    this.failures.add(method, failure, options);
  }

  /** A trigger_id for this user: valid for 3 s of the fake's clock and for one exchange. */
  mintTriggerId(userId: string): string {
    return this.state.interactions.mintTrigger(userId);
  }

  /** A response_url (`http://127.0.0.1:PORT/response/<id>`): 5 uses within 30 minutes. */
  mintResponseUrl(context: ResponseUrlContext = {}): string {
    return `${this.base}response/${this.state.interactions.mintResponseUrl(context).id}`;
  }

  /** Applies the app's answer to a view_submission to the user's modal stack, as Slack would. */
  applyViewSubmissionResponse(userId: string, viewId: string, response: unknown): ViewSubmissionOutcome {
    return copy(applyViewSubmission(this.state, userId, viewId, response));
  }

  /** The user closed a modal view (and everything stacked above it). */
  closeView(userId: string, viewId: string): void {
    this.state.views.close(userId, viewId);
  }

  /** Clears calls, messages, views, files, response_url/trigger records, pending failures, rate-limit windows and
   * the Socket Mode envelope log; keeps users, channels, DMs and open Socket Mode connections. */
  reset(): void {
    this.recorded.length = 0;
    this.socketMode.reset();
    this.state.messages.clear();
    this.state.views.clear();
    this.state.files.clear();
    this.state.interactions.clear();
    this.failures.clear();
    this.limiter = this.rateLimitOptions ? new RateLimiter(this.rateLimitOptions) : undefined;
  }

  // ── Queries (copies) ─────────────────────────────────────────────────────────────────────────────────────────

  get calls(): RecordedCall[] {
    return copy(this.recorded);
  }

  callsTo(method: string): RecordedCall[] {
    return copy(this.recorded.filter((c) => c.method === method));
  }

  user(userId: string): SlackUser | undefined {
    const user = this.state.directory.user(userId);
    return user ? this.state.directory.userObject(user) : undefined;
  }

  conversation(channelId: string): SlackConversation | undefined {
    const channel = this.state.directory.channel(channelId);
    return channel ? this.state.directory.conversationObject(channel) : undefined;
  }

  /** Members of a conversation (the bot included when it is in it). */
  membersOf(channelId: string): string[] {
    return [...(this.state.directory.channel(channelId)?.members ?? [])];
  }

  messages(channelId: string): SlackMessage[] {
    return copy(this.state.messages.list(channelId));
  }

  ephemerals(filter: { channel?: string; user?: string } = {}): EphemeralMessage[] {
    return copy(
      this.state.messages
        .ephemerals()
        .filter(
          (m) =>
            (filter.channel === undefined || m.channel === filter.channel) &&
            (filter.user === undefined || m.user === filter.user),
        ),
    );
  }

  dmChannelOf(userId: string): string | undefined {
    return this.state.directory.imOf(userId)?.id;
  }

  dmsTo(userId: string): SlackMessage[] {
    const im = this.dmChannelOf(userId);
    return im ? this.messages(im) : [];
  }

  groupDmWith(userIds: readonly string[]): string | undefined {
    return this.state.directory.mpimWith(userIds)?.id;
  }

  homeViewOf(userId: string): SlackView | undefined {
    return this.wire(this.state.views.home(userId));
  }

  /** The user's modal stack, bottom first. */
  openViews(userId: string): SlackView[] {
    return this.state.views.stack(userId).map((r) => this.state.views.toWire(r));
  }

  /** The last modal opened or pushed for the user, as it is now (it may have been updated or closed since). */
  lastViewOpenedFor(userId: string): SlackView | undefined {
    return this.wire(this.state.views.lastOpenedFor(userId));
  }

  view(viewId: string): SlackView | undefined {
    return this.wire(this.state.views.get(viewId));
  }

  file(fileId: string): FakeFile | undefined {
    const record = this.state.files.get(fileId);
    if (!record) return undefined;
    const { uploadSecret: _secret, bytes, ...file } = record;
    // structuredClone would turn the Buffer into a bare Uint8Array; copy it as a Buffer.
    return bytes ? { ...copy(file), bytes: Buffer.from(bytes) } : copy(file);
  }

  /** response_url POSTs, all or for one response_url (its id or the full URL). */
  responses(idOrUrl?: string): RecordedResponse[] {
    const id = idOrUrl?.split('/').pop();
    return copy(this.state.interactions.responses(id));
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────────────────────────────────────────

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    handlers: ReturnType<typeof webApiHandlers>,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', this.base || 'http://127.0.0.1/');
    let parts: string[];
    try {
      parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      sendJson(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    if (parts[0] === 'api' && parts.length === 2 && (req.method === 'POST' || req.method === 'GET')) {
      const deps = {
        state: this.state,
        handlers,
        failures: this.failures,
        limiter: this.limiter,
        acceptsToken: this.acceptsToken,
        acceptsAppToken: this.acceptsAppToken,
        calls: this.recorded,
      };
      return handleApiCall(deps, req, res, parts[1] ?? '', url.searchParams);
    }
    if (req.method === 'POST' && parts[0] === 'upload' && parts[1] === 'v1' && parts.length === 4) {
      return handleUpload(this.state, req, res, parts[2] ?? '', parts[3] ?? '');
    }
    if (req.method === 'POST' && parts[0] === 'response' && parts.length === 2) {
      return handleResponseUrl(this.state, req, res, parts[1] ?? '');
    }
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  /** A bug in the fake (or an oversized body) must fail the test visibly, not hang it. */
  private crash(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof BodyTooLargeError) {
      sendJson(res, 413, { ok: false, error: 'request_too_large' });
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    sendJson(res, 500, { ok: false, error: 'internal_error', detail });
  }

  private wire(record: ViewRecord | undefined): SlackView | undefined {
    return record ? this.state.views.toWire(record) : undefined;
  }
}
