import { charLength, isJsonObject, type JsonValue } from '../json.js';
import { validateBlocks } from './blocks.js';
import { Problems } from './problems.js';
import { schemaProblems } from './schema.js';

/** An ok:false answer: Slack's error code plus the `[ERROR] …` explanations it puts in response_metadata. */
export interface Refusal {
  error: string;
  messages?: string[];
}

export const MESSAGE_TEXT_LIMIT = 40_000;

export const VIEW_LIMITS = {
  titleText: 24,
  buttonText: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  /** Slack answers view_too_large above 250 kB of JSON. */
  bytes: 250 * 1024,
} as const;

/**
 * Every Block Kit payload is checked twice: by the simulator's own rules (`blocks.ts`, `elements.ts`: Slack's limits,
 * surfaces, initial options that must be among the options, unique ids, one focus_on_load…) and against the vendored
 * JSON Schema of Block Kit (`schema.ts`: unknown fields, types, enums, URLs, which element goes where…). Which root
 * each door uses:
 * - message blocks: chat.postMessage, chat.postEphemeral, chat.update, response_url posts, files.completeUploadExternal;
 * - modal view: views.open, views.push, views.update of a modal, view_submission `response_action` update/push;
 * - Home tab view: views.publish, views.update of a Home tab.
 */

/**
 * Validates `text` + `blocks` of chat.postMessage / chat.update / postEphemeral / response_url bodies.
 *
 * A `text` fallback is required even when blocks are given. We are deliberately stricter than Slack here (Slack only
 * warns): the top-level text is what notifications and screen readers use, so a message without it is a real
 * accessibility bug that tests should catch. The fake refuses it with `no_text`.
 */
export function validateMessage(
  text: JsonValue | undefined,
  blocks: JsonValue | undefined,
): Refusal | undefined {
  if (text !== undefined && typeof text !== 'string') {
    return { error: 'invalid_arguments', messages: ['[ERROR] must provide a string [json-pointer:/text]'] };
  }
  if (typeof text === 'string' && charLength(text) > MESSAGE_TEXT_LIMIT) return { error: 'msg_too_long' };
  const hasText = typeof text === 'string' && text.trim() !== '';
  if (blocks !== undefined) {
    const refusal = validateMessageBlocks(blocks);
    if (refusal) return refusal;
  }
  if (!hasText) return { error: 'no_text' };
  return undefined;
}

/**
 * Validates a view payload for views.open / push / update (modal) or views.publish (home). Slack answers every view
 * problem with `invalid_arguments` and pointers under `/view`.
 */
export function validateView(view: JsonValue | undefined, expected: 'modal' | 'home'): Refusal | undefined {
  const p = new Problems();
  if (!isJsonObject(view)) {
    p.add('/view', 'must provide an object');
    return { error: 'invalid_arguments', messages: p.messages };
  }
  if (Buffer.byteLength(JSON.stringify(view)) > VIEW_LIMITS.bytes) return { error: 'view_too_large' };
  if (view.type !== expected) p.add('/view/type', `must be one of [${expected}]`);
  if (expected === 'modal') {
    p.text(view.title, '/view/title', VIEW_LIMITS.titleText, { required: true, plainOnly: true });
    p.text(view.close, '/view/close', VIEW_LIMITS.buttonText, { plainOnly: true });
    p.text(view.submit, '/view/submit', VIEW_LIMITS.buttonText, { plainOnly: true });
    p.boolean(view.clear_on_close, '/view/clear_on_close');
    p.boolean(view.notify_on_close, '/view/notify_on_close');
  }
  p.string(view.private_metadata, '/view/private_metadata', VIEW_LIMITS.privateMetadata);
  p.string(view.callback_id, '/view/callback_id', VIEW_LIMITS.callbackId);
  p.string(view.external_id, '/view/external_id', VIEW_LIMITS.externalId);
  const inputs = validateBlocks(p, view.blocks, '/view/blocks', expected);
  if (expected === 'modal' && inputs > 0 && view.submit === undefined) {
    p.add('/view/submit', 'must provide submit when the view contains input blocks');
  }
  p.addSchemaProblems(schemaProblems(expected, view, '/view'));
  return p.empty ? undefined : { error: 'invalid_arguments', messages: p.messages };
}

/** Blocks of a message that carries something else as its fallback (a file share's initial_comment or the file). */
export function validateMessageBlocks(blocks: JsonValue | undefined): Refusal | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format' };
  const p = new Problems();
  validateBlocks(p, blocks, '/blocks', 'message');
  p.addSchemaProblems(schemaProblems('message', blocks, '/blocks'));
  return p.empty ? undefined : { error: 'invalid_blocks', messages: p.messages };
}
