import type { TsClock } from '../ids.js';
import type { JsonObject } from '../json.js';
import type { EphemeralMessage, SlackFileSummary, SlackMessage, WorkspaceInfo } from '../types.js';

export interface NewMessage {
  text: string;
  blocks?: JsonObject[];
  threadTs?: string;
  replyBroadcast?: boolean;
  metadata?: JsonObject;
  files?: SlackFileSummary[];
  /** A human's message (tests simulating a user); otherwise the bot posts. */
  fromUser?: string;
}

/** Messages per conversation, in posting order, plus ephemeral messages (which Slack never stores in history). */
export class MessageStore {
  private readonly byChannel = new Map<string, SlackMessage[]>();
  private readonly ephemeral: EphemeralMessage[] = [];

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly ts: TsClock,
  ) {}

  post(channel: string, input: NewMessage): SlackMessage {
    const message: SlackMessage = {
      type: 'message',
      ts: this.ts.next(),
      text: input.text,
      team: this.workspace.teamId,
    };
    if (input.fromUser) {
      message.user = input.fromUser;
    } else {
      message.user = this.workspace.botUserId;
      message.bot_id = this.workspace.botId;
      message.app_id = this.workspace.appId;
    }
    if (input.blocks) message.blocks = input.blocks;
    if (input.threadTs) message.thread_ts = input.threadTs;
    if (input.replyBroadcast) message.reply_broadcast = true;
    if (input.metadata) message.metadata = input.metadata;
    if (input.files) {
      message.files = input.files;
      message.upload = true;
    }
    const list = this.byChannel.get(channel) ?? [];
    list.push(message);
    this.byChannel.set(channel, list);
    return message;
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    return this.byChannel.get(channel)?.find((m) => m.ts === ts);
  }

  /** Replaces text/blocks as chat.update does: omitted blocks are kept, `[]` removes them. */
  update(message: SlackMessage, text: string, blocks: JsonObject[] | undefined): void {
    message.text = text;
    if (blocks) message.blocks = blocks;
    message.edited = { user: this.workspace.botUserId, ts: this.ts.next() };
  }

  delete(channel: string, ts: string): boolean {
    const list = this.byChannel.get(channel);
    const index = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  list(channel: string): SlackMessage[] {
    return this.byChannel.get(channel) ?? [];
  }

  postEphemeral(input: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const message: EphemeralMessage = { ...input, ts: this.ts.next() };
    this.ephemeral.push(message);
    return message;
  }

  ephemerals(): EphemeralMessage[] {
    return this.ephemeral;
  }

  clear(): void {
    this.byChannel.clear();
    this.ephemeral.length = 0;
  }
}
