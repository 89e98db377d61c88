import { formatLocal } from '../domain/time.js';
import type { FakeSlack, JsonObject } from '../simulator/index.js';
import { renderBlocksAsText } from '../simulator/index.js';

export interface TranscriptOptions {
  fake: FakeSlack;
  names: ReadonlyMap<string, string>;
  zones: ReadonlyMap<string, string>;
  channelNames: ReadonlyMap<string, string>;
  now: () => Date;
  write: (text: string) => void;
  /** Lines shown per message before "…"; the final summary is shown in full. */
  maxLines: number;
}

/**
 * Prints, as plain text, what each person and channel received from the bot since the last call: DMs,
 * group DMs, channel posts, modals, ephemeral replies and files — each with the recipient's local time.
 */
export class Transcript {
  private seenCalls = 0;
  private seenEphemerals = 0;

  constructor(private readonly options: TranscriptOptions) {}

  stage(title: string): void {
    this.options.write(`\n━━ ${title} ${'━'.repeat(Math.max(0, 72 - title.length))}\n`);
  }

  note(text: string): void {
    this.options.write(`   ${text}\n`);
  }

  /** Prints everything new. `full` shows every line (for the summary at the end). */
  flush(full = false): void {
    const { fake } = this.options;
    const calls = fake.calls.slice(this.seenCalls);
    this.seenCalls = fake.calls.length;
    for (const call of calls) {
      if (call.status !== 200 || call.response?.ok !== true) continue;
      const p = call.params;
      if (call.method === 'chat.postMessage') {
        const channel = String((call.response?.channel as string | undefined) ?? p.channel);
        this.print(this.audience(channel), p.blocks as JsonObject[] | undefined, String(p.text ?? ''), full);
      } else if (call.method === 'chat.update') {
        this.print(
          `${this.audience(String(p.channel))} (message updated)`,
          p.blocks as JsonObject[] | undefined,
          String(p.text ?? ''),
          full,
        );
      } else if (call.method === 'files.completeUploadExternal') {
        const files = (p.files as JsonObject[] | undefined) ?? [];
        this.print(
          this.audience(String(p.channel_id)),
          [],
          `(file shared: ${files.map((f) => String(f.title ?? f.id)).join(', ')})`,
          false,
        );
      }
    }
    const ephemerals = fake.ephemerals().slice(this.seenEphemerals);
    this.seenEphemerals = fake.ephemerals().length;
    for (const e of ephemerals) {
      this.print(
        `${this.person(e.user)}(only they can see this)`,
        e.blocks as JsonObject[] | undefined,
        e.text ?? '',
        full,
      );
    }
  }

  private person(userId: string): string {
    if (!userId) return '';
    return `${this.options.names.get(userId) ?? userId} `;
  }

  private time(userIds: readonly string[]): string {
    const now = this.options.now();
    const zones = [
      ...new Set(userIds.map((id) => this.options.zones.get(id)).filter((z): z is string => !!z)),
    ];
    if (zones.length === 0) return formatLocal(now, 'UTC');
    return zones
      .map((zone) => `${formatLocal(now, zone)} ${zone.split('/').pop()?.replace('_', ' ')}`)
      .join(' · ');
  }

  private audience(channel: string): string {
    const { fake, names, channelNames } = this.options;
    const conversation = fake.conversation(channel);
    const botId = fake.workspace.botUserId;
    const members = (conversation ? fake.membersOf(channel) : [channel]).filter((id) => id !== botId);
    if (channelNames.has(channel)) return `[${this.time([])}] → #${channelNames.get(channel)}`;
    if (conversation?.is_im || channel.startsWith('U')) {
      const user = conversation?.is_im ? members[0]! : channel;
      return `[${this.time([user])}] → ${names.get(user) ?? user} (DM)`;
    }
    return `[${this.time(members)}] → ${members.map((id) => names.get(id) ?? id).join(' & ')} (group DM)`;
  }

  private print(heading: string, blocks: JsonObject[] | undefined, text: string, full: boolean): void {
    const { names, channelNames, maxLines, write } = this.options;
    const body = renderBlocksAsText(blocks ?? [], text, {
      userName: (id) => names.get(id),
      channelName: (id) => channelNames.get(id),
    })
      .split('\n')
      .filter((line) => line.trim() !== '');
    const shown = full ? body : body.slice(0, maxLines);
    write(`${heading}\n`);
    for (const line of shown) write(`     │ ${line}\n`);
    if (shown.length < body.length) write(`     │ … (${body.length - shown.length} more lines)\n`);
  }
}
