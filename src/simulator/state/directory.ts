import type { IdFactory } from '../ids.js';
import { assertTimeZone, timeZoneInfo } from '../timezones.js';
import type {
  FakeChannelInput,
  FakeUserInput,
  SlackConversation,
  SlackUser,
  WorkspaceInfo,
} from '../types.js';

export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  email?: string;
  tz: string;
  deleted: boolean;
  isBot: boolean;
  botId?: string;
  updated: number;
}

export type ChannelKind = 'public' | 'private' | 'im' | 'mpim';

export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  /** Member user ids, the bot included when it is in the conversation. */
  members: Set<string>;
  archived: boolean;
  created: number;
  creator: string;
  /** For an IM: the other user. */
  imUser?: string;
}

/** Users and conversations of the one fake workspace. */
export class Directory {
  private readonly users = new Map<string, UserRecord>();
  private readonly channels = new Map<string, ChannelRecord>();

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {
    this.users.set(workspace.botUserId, {
      id: workspace.botUserId,
      name: workspace.botName,
      realName: workspace.botName,
      displayName: workspace.botName,
      tz: 'America/Los_Angeles',
      deleted: false,
      isBot: true,
      botId: workspace.botId,
      updated: this.seconds(),
    });
  }

  addUser(input: FakeUserInput): void {
    if (!/^[UW][A-Z0-9]+$/.test(input.id)) throw new Error(`user id must look like U123ABC: ${input.id}`);
    assertTimeZone(input.tz);
    this.users.set(input.id, {
      id: input.id,
      name: input.name,
      realName: input.realName ?? input.name,
      displayName: input.displayName ?? input.name,
      email: input.email,
      tz: input.tz,
      deleted: input.deleted ?? false,
      isBot: input.isBot ?? false,
      updated: this.seconds(),
    });
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  allUsers(): UserRecord[] {
    return [...this.users.values()];
  }

  setDeleted(id: string, deleted: boolean): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`no such user ${id}`);
    user.deleted = deleted;
    user.updated = this.seconds();
  }

  addChannel(input: FakeChannelInput): ChannelRecord {
    const kind: ChannelKind = input.isPrivate ? 'private' : 'public';
    const id = input.id ?? this.ids.next(input.isPrivate ? 'G' : 'C');
    if (this.channels.has(id)) throw new Error(`channel ${id} already exists`);
    const members = new Set(input.members ?? []);
    if (input.botIsMember) members.add(this.workspace.botUserId);
    const record: ChannelRecord = {
      id,
      name: input.name.replace(/^#/, ''),
      kind,
      members,
      archived: input.archived ?? false,
      created: this.seconds(),
      creator: input.members?.[0] ?? this.workspace.botUserId,
    };
    this.channels.set(id, record);
    return record;
  }

  channel(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  channelByName(name: string): ChannelRecord | undefined {
    const bare = name.replace(/^#/, '');
    for (const c of this.channels.values())
      if ((c.kind === 'public' || c.kind === 'private') && c.name === bare) return c;
    return undefined;
  }

  imOf(userId: string): ChannelRecord | undefined {
    for (const c of this.channels.values()) if (c.kind === 'im' && c.imUser === userId) return c;
    return undefined;
  }

  ensureIm(userId: string): ChannelRecord {
    const existing = this.imOf(userId);
    if (existing) return existing;
    const record: ChannelRecord = {
      id: this.ids.next('D'),
      name: userId,
      kind: 'im',
      members: new Set([userId, this.workspace.botUserId]),
      archived: false,
      created: this.seconds(),
      creator: this.workspace.botUserId,
      imUser: userId,
    };
    this.channels.set(record.id, record);
    return record;
  }

  /** The group DM whose members are exactly these users plus the bot. */
  mpimWith(userIds: readonly string[]): ChannelRecord | undefined {
    const wanted = new Set([...userIds, this.workspace.botUserId]);
    for (const c of this.channels.values()) {
      if (c.kind === 'mpim' && c.members.size === wanted.size && [...wanted].every((u) => c.members.has(u)))
        return c;
    }
    return undefined;
  }

  ensureMpim(userIds: readonly string[]): ChannelRecord {
    const existing = this.mpimWith(userIds);
    if (existing) return existing;
    const members = [this.workspace.botUserId, ...userIds];
    const names = members.map((id) => this.users.get(id)?.name ?? id.toLowerCase());
    const record: ChannelRecord = {
      id: this.ids.next('G'),
      // Slack's own naming: mpdm-<name>--<name>--…-1
      name: `mpdm-${names.join('--')}-1`,
      kind: 'mpim',
      members: new Set(members),
      archived: false,
      created: this.seconds(),
      creator: this.workspace.botUserId,
    };
    this.channels.set(record.id, record);
    return record;
  }

  botIsMember(channel: ChannelRecord): boolean {
    return channel.members.has(this.workspace.botUserId);
  }

  userObject(user: UserRecord): SlackUser {
    const { tz_offset, tz_label } = timeZoneInfo(user.tz, this.now());
    const profile: SlackUser['profile'] = {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.displayName,
      display_name_normalized: user.displayName,
      team: this.workspace.teamId,
      image_48: `https://avatars.example.invalid/${user.id}_48.png`,
    };
    if (user.email !== undefined) profile.email = user.email;
    if (user.botId !== undefined) profile.bot_id = user.botId;
    return {
      id: user.id,
      team_id: this.workspace.teamId,
      name: user.name,
      deleted: user.deleted,
      real_name: user.realName,
      tz: user.tz,
      tz_label,
      tz_offset,
      is_bot: user.isBot,
      is_app_user: false,
      is_admin: false,
      is_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      updated: user.updated,
      profile,
    };
  }

  conversationObject(c: ChannelRecord): SlackConversation {
    const base: SlackConversation = {
      id: c.id,
      created: c.created,
      is_channel: c.kind === 'public',
      is_group: c.kind === 'private',
      is_im: c.kind === 'im',
      is_mpim: c.kind === 'mpim',
      is_private: c.kind !== 'public',
      is_archived: c.archived,
      is_general: false,
      is_member: this.botIsMember(c),
      is_org_shared: false,
      is_ext_shared: false,
    };
    if (c.kind === 'im') {
      return { ...base, user: c.imUser, is_user_deleted: this.users.get(c.imUser ?? '')?.deleted ?? false };
    }
    const text = { value: '', creator: '', last_set: 0 };
    return {
      ...base,
      name: c.name,
      name_normalized: c.name,
      creator: c.creator,
      num_members: c.members.size,
      topic: text,
      purpose: { ...text },
    };
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
