import { charLength, isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import {
  ACCESSORY_ELEMENTS,
  INPUT_ELEMENTS,
  INTERACTIVE_ELEMENTS,
  LIMITS,
  validateElement,
} from './elements.js';
import type { Problems } from './problems.js';

export type Surface = 'message' | 'modal' | 'home';

/** Block limits from Slack's Block Kit reference (see shared/slack/NOTES.md). */
export const BLOCK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  label: 2000,
  hint: 2000,
  altText: 2000,
  markdownText: 12000,
} as const;

const CONTEXT_ELEMENTS = new Set(['image', 'plain_text', 'mrkdwn']);

type BlockValidator = (p: Problems, block: JsonObject, ptr: string, surface: Surface) => void;

const VALIDATORS: Record<string, BlockValidator> = {
  section(p, b, ptr) {
    if (b.text === undefined && b.fields === undefined) p.add(ptr, 'must provide either text or fields');
    p.text(b.text, `${ptr}/text`, BLOCK_LIMITS.sectionText);
    const fields = p.array(b.fields, `${ptr}/fields`, BLOCK_LIMITS.sectionFields, { min: 1 });
    fields?.forEach((f, i) => {
      p.text(f, `${ptr}/fields/${i}`, BLOCK_LIMITS.fieldText, { required: true });
    });
    if (b.accessory !== undefined) {
      validateElement(p, b.accessory, `${ptr}/accessory`, ACCESSORY_ELEMENTS, new Set());
    }
  },
  header(p, b, ptr) {
    p.text(b.text, `${ptr}/text`, BLOCK_LIMITS.headerText, { required: true, plainOnly: true });
  },
  divider() {},
  image(p, b, ptr) {
    if (b.image_url === undefined && b.slack_file === undefined) {
      p.add(ptr, 'must provide either image_url or slack_file');
    }
    p.string(b.image_url, `${ptr}/image_url`, LIMITS.url);
    p.string(b.alt_text, `${ptr}/alt_text`, BLOCK_LIMITS.altText, { required: true, min: 1 });
    p.text(b.title, `${ptr}/title`, BLOCK_LIMITS.altText, { plainOnly: true });
  },
  context(p, b, ptr) {
    const elements = p.array(b.elements, `${ptr}/elements`, BLOCK_LIMITS.contextElements, {
      required: true,
      min: 1,
    });
    elements?.forEach((el, i) => {
      const eptr = `${ptr}/elements/${i}`;
      if (isJsonObject(el) && (el.type === 'plain_text' || el.type === 'mrkdwn')) {
        p.text(el, eptr, BLOCK_LIMITS.sectionText);
      } else {
        validateElement(p, el, eptr, CONTEXT_ELEMENTS, new Set());
      }
    });
  },
  actions(p, b, ptr) {
    const elements = p.array(b.elements, `${ptr}/elements`, BLOCK_LIMITS.actionsElements, {
      required: true,
      min: 1,
    });
    const actionIds = new Set<string>();
    elements?.forEach((el, i) => {
      validateElement(p, el, `${ptr}/elements/${i}`, INTERACTIVE_ELEMENTS, actionIds);
    });
  },
  input(p, b, ptr, surface) {
    p.text(b.label, `${ptr}/label`, BLOCK_LIMITS.label, { required: true, plainOnly: true });
    p.text(b.hint, `${ptr}/hint`, BLOCK_LIMITS.hint, { plainOnly: true });
    p.boolean(b.optional, `${ptr}/optional`);
    p.boolean(b.dispatch_action, `${ptr}/dispatch_action`);
    if (b.element === undefined) p.add(`${ptr}/element`, 'must provide an object');
    else validateElement(p, b.element, `${ptr}/element`, INPUT_ELEMENTS, new Set());
    if (isJsonObject(b.element) && b.element.type === 'file_input' && surface !== 'modal') {
      p.add(`${ptr}/element/type`, 'file_input elements are only supported in modals');
    }
  },
  rich_text(p, b, ptr) {
    p.array(b.elements, `${ptr}/elements`, Number.MAX_SAFE_INTEGER, { required: true });
  },
  markdown(p, b, ptr, surface) {
    if (surface !== 'message') p.add(`${ptr}/type`, 'markdown blocks are only supported in messages');
    p.string(b.text, `${ptr}/text`, BLOCK_LIMITS.markdownText, { required: true, min: 1 });
  },
  file(p, b, ptr) {
    p.string(b.external_id, `${ptr}/external_id`, 255, { required: true, min: 1 });
    p.oneOf(b.source, `${ptr}/source`, ['remote']);
  },
  video(p, b, ptr) {
    p.string(b.alt_text, `${ptr}/alt_text`, BLOCK_LIMITS.altText, { required: true, min: 1 });
    p.text(b.title, `${ptr}/title`, 200, { required: true, plainOnly: true });
    p.string(b.video_url, `${ptr}/video_url`, LIMITS.url, { required: true, min: 1 });
    p.string(b.thumbnail_url, `${ptr}/thumbnail_url`, LIMITS.url, { required: true, min: 1 });
  },
  table(p, b, ptr) {
    p.array(b.rows, `${ptr}/rows`, 100, { required: true, min: 1 });
  },
};

