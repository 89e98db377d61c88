import { createHash } from 'node:crypto';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';

/**
 * Slack fills in a `block_id` for every block and an `action_id` for every interactive element that the app left
 * without one, and returns them in the stored message/view. Apps (and this fake's request sender) key state values and
 * actions by these ids, so the fake does the same. The ids are derived from content and position, so they are stable
 * across runs (Slack's are random).
 */
export function withGeneratedIds(blocks: readonly JsonValue[]): JsonObject[] {
  return blocks.filter(isJsonObject).map((block, index) => {
    const copy: JsonObject = structuredClone(block);
    if (typeof copy.block_id !== 'string') copy.block_id = shortId(`b${index}`, copy);
    const fill = (el: JsonValue | undefined, slot: string): void => {
      if (
        isJsonObject(el) &&
        typeof el.type === 'string' &&
        el.type !== 'image' &&
        typeof el.action_id !== 'string'
      ) {
        el.action_id = shortId(slot, el);
      }
    };
    if (Array.isArray(copy.elements) && copy.type === 'actions') {
      copy.elements.forEach((el, i) => {
        fill(el, `${copy.block_id}/${i}`);
      });
    }
    fill(copy.accessory, `${copy.block_id}/accessory`);
    fill(copy.element, `${copy.block_id}/element`);
    return copy;
  });
}

function shortId(salt: string, value: JsonValue): string {
  return createHash('sha1').update(salt).update(JSON.stringify(value)).digest('base64url').slice(0, 5);
}
