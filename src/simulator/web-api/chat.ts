import { validateMessage } from '../block-kit/limits.js';
import { withGeneratedIds } from '../block-kit/normalize.js';
import type { JsonObject } from '../json.js';
import { type ApiBody, fail, type Handler, ok, param } from './context.js';
import { resolvePostTarget } from './resolve.js';

type Content = { refusal: ApiBody } | { text: string; blocks: JsonObject[] | undefined };

/** Reads and validates `text` + `blocks`: a refusal, or the values to store. */
function content(params: JsonObject): Content {
  const text = params.text;
  const blocks = param.json(params, 'blocks');
  const refusal = validateMessage(text, blocks);
  if (refusal) return { refusal: fail(refusal.error, refusal.messages) };
  return {
    text: typeof text === 'string' ? text : '',
    blocks: Array.isArray(blocks) ? withGeneratedIds(blocks) : undefined,
  };
}

export const chatPostMessage: Handler = ({ state, params }) => {
  const target = resolvePostTarget(state, param.required(params, 'channel'));
  if (!target.ok) return target.body;
  const c = content(params);
  if ('refusal' in c) return c.refusal;
  const metadata = param.object(params, 'metadata');
  const message = state.messages.post(target.channel.id, {
    text: c.text,
    blocks: c.blocks,
    threadTs: param.str(params, 'thread_ts'),
    replyBroadcast: param.bool(params, 'reply_broadcast'),
    metadata,
  });
  return ok({ channel: target.channel.id, ts: message.ts, message });
};

export const chatUpdate: Handler = ({ state, params }) => {
  const channelId = param.required(params, 'channel');
  const ts = param.required(params, 'ts');
  const channel = state.directory.channel(channelId);
  if (!channel) return fail('channel_not_found');
  const message = state.messages.find(channel.id, ts);
  if (!message) return fail('message_not_found');
  if (message.bot_id !== state.workspace.botId) return fail('cant_update_message');
  const c = content(params);
  if ('refusal' in c) return c.refusal;
  state.messages.update(message, c.text, c.blocks);
  return ok({ channel: channel.id, ts, text: message.text, message });
};

export const chatDelete: Handler = ({ state, params }) => {
  const channelId = param.required(params, 'channel');
  const ts = param.required(params, 'ts');
  const channel = state.directory.channel(channelId);
  if (!channel) return fail('channel_not_found');
  const message = state.messages.find(channel.id, ts);
  if (!message) return fail('message_not_found');
  if (message.bot_id !== state.workspace.botId) return fail('cant_delete_message');
  state.messages.delete(channel.id, ts);
  return ok({ channel: channel.id, ts });
};

export const chatPostEphemeral: Handler = ({ state, params }) => {
  const target = resolvePostTarget(state, param.required(params, 'channel'));
  if (!target.ok) return target.body;
  const userId = param.required(params, 'user');
  const user = state.directory.user(userId);
  if (!user) return fail('user_not_found');
  if (!target.channel.members.has(userId)) return fail('user_not_in_channel');
  const c = content(params);
  if ('refusal' in c) return c.refusal;
  const message = state.messages.postEphemeral({
    channel: target.channel.id,
    user: userId,
    text: c.text,
    ...(c.blocks ? { blocks: c.blocks } : {}),
    via: 'chat.postEphemeral',
  });
  return ok({ message_ts: message.ts });
};