/**
 * Validates a blocks array for a surface. `ptr` is the array's JSON pointer (`/blocks`, or `/view/blocks`).
 * Returns the input-block count so view validation can insist on a submit button.
 */
export function validateBlocks(
  p: Problems,
  value: JsonValue | undefined,
  ptr: string,
  surface: Surface,
): number {
  const max = surface === 'message' ? BLOCK_LIMITS.messageBlocks : BLOCK_LIMITS.viewBlocks;
  const blocks = p.array(value, ptr, max, { required: surface !== 'message' });
  if (!blocks) return 0;
  const blockIds = new Set<string>();
  let inputs = 0;
  blocks.forEach((block, i) => {
    const bptr = `${ptr}/${i}`;
    if (!isJsonObject(block)) {
      p.add(bptr, 'must provide an object');
      return;
    }
    if (block.block_id !== undefined) {
      p.string(block.block_id, `${bptr}/block_id`, LIMITS.blockId, { min: 1 });
      if (typeof block.block_id === 'string') {
        if (blockIds.has(block.block_id)) p.add(`${bptr}/block_id`, `duplicate block_id ${block.block_id}`);
        blockIds.add(block.block_id);
      }
    }
    const validate =
      typeof block.type === 'string' && Object.hasOwn(VALIDATORS, block.type)
        ? VALIDATORS[block.type]
        : undefined;
    if (!validate) {
      p.add(`${bptr}/type`, `unsupported block type ${JSON.stringify(block.type ?? null)}`);
      return;
    }
    if (block.type === 'input') inputs++;
    validate(p, block, bptr, surface);
  });
  checkAcrossBlocks(p, blocks, ptr);
  return inputs;
}

/**
 * Rules over the whole payload: at most one element with `focus_on_load: true` (per view or message), and the
 * markdown blocks' text together within 12,000 characters.
 */
function checkAcrossBlocks(p: Problems, blocks: readonly JsonValue[], ptr: string): void {
  let focused = 0;
  let markdown = 0;
  blocks.forEach((block, i) => {
    if (!isJsonObject(block)) return;
    if (block.type === 'markdown' && typeof block.text === 'string') markdown += charLength(block.text);
    const slots: [JsonValue | undefined, string][] = [
      [block.accessory, 'accessory'],
      [block.element, 'element'],
      ...(Array.isArray(block.elements)
        ? block.elements.map((el, j): [JsonValue, string] => [el, `elements/${j}`])
        : []),
    ];
    for (const [el, slot] of slots) {
      if (!isJsonObject(el) || el.focus_on_load !== true) continue;
      focused++;
      if (focused > 1)
        p.add(`${ptr}/${i}/${slot}/focus_on_load`, 'only one element may set focus_on_load to true');
    }
  });
  if (markdown > BLOCK_LIMITS.markdownText) {
    p.add(ptr, `markdown blocks must total less than ${BLOCK_LIMITS.markdownText + 1} characters`);
  }
}
