import { type BlockAction, blockAction } from '../../payloads.js';
import type { ListenerDeps } from '../deps.js';

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

/** Validates a block_actions payload with zod; logs and returns null when it isn't one we can trust. */
export function parseAction(deps: ListenerDeps, body: unknown): ParsedAction | null {
  const parsed = blockAction.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn('Ignoring a malformed block_actions payload', parsed.error.issues);
    return null;
  }
  const action = parsed.data.actions[0]!;
  const value = action.value ?? action.selected_option?.value ?? action.selected_user ?? '';
  const asNumber = Number(value.split(':')[0]);
  return {
    payload: parsed.data,
    userId: parsed.data.user.id,
    value,
    id: value !== '' && Number.isInteger(asNumber) ? asNumber : null,
    triggerId: parsed.data.trigger_id,
    responseUrl: parsed.data.response_url,
    viewId: parsed.data.view?.id,
  };
}
