import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { slackUserId } from '../../payloads.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';

export const UNREADABLE_FORM =
  "Sorry — I couldn't read this form, so nothing was saved. Please close it and open it again.";

/** The block ids of the input blocks in a submitted view, read defensively from an untrusted body. */
function inputBlockIds(body: unknown): string[] {
  const blocks = (body as { view?: { blocks?: unknown } } | null)?.view?.blocks;
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const block = b as { type?: unknown; block_id?: unknown } | null;
    return block?.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : [];
  });
}

/** Slack shows a field error under its input; a long one is cut rather than refused. */
const ERROR_MAX = 1_900;

/**
 * Answers a submission with field errors the person will see: each on its input, when the submitted view has
 * that input; otherwise (a forged or stale view with other inputs) the first message goes on the view's first
 * input, so the answer is never an error Slack would refuse to show. Nothing is saved either way.
 */
export async function answerErrors(
  deps: ListenerDeps,
  ack: SlackViewMiddlewareArgs['ack'],
  body: unknown,
  errors: Readonly<Record<string, string>>,
): Promise<void> {
  const inputs = new Set(inputBlockIds(body));
  const shown = Object.entries(errors).filter(([blockId]) => inputs.has(blockId));
  if (shown.length === 0) return refuseForm(deps, ack, body, Object.values(errors)[0] ?? UNREADABLE_FORM);
  await ack({
    response_action: 'errors',
    errors: Object.fromEntries(shown.map(([blockId, message]) => [blockId, message.slice(0, ERROR_MAX)])),
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
    await ack({ response_action: 'errors', errors: { [first]: message.slice(0, ERROR_MAX) } });
    return;
  }
  await ack();
  const userId = slackUserId.safeParse((body as { user?: { id?: unknown } } | null)?.user?.id);
  if (userId.success) {
    deps.background.run('explain an unreadable form', () =>
      reply(deps, { userId: userId.data }, simpleMessage(message)),
    );
  }
}
