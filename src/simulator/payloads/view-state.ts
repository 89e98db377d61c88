import type { JsonObject, JsonValue } from '../json.js';
import { elementsOf, type FoundElement, optionByValue } from './find-element.js';

/** What a person enters into one element: text, an option value, option values, a user/channel id, a date… */
export type EnteredValue = string | number | readonly string[] | null;

/** Values keyed by block_id; a block holding several stateful elements takes `{ [action_id]: value }`. */
export type EnteredValues = Readonly<Record<string, EnteredValue | Readonly<Record<string, EnteredValue>>>>;

/** Element types whose value Slack reports in `view.state.values`. Buttons and overflow menus are stateless. */
const STATEFUL = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'static_select',
  'external_select',
  'radio_buttons',
  'multi_static_select',
  'multi_external_select',
  'checkboxes',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
]);

/**
 * Builds Slack's `view.state.values` (`{[block_id]: {[action_id]: {type, …}}}`) from what the test "typed", falling
 * back to each element's initial value like Slack does. Throws on values a real person could not enter (an option
 * that is not offered, a block_id the view does not have), because that is a bug in the test.
 */
export function buildStateValues(blocks: readonly JsonObject[], entered: EnteredValues = {}): JsonObject {
  const stateful = elementsOf(blocks).filter(
    (e) => typeof e.element.type === 'string' && STATEFUL.has(e.element.type),
  );
  const known = new Set(stateful.map((e) => e.blockId));
  for (const blockId of Object.keys(entered)) {
    if (!known.has(blockId)) {
      throw new Error(
        `no input element in block_id "${blockId}"; stateful blocks are: ${[...known].join(', ') || '(none)'}`,
      );
    }
  }
  const values: JsonObject = {};
  for (const found of stateful) {
    const perBlock = stateful.filter((e) => e.blockId === found.blockId).length;
    const raw = entered[found.blockId];
    let value: EnteredValue | undefined;
    if (raw !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      value = (raw as Readonly<Record<string, EnteredValue>>)[found.actionId];
    } else if (raw !== undefined) {
      if (perBlock > 1)
        throw new Error(`block_id "${found.blockId}" has ${perBlock} elements: key its value by action_id`);
      value = raw as EnteredValue;
    }
    const block = (values[found.blockId] as JsonObject | undefined) ?? {};
    block[found.actionId] = elementState(found, value);
    values[found.blockId] = block;
  }
  return values;
}

/** One element's state entry, exactly as Slack shapes it per element type. */
export function elementState(found: FoundElement, value: EnteredValue | undefined): JsonObject {
  const el = found.element;
  const type = String(el.type);
  const where = `${found.blockId}/${found.actionId} (${type})`;
  const single = (): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw new Error(`${where} takes one value, got ${JSON.stringify(value)}`);
    return value;
  };
  const many = (): string[] | null => {
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value))
      throw new Error(`${where} takes an array of values, got ${JSON.stringify(value)}`);
    return [...value];
  };
  const option = (v: string): JsonObject => {
    const o = optionByValue(el, v);
    if (!o) {
      if (type.includes('external')) return { text: { type: 'plain_text', text: v, emoji: true }, value: v };
      throw new Error(`${where} offers no option with value "${v}"`);
    }
    return { ...structuredClone(o) };
  };
  const initial = (key: string): JsonValue => el[key] ?? null;

  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: single() ?? (initial('initial_value') as JsonValue) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const v = single();
      return { type, selected_option: v === null ? initial('initial_option') : option(v) };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes': {
      const vs = many();
      return { type, selected_options: vs === null ? (initial('initial_options') ?? []) : vs.map(option) };
    }
    case 'users_select':
      return { type, selected_user: single() ?? initial('initial_user') };
    case 'multi_users_select':
      return { type, selected_users: many() ?? initial('initial_users') ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: single() ?? initial('initial_conversation') };
    case 'multi_conversations_select':
      return { type, selected_conversations: many() ?? initial('initial_conversations') ?? [] };
    case 'channels_select':
      return { type, selected_channel: single() ?? initial('initial_channel') };
    case 'multi_channels_select':
      return { type, selected_channels: many() ?? initial('initial_channels') ?? [] };
    case 'datepicker': {
      const v = single();
      if (v !== null && !/^\d{4}-\d{2}-\d{2}$/.test(v))
        throw new Error(`${where} takes YYYY-MM-DD, got "${v}"`);
      return { type, selected_date: v ?? initial('initial_date') };
    }
    case 'timepicker': {
      const v = single();
      if (v !== null && !/^\d{2}:\d{2}$/.test(v)) throw new Error(`${where} takes HH:mm, got "${v}"`);
      const state: JsonObject = { type, selected_time: v ?? initial('initial_time') };
      if (typeof el.timezone === 'string') state.timezone = el.timezone;
      return state;
    }
    case 'datetimepicker': {
      const v = value === undefined || value === null ? null : Number(value);
      if (v !== null && !Number.isInteger(v))
        throw new Error(`${where} takes unix seconds, got ${JSON.stringify(value)}`);
      return { type, selected_date_time: v ?? initial('initial_date_time') };
    }
    default:
      throw new Error(`${where} is not a stateful element`);
  }
}
