import type { ChannelRecord } from '../state/directory.js';
import type { SimState } from '../state/index.js';
import { type ApiBody, fail } from './context.js';

export type Resolved = { ok: true; channel: ChannelRecord } | { ok: false; body: ApiBody };

/**
 * Where a message to `target` lands, with Slack's refusals:
 * - a user id (U…/W…) means that user's DM with the bot, created on demand (no conversations.open needed);
 * - unknown ids → channel_not_found; archived → is_archived; a channel the bot is not in → not_in_channel
 *   (we model an app without `chat:write.public`);
 * - a bot user → cannot_dm_bot;
 * - a deactivated user, or a DM/group DM with one → account_inactive. Slack's wording for this case varies by
 *   surface; the app treats account_inactive as permanent, which is the behaviour we want to exercise.
 */
export function resolvePostTarget(state: SimState, target: string): Resolved {
  const { directory } = state;
  if (/^[UW][A-Z0-9]+$/.test(target)) {
    const user = directory.user(target);
    if (!user) return { ok: false, body: fail('channel_not_found') };
    if (user.isBot) return { ok: false, body: fail('cannot_dm_bot') };
    if (user.deleted) return { ok: false, body: fail('account_inactive') };
    return { ok: true, channel: directory.ensureIm(user.id) };
  }
  const channel = target.startsWith('#') ? directory.channelByName(target) : directory.channel(target);
  if (!channel) return { ok: false, body: fail('channel_not_found') };
  if (channel.kind === 'private' && !directory.botIsMember(channel)) {
    // Slack does not reveal private channels the bot cannot see.
    return { ok: false, body: fail('channel_not_found') };
  }
  if (channel.archived) return { ok: false, body: fail('is_archived') };
  if (!directory.botIsMember(channel)) return { ok: false, body: fail('not_in_channel') };
  if (channel.kind === 'im' || channel.kind === 'mpim') {
    const people = [...channel.members].flatMap((id) => directory.user(id) ?? []);
    if (people.some((u) => u.deleted)) return { ok: false, body: fail('account_inactive') };
  }
  return { ok: true, channel };
}
