import { SlackCallError } from '../../services/ports.js';
import type { Message } from '../views/messages.js';
import { apologyMessage } from '../views/messages.js';
import type { ListenerDeps } from './deps.js';

export interface Audience {
  userId: string;
  /** When present the apology is ephemeral in the conversation the person used; otherwise it's a DM. */
  responseUrl?: string | undefined;
}

/**
 * Sends a reply to the person where they are: ephemeral when we can, otherwise a DM — also when the
 * response_url is refused (expired, used up, or not Slack's). Never throws.
 */
export async function reply(
  deps: ListenerDeps,
  audience: Audience,
  message: Message,
  replaceOriginal = false,
) {
  if (audience.responseUrl) {
    try {
      await deps.slack.respond(audience.responseUrl, { ...message, replaceOriginal });
      return;
    } catch (error) {
      deps.logger.warn('Replying through the response_url failed; sending a DM instead', {
        userId: audience.userId,
        code: codeOf(error),
      });
    }
  }
  try {
    await deps.slack.postMessage({ channel: audience.userId, ...message });
  } catch (error) {
    deps.logger.error('Could not reply to the person', { userId: audience.userId, code: codeOf(error) });
  }
}

export function codeOf(error: unknown): string {
  if (error instanceof SlackCallError) return error.code;
  return error instanceof Error ? error.name : 'unknown_error';
}

/**
 * The one way listeners report a failure: logged with Slack's error code, and explained to the person in
 * plain words with what to try. The process keeps serving.
 */
export async function reportFailure(
  deps: ListenerDeps,
  audience: Audience,
  failure: { whatFailed: string; tryThis: string },
  error: unknown,
): Promise<void> {
  const code = codeOf(error);
  deps.logger.error(
    `Failed: ${failure.whatFailed}`,
    { userId: audience.userId, code },
    error instanceof SlackCallError ? '' : error,
  );
  await reply(deps, audience, apologyMessage(failure.whatFailed, failure.tryThis, code));
}
