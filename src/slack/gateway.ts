import type { Logger } from '@slack/logger';
import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import {
  type RetryOptions,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { libraryLogger } from '../logger.js';
import {
  type EphemeralReply,
  type FileUpload,
  type OutgoingMessage,
  type PostedMessage,
  SlackCallError,
  type SlackPort,
  type SlackUser,
} from '../services/ports.js';

export interface GatewayOptions {
  token: string;
  apiUrl?: string;
  logger: Logger;
  /**
   * Retries for 5xx and network failures. Interactive calls get one quick retry at most (a trigger_id lives
   * 3 s); deliveries get a few with backoff, and the outbox retries again across ticks after that.
   */
  interactiveRetry?: RetryOptions;
  deliveryRetry?: RetryOptions;
  /** Per-call timeout in ms, so a hung connection can't stall a listener or a tick forever. */
  timeoutMs?: number;
}

const DEFAULT_INTERACTIVE_RETRY: RetryOptions = { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 200 };
const DEFAULT_DELIVERY_RETRY: RetryOptions = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 8_000 };

interface RawUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string;
  tz_offset?: number;
  profile?: { display_name?: string; real_name?: string };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'not a URL';
  }
}

/** Translates any WebClient failure into a SlackCallError carrying Slack's code. */
export function toSlackCallError(method: string, error: unknown): SlackCallError {
  if (error instanceof SlackCallError) return error;
  if (error instanceof WebAPIPlatformError) return new SlackCallError(method, error.data.error, 'platform');
  if (error instanceof WebAPIRateLimitedError)
    return new SlackCallError(method, 'rate_limited', 'rate_limited', error.retryAfter);
  if (error instanceof WebAPIHTTPError) return new SlackCallError(method, `http_${error.statusCode}`, 'http');
  if (error instanceof WebAPIRequestError) return new SlackCallError(method, 'network_error', 'network');
  const message = error instanceof Error ? error.message : String(error);
  // p-retry gives up on a 429 with a plain Error once retries run out.
  if (/rate limit/i.test(message)) return new SlackCallError(method, 'rate_limited', 'rate_limited');
  return new SlackCallError(method, 'network_error', 'network');
}

/**
 * A view or a list of blocks as the JSON text Slack reads from a form-encoded call anyway. The WebClient copies
 * every argument object, deeply, to redact tokens from a debug line it builds even when debug logging is off,
 * then serialises it; a string it passes through as it is. For a modal or a Home tab that copy cost more than
 * the rest of the call under a crowd (issue 13). Typed as the value it encodes, since that is what it is on the wire.
 */
function asJson<T>(value: T): T {
  return JSON.stringify(value) as unknown as T;
}

/** Slack's host for response URLs. */
const SLACK_RESPONSE_HOST = 'hooks.slack.com';

/**
 * Whether a response_url from a payload is one we may POST to: Slack's own (`https://hooks.slack.com/…`), or —
 * for tests and the demo — one on the configured SLACK_API_URL's origin. A forged payload must not turn the
 * bot into a client of any URL it names.
 */
