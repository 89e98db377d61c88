import { type BlockAction, blockAction, slackUserId } from '../../payloads.js';
import { simpleMessage } from '../../views/messages.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';

export interface ParsedAction {
  payload: BlockAction;
  userId: string;
  value: string;
  /** The button's value as a cohort or pair id, when it is one. */
  id: number | null;
  triggerId: string | undefined;
  responseUrl: string | undefined;
  /** Set when the button sits in a modal or the Home tab. */
  viewId: string | undefined;
}

/** What a listener needs from a click to act on it at all. */
export interface ActionNeeds {
  /** A cohort or pair id in the button's value. */
  id?: boolean;
  /** A trigger_id, to open a modal. */
  triggerId?: boolean;
  /** The view the button sits in, to update it. */
  viewId?: boolean;
}

type Parsed<N extends ActionNeeds> = ParsedAction &
  (N['id'] extends true ? { id: number } : unknown) &
  (N['triggerId'] extends true ? { triggerId: string } : unknown) &
  (N['viewId'] extends true ? { viewId: string } : unknown);

export const UNREADABLE_CLICK =
  "Sorry — I couldn't make sense of that click, so nothing was changed. Please use the newest message, or my Home tab.";

/**
 * Validates a block_actions payload with zod, and that it carries what the listener needs. When it doesn't,
 * nothing is changed, the problem is logged (without the payload's contents), and the person — when the
 * payload names one — is told in plain words, in the background.
 */
export function parseAction<N extends ActionNeeds = Record<never, never>>(
  deps: ListenerDeps,
  body: unknown,
  needs?: N,
): Parsed<N> | null {
  const parsed = blockAction.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn('Ignoring a malformed block_actions payload', {
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5),
    });
    tellUnreadable(deps, body);
    return null;
  }
  const action = parsed.data.actions[0]!;
  const value = action.value ?? action.selected_option?.value ?? action.selected_user ?? '';
  const asNumber = Number(value.split(':')[0]);
  const result: ParsedAction = {
    payload: parsed.data,
    userId: parsed.data.user.id,
    value,
    id: /^\d{1,15}(:|$)/.test(value) && Number.isSafeInteger(asNumber) ? asNumber : null,
    triggerId: parsed.data.trigger_id,
    responseUrl: parsed.data.response_url,
    viewId: parsed.data.view?.id,
  };
  const missing =
    (needs?.id && result.id === null) ||
    (needs?.triggerId && !result.triggerId) ||
    (needs?.viewId && !result.viewId);
  if (missing) {
    deps.logger.warn('Ignoring a click without what its button carries', {
      actionId: action.action_id,
      userId: result.userId,
    });
    tellUnreadable(deps, body, result.responseUrl);
    return null;
  }
  return result as Parsed<N>;
}

/** Tells whoever the payload names that their click (or command) could not be read. Never throws. */
export function tellUnreadable(
  deps: ListenerDeps,
  body: unknown,
  responseUrl?: string,
  message: string = UNREADABLE_CLICK,
): void {
  const userId = slackUserId.safeParse((body as { user?: { id?: unknown } } | null)?.user?.id);
  if (!userId.success) return;
  deps.background.run('explain an unreadable request', () =>
    reply(deps, { userId: userId.data, responseUrl }, simpleMessage(message)),
  );
}
