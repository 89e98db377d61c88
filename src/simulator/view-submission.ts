import { validateView } from './block-kit/limits.js';
import { isJsonObject } from './json.js';
import type { SimState } from './state/index.js';
import type { ViewSubmissionOutcome } from './types.js';

/**
 * What Slack does with the app's answer to a view_submission:
 * - empty body → the submitted view closes (with anything pushed above it);
 * - `{response_action:'errors', errors}` → the modal stays, messages (non-empty strings) shown under the named input
 *   blocks;
 * - `'update'` → the submitted view is replaced in place (same id, new hash); `'push'` → a view is stacked on top
 *   (both validated as modal views, Block Kit schema included);
 * - `'clear'` → the whole modal closes.
 * Anything Slack would reject (an errors key that is not an input block, an invalid view, a 4th stacked view)
 * comes back as `refused`, so a test sees the bug instead of a silently stuck modal.
 */
export function applyViewSubmission(
  state: SimState,
  userId: string,
  viewId: string,
  response: unknown,
): ViewSubmissionOutcome {
  const { views } = state;
  const record = views.get(viewId);
  if (!record || !views.stack(userId).some((v) => v.id === viewId)) {
    return { action: 'refused', error: 'not_found', messages: [`view ${viewId} is not open for ${userId}`] };
  }
  if (response === undefined || response === null || response === '') {
    views.close(userId, viewId);
    return { action: 'closed' };
  }
  if (!isJsonObject(response)) {
    return {
      action: 'refused',
      error: 'invalid_response',
      messages: ['a view_submission answer must be JSON'],
    };
  }
  switch (response.response_action) {
    case 'errors': {
      const errors = response.errors;
      if (!isJsonObject(errors))
        return { action: 'refused', error: 'invalid_arguments', messages: ['errors must be an object'] };
      const inputIds = new Set(
        (Array.isArray(record.definition.blocks) ? record.definition.blocks : [])
          .filter(isJsonObject)
          .filter((b) => b.type === 'input')
          .map((b) => b.block_id),
      );
      const unknown = Object.keys(errors).filter((k) => !inputIds.has(k));
      if (unknown.length > 0) {
        return {
          action: 'refused',
          error: 'invalid_arguments',
          messages: unknown.map(
            (k) => `[ERROR] ${k} is not an input block_id of the view [json-pointer:/errors/${k}]`,
          ),
        };
      }
      const unreadable = Object.entries(errors).filter(([, m]) => typeof m !== 'string' || m.trim() === '');
      if (unreadable.length > 0) {
        return {
          action: 'refused',
          error: 'invalid_arguments',
          messages: unreadable.map(
            ([k]) => `[ERROR] must provide a non-empty string [json-pointer:/errors/${k}]`,
          ),
        };
      }
      return { action: 'errors', errors };
    }
    case 'update':
    case 'push': {
      const refusal = validateView(response.view, 'modal');
      if (refusal || !isJsonObject(response.view)) {
        return {
          action: 'refused',
          error: refusal?.error ?? 'invalid_arguments',
          messages: refusal?.messages,
        };
      }
      if (response.response_action === 'update') {
        const updated = views.replace(viewId, response.view);
        return updated
          ? { action: 'updated', view: views.toWire(updated) }
          : { action: 'refused', error: 'not_found' };
      }
      const pushed = views.push(userId, response.view);
      if (pushed === 'full') return { action: 'refused', error: 'push_limit_reached' };
      if (pushed === 'no_modal') return { action: 'refused', error: 'not_found' };
      return { action: 'pushed', view: views.toWire(pushed) };
    }
    case 'clear':
      views.clearStack(userId);
      return { action: 'cleared' };
    default:
      return {
        action: 'refused',
        error: 'invalid_arguments',
        messages: [`unknown response_action ${JSON.stringify(response.response_action ?? null)}`],
      };
  }
}
