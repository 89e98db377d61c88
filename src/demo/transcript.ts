import { formatLocal } from '../domain/time.js';
import { zoneLabel } from '../domain/windows.js';
import type { EphemeralMessage, FakeSlack, JsonObject, RecordedCall } from '../simulator/index.js';
import { renderBlocksAsText } from '../simulator/index.js';

export interface TranscriptOptions {
  fake: FakeSlack;
  names: ReadonlyMap<string, string>;
  zones: ReadonlyMap<string, string>;
  channelNames: ReadonlyMap<string, string>;
  /** Program owners: what reaches them is a note to the program, not a message to a participant. */
  owners: ReadonlySet<string>;
  now: () => Date;
  write: (text: string) => void;
  /** Lines shown per message before "…"; null shows every line (`--full`). Channel posts and views are whole. */
  maxLines: number | null;
  /** The kind of outbox message Slack stored at (channel, ts), when the scheduler sent it. */
  kindOf: (channel: string, ts: string) => string | null;
}

/** One message as it reached Slack, for `deliveries.jsonl`: when (UTC), to whom (with their zones), what. */
export interface DeliveryRecord {
  at: string;
  method: 'chat.postMessage' | 'files.completeUploadExternal';
  /** The outbox kind (intro, prompt, checkin, …) when the scheduler sent it; null for a direct answer. */
  kind: string | null;
  channel: string;
  conversation: 'im' | 'mpim' | 'channel';
  to: { id: string; name: string; tz: string | null; owner: boolean }[];
  /** The line the transcript printed above it. */
  heading: string;
}

/**
 * Prints, as plain text, what each person and channel received from the bot since the last call: DMs,
 * group DMs, channel posts, ephemeral replies and files — each with the recipient's local time — and keeps a
 * record of every message posted, for `deliveries.jsonl`.
 */
export class Transcript {
  readonly deliveries: DeliveryRecord[] = [];
  private seenCalls = 0;
  private seenEphemerals = 0;
  private readonly live: {
    calls: () => readonly RecordedCall[];
    ephemerals: () => readonly EphemeralMessage[];
  };

  constructor(private readonly options: TranscriptOptions) {
    this.live = liveRecords(options.fake);
  }

  stage(title: string): void {
    this.options.write(`\n━━ ${title} ${'━'.repeat(Math.max(0, 72 - title.length))}\n`);
  }

  note(text: string): void {
    this.options.write(`   ${text}\n`);
  }

  /** Something a person does, at their local time: "[Fri 11 Dec, 15:00 Kolkata] Hiro: /reverse-mentor pause 1w". */
  act(userId: string, text: string): void {
    this.options.write(`[${this.time([userId])}] ${this.options.names.get(userId) ?? userId} ${text}\n`);
  }

