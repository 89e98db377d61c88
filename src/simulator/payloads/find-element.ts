import { isJsonObject, type JsonObject } from '../json.js';

export interface FoundElement {
  block: JsonObject;
  blockId: string;
  element: JsonObject;
  actionId: string;
}

/** Every element that carries an action_id: actions-block elements, section accessories and input elements. */
export function elementsOf(blocks: readonly JsonObject[]): FoundElement[] {
  const found: FoundElement[] = [];
  for (const block of blocks) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const candidates = [
      ...(block.type === 'actions' && Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ];
    for (const element of candidates) {
      if (isJsonObject(element) && typeof element.action_id === 'string') {
        found.push({ block, blockId, element, actionId: element.action_id });
      }
    }
  }
  return found;
}

export function findElement(blocks: readonly JsonObject[], actionId: string): FoundElement | undefined {
  return elementsOf(blocks).find((e) => e.actionId === actionId);
}

/** The option objects of a select/overflow/checkboxes/radio element, option groups flattened. */
export function optionsOf(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isJsonObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups
        .filter(isJsonObject)
        .flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isJsonObject) : []))
    : [];
  return [...direct, ...grouped];
}

export function optionByValue(element: JsonObject, value: string): JsonObject | undefined {
  return optionsOf(element).find((o) => o.value === value);
}
