import { type OutgoingMessage, type PostedMessage, SlackCallError, type SlackPort } from './ports.js';

/**
 * Posts to a channel, joining it first when it is public and the bot isn't a member yet. A private channel
 * fails with `not_in_channel` (the bot can't invite itself), and callers explain how to invite it.
 */
export async function postToChannel(slack: SlackPort, message: OutgoingMessage): Promise<PostedMessage> {
  try {
    return await slack.postMessage(message);
  } catch (error) {
    if (!(error instanceof SlackCallError) || error.code !== 'not_in_channel') throw error;
    try {
      await slack.joinChannel(message.channel);
    } catch (joinError) {
      // Private channels answer method_not_supported_for_channel_type: the useful fact is "not in channel".
      if (joinError instanceof SlackCallError && joinError.kind === 'platform') throw error;
      throw joinError;
    }
    return slack.postMessage(message);
  }
}

/** Plain instructions for an owner when the bot can't post to a channel. */
export function channelProblemAdvice(channelId: string, code: string): string {
  switch (code) {
    case 'not_in_channel':
      return `I'm not a member of <#${channelId}> and can't join it myself (it's private). Type \`/invite @Reverse Mentor\` in that channel, then try again.`;
    case 'is_archived':
      return `<#${channelId}> is archived. Choose another channel, or unarchive it.`;
    case 'channel_not_found':
      return `I can't find <#${channelId}>: it may have been deleted, or it's private and I'm not in it. Invite me with \`/invite @Reverse Mentor\`.`;
    default:
      return `Slack refused to post in <#${channelId}> (${code}).`;
  }
}