  /** A form or tab as the person sees it, whole. */
  view(title: string, blocks: readonly unknown[]): void {
    const { names, channelNames, write } = this.options;
    const text = renderBlocksAsText(blocks as JsonObject[], undefined, {
      userName: (id) => names.get(id),
      channelName: (id) => channelNames.get(id),
    });
    let out = `${title}\n`;
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) out += `     │ ${line}\n`;
    write(out);
  }

  /**
   * What the app answered through a click's response_url, which Slack shows in place of the clicked message
   * (a fit check that now reads "Thanks") or as a new message; ephemeral answers are printed by `flush`.
   */
  responded(channel: string, bodies: readonly JsonObject[]): void {
    for (const body of bodies) {
      if (body.response_type === 'ephemeral' && body.replace_original !== true) continue;
      const heading = this.audience(channel);
      if (body.delete_original === true) {
        this.print(`${heading.text} (message removed)`, [], '', false);
      } else if (body.replace_original === true) {
        this.print(
          `${heading.text} (message updated)`,
          body.blocks as JsonObject[] | undefined,
          String(body.text ?? ''),
          false,
        );
      } else {
        this.record('chat.postMessage', channel, null, heading);
        this.print(
          heading.text,
          body.blocks as JsonObject[] | undefined,
          String(body.text ?? ''),
          heading.whole,
        );
      }
    }
  }

  /** Prints everything new. Returns how many messages it printed. */
  flush(): number {
    const calls = this.live.calls();
    const fresh = calls.slice(this.seenCalls);
    this.seenCalls = calls.length;
    let printed = 0;
    for (const call of fresh) {
      if (call.status !== 200 || call.response?.ok !== true) continue;
      const p = call.params;
      if (call.method === 'chat.postMessage') {
        const channel = String((call.response?.channel as string | undefined) ?? p.channel);
        const ts = String(call.response?.ts ?? '');
        const heading = this.audience(channel);
        this.record('chat.postMessage', channel, this.options.kindOf(channel, ts), heading);
        this.print(heading.text, p.blocks as JsonObject[] | undefined, String(p.text ?? ''), heading.whole);
        printed += 1;
      } else if (call.method === 'chat.update') {
        const heading = this.audience(String(p.channel));
        this.print(
          `${heading.text} (message updated)`,
          p.blocks as JsonObject[] | undefined,
          String(p.text ?? ''),
          false,
        );
        printed += 1;
      } else if (call.method === 'files.completeUploadExternal') {
        const channel = String(p.channel_id);
        const files = (p.files as JsonObject[] | undefined) ?? [];
        const heading = this.audience(channel);
        this.record('files.completeUploadExternal', channel, null, heading);
        this.print(
          heading.text,
          [],
          `(file shared: ${files.map((f) => String(f.title ?? f.id)).join(', ')})`,
          true,
        );
        printed += 1;
      }
    }
    const ephemerals = this.live.ephemerals();
    const newEphemerals = ephemerals.slice(this.seenEphemerals);
    this.seenEphemerals = ephemerals.length;
    for (const e of newEphemerals) {
      this.print(
        `${this.options.names.get(e.user) ?? e.user} (only they can see this)`,
        e.blocks,
        e.text ?? '',
        false,
      );
      printed += 1;
    }
    return printed;
  }

  private record(
    method: DeliveryRecord['method'],
    channel: string,
    kind: string | null,
    heading: { text: string; members: string[]; conversation: DeliveryRecord['conversation'] },
  ): void {
    const { names, zones, owners } = this.options;
    this.deliveries.push({
      at: this.options.now().toISOString(),
      method,
      kind,
      channel,
      conversation: heading.conversation,
      to: heading.members.map((id) => ({
        id,
        name: names.get(id) ?? id,
        tz: zones.get(id) ?? null,
        owner: owners.has(id),
      })),
      heading: heading.text,
    });
  }

  private time(userIds: readonly string[]): string {
    const now = this.options.now();
    const zones = [
      ...new Set(userIds.map((id) => this.options.zones.get(id)).filter((z): z is string => !!z)),
    ];
    if (zones.length === 0) return `${formatLocal(now, 'UTC')} UTC`;
    return zones
      .map((zone) => `${formatLocal(now, zone)} ${zoneLabel({ timeZone: zone, offsetMinutes: 0 })}`)
      .join(' · ');
  }

  private audience(channel: string): {
    text: string;
    members: string[];
    conversation: DeliveryRecord['conversation'];
    whole: boolean;
  } {
    const { fake, names, channelNames } = this.options;
    const conversation = fake.conversation(channel);
    const botId = fake.workspace.botUserId;
    if (channelNames.has(channel) || (conversation && !conversation.is_im && !conversation.is_mpim)) {
      const name = channelNames.get(channel) ?? conversation?.name ?? channel;
      return { text: `[${this.time([])}] → #${name}`, members: [], conversation: 'channel', whole: true };
    }
    if (conversation?.is_im || channel.startsWith('U')) {
      const user = conversation?.is_im
        ? (fake.membersOf(channel).find((id) => id !== botId) ?? channel)
        : channel;
      return {
        text: `[${this.time([user])}] → ${names.get(user) ?? user} (DM)`,
        members: [user],
        conversation: 'im',
        whole: false,
      };
    }
    const members = fake.membersOf(channel).filter((id) => id !== botId);
    return {
      text: `[${this.time(members)}] → ${members.map((id) => names.get(id) ?? id).join(' & ')} (group DM)`,
      members,
      conversation: 'mpim',
      whole: false,
    };
  }

  private print(heading: string, blocks: readonly unknown[] | undefined, text: string, whole: boolean): void {
    const { names, channelNames, maxLines, write } = this.options;
    const body = renderBlocksAsText((blocks ?? []) as JsonObject[], text, {
      userName: (id) => names.get(id),
      channelName: (id) => channelNames.get(id),
    })
      .split('\n')
      .filter((line) => line.trim() !== '');
    const shown = whole || maxLines === null ? body : body.slice(0, maxLines);
    let out = `${heading}\n`;
    for (const line of shown) out += `     │ ${line}\n`;
    if (shown.length < body.length)
      out += `     │ … (${body.length - shown.length} more lines; --full shows them)\n`;
    write(out);
  }
}

/**
 * The loopback Slack's own records, read in place. `fake.calls` and `fake.ephemerals()` hand out deep copies of
 * everything so far — right for a test, but a 200-person demo reads them after every step, and copying the
 * whole history each time made it quadratic. Only the new tail is read here, and never changed. Falls back to
 * the copying accessors if the simulator's internals ever move.
 */
function liveRecords(fake: FakeSlack): {
  calls: () => readonly RecordedCall[];
  ephemerals: () => readonly EphemeralMessage[];
} {
  const inner = fake as unknown as {
    recorded?: RecordedCall[];
    state?: { messages?: { ephemerals?: () => EphemeralMessage[] } };
  };
  return {
    calls: () => (Array.isArray(inner.recorded) ? inner.recorded : fake.calls),
    ephemerals: () => {
      const live = inner.state?.messages?.ephemerals?.();
      return Array.isArray(live) ? live : fake.ephemerals();
    },
  };
}
