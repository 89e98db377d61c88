import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';

export const UNREADABLE_FORM =
  "Sorry — I couldn't read this form, so nothing was saved. Please close it and open it again.";

/** A Slack user id as Slack writes them; anything else in a payload is nobody we can answer. */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** The block ids of the input blocks in a submitted view, read defensively from an untrusted body. */
function inputBlockIds(body: unknown): string[] {
  const blocks = (body as { view?: { blocks?: unknown } } | null)?.view?.blocks;
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const block = b as { type?: unknown; block_id?: unknown } | null;
    return block?.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : [];
  });
}

/**
 * Answers a view submission we can't use (malformed, or naming something that isn't there) without saving
 * anything: a field error on the form's first input, so the person sees it where they are; a form without
 * inputs is closed and the person told by DM.
 */
export async function refuseForm(
  deps: ListenerDeps,
  ack: SlackViewMiddlewareArgs['ack'],
  body: unknown,
  message: string = UNREADABLE_FORM,
): Promise<void> {
  const [first] = inputBlockIds(body);
  if (first) {
    await ack({ response_action: 'errors', errors: { [first]: message } });
    return;
  }
  await ack();
  const userId = (body as { user?: { id?: unknown } } | null)?.user?.id;
  if (typeof userId === 'string' && USER_ID.test(userId)) {
    deps.background.run('explain an unreadable form', () => reply(deps, { userId }, simpleMessage(message)));
  }
}
