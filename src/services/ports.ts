import type { HomeView, KnownBlock, ModalView } from '@slack/types';

/** The app's notion of "now". Injected everywhere so ticks and tests control time. */
export type Clock = () => Date;

/** A source of randomness in [0, 1). Injected so behaviour is reproducible. */
export type RandomSource = () => number;

export interface SlackUser {
  id: string;
  displayName: string;
  timeZone: string | null;
  tzOffsetMinutes: number | null;
  deleted: boolean;
  isBot: boolean;
}

export interface OutgoingMessage {
  /** A channel id, or a user id to DM that person without opening the IM first. */
  channel: string;
  /** Always present: Slack uses it for notifications and screen readers. */
  text: string;
  blocks?: KnownBlock[];
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface EphemeralReply {
  text: string;
  blocks?: KnownBlock[];
  /** Replace the message the button was on (response_url only). */
  replaceOriginal?: boolean;
}

export interface FileUpload {
  channelId: string;
  filename: string;
  title: string;
  bytes: Uint8Array;
  initialComment?: string;
  /** Upload as a reply in this message's thread. */
  threadTs?: string;
}

/**
 * Everything the app asks of Slack's Web API. Services depend on this port, never on WebClient, so the rules
 * stay readable and the one implementation (gateway.ts) owns retries and error translation.
 */
export interface SlackPort {
  openModal(triggerId: string, view: ModalView): Promise<{ viewId: string }>;
  pushModal(triggerId: string, view: ModalView): Promise<{ viewId: string }>;
  updateModal(viewId: string, view: ModalView): Promise<void>;
  publishHome(userId: string, view: HomeView): Promise<void>;
  postMessage(message: OutgoingMessage): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, message: Omit<OutgoingMessage, 'channel'>): Promise<void>;
  postEphemeral(channel: string, userId: string, message: Omit<OutgoingMessage, 'channel'>): Promise<void>;
  respond(responseUrl: string, reply: EphemeralReply): Promise<void>;
  userInfo(userId: string): Promise<SlackUser>;
  openGroupConversation(userIds: readonly string[]): Promise<string>;
  joinChannel(channelId: string): Promise<void>;
  uploadFile(upload: FileUpload): Promise<{ fileId: string }>;
}

export type SlackFailureKind = 'platform' | 'rate_limited' | 'http' | 'network';

/** Codes that no retry will fix: the person, channel or permission is gone. */
export const PERMANENT_SLACK_ERRORS = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'channel_not_found',
  'is_archived',
  'cannot_dm_bot',
  'not_in_channel',
  'method_not_supported_for_channel_type',
  'invalid_blocks',
  'invalid_arguments',
  'no_text',
  'msg_too_long',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  // Ours, not Slack's: the message was deleted (retention, or its person deleted their data) before it went.
  'payload_purged',
  // Ours too: the stored message can't be parsed (a hand edit, a torn write). Retrying won't mend it.
  'payload_unreadable',
]);

/** Codes meaning "this person can't be reached any more". */
export const INACTIVE_USER_ERRORS = new Set([
  'account_inactive',
  'user_disabled',
  'user_not_found',
  'users_not_found',
]);

/** A failed Web API call, translated into what the app needs to decide: who to tell, whether to retry. */
export class SlackCallError extends Error {
  override name = 'SlackCallError';
  constructor(
    readonly method: string,
    /** Slack's error code (`channel_not_found`), or `http_500`, `rate_limited`, `network_error`. */
    readonly code: string,
    readonly kind: SlackFailureKind,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Slack ${method} failed: ${code}`);
  }

  get permanent(): boolean {
    return this.kind === 'platform' && PERMANENT_SLACK_ERRORS.has(this.code);
  }
}