export function isTrustedResponseUrl(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:' && parsed.hostname === SLACK_RESPONSE_HOST && parsed.port === '')
    return true;
  if (!apiUrl) return false;
  try {
    return parsed.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The Slack port over the real WebClient: the only place the app calls the Web API.
 * Two clients because the two paths want opposite things: a person waiting on a modal needs a fast answer
 * (fail quickly and apologise), while the scheduler's deliveries should wait out a 429's Retry-After and
 * retry transient failures rather than give up.
 */
export class SlackGateway implements SlackPort {
  readonly interactive: WebClient;
  readonly delivery: WebClient;
  private readonly logger: Logger;
  private readonly apiUrl: string | undefined;

  constructor(options: GatewayOptions) {
    const common = {
      slackApiUrl: options.apiUrl,
      logger: libraryLogger(options.logger),
      timeout: options.timeoutMs ?? 10_000,
    };
    this.interactive = new WebClient(options.token, {
      ...common,
      retryConfig: options.interactiveRetry ?? DEFAULT_INTERACTIVE_RETRY,
      rejectRateLimitedCalls: true,
    });
    this.delivery = new WebClient(options.token, {
      ...common,
      retryConfig: options.deliveryRetry ?? DEFAULT_DELIVERY_RETRY,
      rejectRateLimitedCalls: false,
    });
    this.logger = options.logger;
    this.apiUrl = options.apiUrl;
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const failure = toSlackCallError(method, error);
      this.logger.warn(`Slack ${method} failed`, { code: failure.code, kind: failure.kind });
      throw failure;
    }
  }

  async openModal(triggerId: string, view: ModalView): Promise<{ viewId: string }> {
    const result = await this.call('views.open', () =>
      this.interactive.views.open({ trigger_id: triggerId, view: asJson(view) }),
    );
    return { viewId: result.view?.id ?? '' };
  }

  async pushModal(triggerId: string, view: ModalView): Promise<{ viewId: string }> {
    const result = await this.call('views.push', () =>
      this.interactive.views.push({ trigger_id: triggerId, view: asJson(view) }),
    );
    return { viewId: result.view?.id ?? '' };
  }

  async updateModal(viewId: string, view: ModalView): Promise<void> {
    await this.call('views.update', () =>
      this.interactive.views.update({ view_id: viewId, view: asJson(view) }),
    );
  }

  async publishHome(userId: string, view: HomeView): Promise<void> {
    await this.call('views.publish', () =>
      this.interactive.views.publish({ user_id: userId, view: asJson(view) }),
    );
  }

  async postMessage(message: OutgoingMessage): Promise<PostedMessage> {
    const result = await this.call('chat.postMessage', () =>
      this.delivery.chat.postMessage({
        channel: message.channel,
        text: message.text,
        ...(message.blocks ? { blocks: asJson(message.blocks) } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return { channel: result.channel ?? message.channel, ts: result.ts ?? '' };
  }

  async updateMessage(
    channel: string,
    ts: string,
    message: { text: string; blocks?: KnownBlock[] },
  ): Promise<void> {
    await this.call('chat.update', () =>
      this.interactive.chat.update({ channel, ts, text: message.text, blocks: asJson(message.blocks ?? []) }),
    );
  }

  async postEphemeral(
    channel: string,
    userId: string,
    message: { text: string; blocks?: KnownBlock[] },
  ): Promise<void> {
    await this.call('chat.postEphemeral', () =>
      this.interactive.chat.postEphemeral({
        channel,
        user: userId,
        text: message.text,
        ...(message.blocks ? { blocks: asJson(message.blocks) } : {}),
      }),
    );
  }

  async respond(responseUrl: string, reply: EphemeralReply): Promise<void> {
    if (!isTrustedResponseUrl(responseUrl, this.apiUrl)) {
      // Only the host is logged: a response URL is a credential of sorts, and this one may be a trap.
      this.logger.warn('Refused to post to a response_url that is not Slack’s', {
        host: hostOf(responseUrl),
      });
      throw new SlackCallError('response_url', 'untrusted_response_url', 'platform');
    }
    await this.call('response_url', async () => {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: reply.text,
          ...(reply.blocks ? { blocks: reply.blocks } : {}),
          response_type: 'ephemeral',
          ...(reply.replaceOriginal ? { replace_original: true } : {}),
        }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new SlackCallError('response_url', `http_${response.status}`, 'http');
    });
  }

  async userInfo(userId: string): Promise<SlackUser> {
    const result = await this.call('users.info', () => this.delivery.users.info({ user: userId }));
    const user = (result.user ?? {}) as RawUser;
    return {
      id: user.id ?? userId,
      displayName:
        user.profile?.display_name || user.real_name || user.profile?.real_name || user.name || userId,
      timeZone: user.tz ?? null,
      tzOffsetMinutes: typeof user.tz_offset === 'number' ? Math.round(user.tz_offset / 60) : null,
      deleted: user.deleted === true,
      isBot: user.is_bot === true,
    };
  }

  async openGroupConversation(userIds: readonly string[]): Promise<string> {
    const result = await this.call('conversations.open', () =>
      this.delivery.conversations.open({ users: userIds.join(',') }),
    );
    const id = result.channel?.id;
    if (!id) throw new SlackCallError('conversations.open', 'channel_not_found', 'platform');
    return id;
  }

  async joinChannel(channelId: string): Promise<void> {
    await this.call('conversations.join', () => this.delivery.conversations.join({ channel: channelId }));
  }

  async uploadFile(upload: FileUpload): Promise<{ fileId: string }> {
    const common = {
      file: Buffer.from(upload.bytes),
      filename: upload.filename,
      title: upload.title,
      ...(upload.initialComment ? { initial_comment: upload.initialComment } : {}),
    };
    // The SDK's types want the thread variant spelled out separately.
    const result = await this.call('files.uploadV2', () =>
      upload.threadTs
        ? this.delivery.files.uploadV2({
            ...common,
            channel_id: upload.channelId,
            thread_ts: upload.threadTs,
          })
        : this.delivery.files.uploadV2({ ...common, channel_id: upload.channelId }),
    );
    const files = (result as { files?: { files?: { id?: string }[] }[] }).files;
    return { fileId: files?.[0]?.files?.[0]?.id ?? '' };
  }
}
