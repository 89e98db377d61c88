import { fail, type Handler, ok, param } from './context.js';

/** Slack's limit for a group DM: at most 8 people besides the caller. */
const MAX_MPIM_USERS = 8;

export const conversationsOpen: Handler = ({ state, params }) => {
  const { directory } = state;
  const channelId = param.str(params, 'channel');
  const usersParam = param.str(params, 'users');
  const returnFull = param.bool(params, 'return_im');
  if (channelId !== undefined && usersParam === undefined) {
    // Resuming an existing IM or group DM by id.
    const channel = directory.channel(channelId);
    if (!channel) return fail('channel_not_found');
    if (channel.kind !== 'im' && channel.kind !== 'mpim')
      return fail('method_not_supported_for_channel_type');
    return ok({ channel: returnFull ? directory.conversationObject(channel) : { id: channel.id } });
  }
  if (usersParam === undefined) return fail('users_list_not_supplied');
  const ids = [...new Set(usersParam.split(',').map((s) => s.trim()))].filter(
    (id) => id !== '' && id !== state.workspace.botUserId,
  );
  if (ids.length === 0) return fail('not_enough_users');
  if (ids.length > MAX_MPIM_USERS) return fail('too_many_users');
  for (const id of ids) {
    const user = directory.user(id);
    if (!user) return fail('user_not_found');
    if (user.isBot) return fail('cannot_dm_bot');
    // Documented conversations.open error for a deactivated user (chat.postMessage answers account_inactive).
    if (user.deleted) return fail('user_disabled');
  }
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) {
    const existed = directory.imOf(only) !== undefined;
    const im = directory.ensureIm(only);
    const channel = returnFull ? directory.conversationObject(im) : { id: im.id };
    return existed ? ok({ no_op: true, already_open: true, channel }) : ok({ channel });
  }
  const mpim = directory.ensureMpim(ids);
  return ok({ channel: returnFull ? directory.conversationObject(mpim) : { id: mpim.id } });
};

export const conversationsJoin: Handler = ({ state, params }) => {
  const { directory } = state;
  const channel = directory.channel(param.required(params, 'channel'));
  if (!channel || (channel.kind === 'private' && !directory.botIsMember(channel)))
    return fail('channel_not_found');
  if (channel.kind !== 'public') return fail('method_not_supported_for_channel_type');
  if (channel.archived) return fail('is_archived');
  if (directory.botIsMember(channel)) {
    return ok({
      channel: directory.conversationObject(channel),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    });
  }
  channel.members.add(state.workspace.botUserId);
  return ok({ channel: directory.conversationObject(channel) });
};

export const conversationsInfo: Handler = ({ state, params }) => {
  const { directory } = state;
  const channel = directory.channel(param.required(params, 'channel'));
  // Private conversations the bot is not part of are invisible to it, as on Slack.
  if (!channel || (channel.kind !== 'public' && !directory.botIsMember(channel)))
    return fail('channel_not_found');
  return ok({ channel: directory.conversationObject(channel) });
};
