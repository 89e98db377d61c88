/**
 * Public data shapes of the loopback Slack. Wire shapes (SlackUser, SlackMessage, SlackView, …) use Slack's own
 * snake_case field names so they can be compared with what the app reads from the real API.
 */
import type { JsonObject } from './json.js';

export interface WorkspaceInfo {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
}

export interface FakeUserInput {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  /** IANA time zone, e.g. 'Europe/London'; `tz_offset`/`tz_label` are derived from it at request time. */
  tz: string;
  deleted?: boolean;
  isBot?: boolean;
}

export interface FakeChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
  botIsMember?: boolean;
  archived?: boolean;
}

/** `users.info`'s `user` object (the fields apps read). */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  updated: number;
  profile: {
    real_name: string;
    real_name_normalized: string;
    display_name: string;
    display_name_normalized: string;
    email?: string;
    bot_id?: string;
    team: string;
    image_48: string;
  };
}

/** `conversations.info`'s `channel` object (public/private channels, IMs and group DMs). */
export interface SlackConversation {
  id: string;
  created: number;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  is_member: boolean;
  is_org_shared: boolean;
  is_ext_shared: boolean;
  name?: string;
  name_normalized?: string;
  creator?: string;
  user?: string;
  is_user_deleted?: boolean;
  num_members?: number;
  topic?: { value: string; creator: string; last_set: number };
  purpose?: { value: string; creator: string; last_set: number };
}

export interface SlackFileSummary {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  url_private: string;
  permalink: string;
}

/** A message as `conversations.history` would return it. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  subtype?: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  metadata?: JsonObject;
  files?: SlackFileSummary[];
  upload?: boolean;
  edited?: { user: string; ts: string };
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  /** Where it came from: chat.postEphemeral or a response_url POST. */
  via: 'chat.postEphemeral' | 'response_url';
}

/** A view as views.open / views.publish answer it. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: JsonObject };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  /** Declared by files.getUploadURLExternal. */
  declaredLength: number;
  altText?: string;
  /** The bytes POSTed to the upload URL; undefined until the upload happened. */
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  user: string;
  created: number;
}

export interface RecordedCall {
  method: string;
  /** Decoded params; JSON-string fields (blocks, view, files, …) are parsed. The token is not kept. */
  params: JsonObject;
  /** HTTP status answered (0 when the socket was dropped). */
  status: number;
  /** The JSON body answered, or null when the socket was dropped. */
  response: JsonObject | null;
  /** Fake clock, ms. */
  at: number;
}

export interface ResponseUrlContext {
  userId?: string;
  channelId?: string;
  /** The message the interaction came from, so replace_original/delete_original can act on it. */
  messageTs?: string;
  source?: 'command' | 'block_actions' | 'other';
}

export interface RecordedResponse {
  id: string;
  at: number;
  status: number;
  /** The JSON posted (text, blocks, response_type, replace_original, delete_original, …). */
  body: JsonObject;
  /** Set when the fake refused the POST (expired_url, used_url, invalid_blocks, no_text, …). */
  error?: string;
  /** Slack's `[ERROR] … [json-pointer:…]` explanations of an invalid_blocks refusal. */
  messages?: string[];
}

/** What a response_action (or empty ack) to a view_submission did to the user's modal stack. */
export type ViewSubmissionOutcome =
  | { action: 'closed' }
  | { action: 'cleared' }
  | { action: 'errors'; errors: JsonObject }
  | { action: 'updated'; view: SlackView }
  | { action: 'pushed'; view: SlackView }
  | { action: 'refused'; error: string; messages?: string[] };
