import { isJsonObject, type JsonObject, type JsonValue } from '../json.js';
import type { Problems } from './problems.js';

/** Limits from Slack's Block Kit reference (see shared/slack/NOTES.md). */
export const LIMITS = {
  actionId: 255,
  blockId: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  optionGroupLabel: 75,
  textInputLength: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

/** What a select-like element may carry, to check initial values against. */
const SELECTS = new Set(['static_select', 'multi_static_select']);
const CHOICES = new Set(['checkboxes', 'radio_buttons']);

export const INTERACTIVE_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'icon_button',
  'feedback_buttons',
]);

export const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'file_input',
  'rich_text_input',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);

export const ACCESSORY_ELEMENTS = new Set([...INTERACTIVE_ELEMENTS, 'image']);

/**
 * Validates one element. `allowed` is the set of element types the containing block accepts; action_ids are
 * collected into `actionIds` because Slack wants them unique within a block.
 */
export function validateElement(
  p: Problems,
  value: JsonValue,
  ptr: string,
  allowed: ReadonlySet<string>,
  actionIds: Set<string>,
): void {
  if (!isJsonObject(value)) {
    p.add(ptr, 'must provide an object');
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    p.add(`${ptr}/type`, `unsupported element type ${JSON.stringify(type ?? null)} here`);
    return;
  }
  if (value.action_id !== undefined) {
    p.string(value.action_id, `${ptr}/action_id`, LIMITS.actionId, { min: 1 });
    if (typeof value.action_id === 'string') {
      if (actionIds.has(value.action_id)) p.add(`${ptr}/action_id`, `duplicate action_id ${value.action_id}`);
      actionIds.add(value.action_id);
    }
  }
  if (value.confirm !== undefined) validateConfirm(p, value.confirm, `${ptr}/confirm`);
  if (value.placeholder !== undefined) {
    p.text(value.placeholder, `${ptr}/placeholder`, LIMITS.placeholder, { plainOnly: true });
  }
  switch (type) {
    case 'button':
      p.text(value.text, `${ptr}/text`, LIMITS.buttonText, { required: true, plainOnly: true });
      p.string(value.value, `${ptr}/value`, LIMITS.buttonValue);
      p.string(value.url, `${ptr}/url`, LIMITS.url);
      p.oneOf(value.style, `${ptr}/style`, ['primary', 'danger']);
      return;
    case 'image':
      p.string(value.alt_text, `${ptr}/alt_text`, 2000, { required: true, min: 1 });
      if (value.image_url === undefined && value.slack_file === undefined) {
        p.add(ptr, 'must provide either image_url or slack_file');
      }
      p.string(value.image_url, `${ptr}/image_url`, LIMITS.url);
      return;
    case 'overflow':
      validateOptions(p, value.options, `${ptr}/options`, LIMITS.overflowOptions, { required: true, min: 1 });
      return;
    case 'plain_text_input':
      validateTextInput(p, value, ptr);
      return;
    case 'number_input':
      p.boolean(value.is_decimal_allowed, `${ptr}/is_decimal_allowed`, { required: true });
      checkNumberBounds(p, value, ptr);
      return;
    case 'datepicker':
      if (value.initial_date !== undefined && !isDate(value.initial_date)) {
        p.add(`${ptr}/initial_date`, 'must be a date in the format YYYY-MM-DD');
      }
      return;
    case 'timepicker':
      if (value.initial_time !== undefined && !isTime(value.initial_time)) {
        p.add(`${ptr}/initial_time`, 'must be a time in the format HH:mm');
      }
      return;
    default:
      break;
  }
  if (SELECTS.has(type)) validateSelect(p, value, ptr);
  if (CHOICES.has(type)) {
    const options = validateOptions(p, value.options, `${ptr}/options`, LIMITS.choiceOptions, {
      required: true,
      min: 1,
      allowMrkdwn: true,
    });
    checkInitial(p, value, ptr, options);
  }
  if (type.startsWith('multi_') && value.max_selected_items !== undefined) {
    const max = value.max_selected_items;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      p.add(`${ptr}/max_selected_items`, 'must be an integer of at least 1');
    }
  }
}

function validateSelect(p: Problems, el: JsonObject, ptr: string): void {
  let options: JsonValue[] | undefined;
  if (el.options !== undefined && el.option_groups !== undefined) {
    p.add(ptr, 'must provide either options or option_groups, not both');
  }
  if (el.option_groups !== undefined) {
    const groups = p.array(el.option_groups, `${ptr}/option_groups`, LIMITS.selectOptions, { min: 1 }) ?? [];
    options = [];
    groups.forEach((group, i) => {
      const gptr = `${ptr}/option_groups/${i}`;
      if (!isJsonObject(group)) {
        p.add(gptr, 'must provide an object');
        return;
      }
      p.text(group.label, `${gptr}/label`, LIMITS.optionGroupLabel, { required: true, plainOnly: true });
      const inGroup = validateOptions(p, group.options, `${gptr}/options`, LIMITS.selectOptions, {
        required: true,
        min: 1,
      });
      options?.push(...(inGroup ?? []));
    });
  } else {
    options = validateOptions(p, el.options, `${ptr}/options`, LIMITS.selectOptions, {
      required: true,
      min: 1,
    });
  }
  checkInitial(p, el, ptr, options);
}

function validateOptions(
  p: Problems,
  value: JsonValue | undefined,
  ptr: string,
  max: number,
  opts: { required?: boolean; min?: number; allowMrkdwn?: boolean },
): JsonValue[] | undefined {
  const options = p.array(value, ptr, max, opts);
  options?.forEach((option, i) => {
    validateOption(p, option, `${ptr}/${i}`, opts.allowMrkdwn ?? false);
  });
  return options;
}

export function validateOption(p: Problems, option: JsonValue, ptr: string, allowMrkdwn: boolean): void {
  if (!isJsonObject(option)) {
    p.add(ptr, 'must provide an object');
    return;
  }
  p.text(option.text, `${ptr}/text`, LIMITS.optionText, { required: true, plainOnly: !allowMrkdwn });
  p.string(option.value, `${ptr}/value`, LIMITS.optionValue, { required: true, min: 1 });
  if (option.description !== undefined) {
    p.text(option.description, `${ptr}/description`, LIMITS.optionDescription, { plainOnly: !allowMrkdwn });
  }
  p.string(option.url, `${ptr}/url`, LIMITS.url);
}

/**
 * Slack refuses an initial_option(s) that is not one of the element's options — a common real bug. It must match an
 * option exactly (text, value, description), not only by value: a relabelled option with a stale initial_option is
 * refused too.
 */
function checkInitial(p: Problems, el: JsonObject, ptr: string, options: JsonValue[] | undefined): void {
  const offered = (options ?? []).filter(isJsonObject);
  const check = (o: JsonValue, optr: string): void => {
    if (!isJsonObject(o) || !offered.some((option) => option.value === o.value)) {
      p.add(optr, 'must match one of the provided options');
    } else if (!offered.some((option) => sameJson(option, o))) {
      p.add(optr, 'must exactly match one of the provided options (text, value and description)');
    }
  };
  if (el.initial_option !== undefined) check(el.initial_option, `${ptr}/initial_option`);
  const initials = el.initial_options;
  if (initials !== undefined) {
    if (!Array.isArray(initials)) {
      p.add(`${ptr}/initial_options`, 'must provide an array');
      return;
    }
    initials.forEach((o, i) => {
      check(o, `${ptr}/initial_options/${i}`);
    });
  }
}

/** Structural equality of JSON values, key order ignored. */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
  );
}

/**
 * number_input: `min_value` must not exceed `max_value`, and `initial_value` must lie between them; without
 * `is_decimal_allowed` all three must be whole numbers. (The schema checks that each is a number string.)
 */
function checkNumberBounds(p: Problems, el: JsonObject, ptr: string): void {
  const read = (key: 'initial_value' | 'min_value' | 'max_value'): number | undefined => {
    const raw = el[key];
    if (typeof raw !== 'string' || !/^-?\d+(\.\d+)?$/.test(raw)) return undefined;
    if (el.is_decimal_allowed !== true && raw.includes('.')) {
      p.add(`${ptr}/${key}`, 'must be a whole number when is_decimal_allowed is false');
    }
    return Number(raw);
  };
  const initial = read('initial_value');
  const min = read('min_value');
  const max = read('max_value');
  if (min !== undefined && max !== undefined && min > max) {
    p.add(`${ptr}/min_value`, 'must not be greater than max_value');
  }
  if (initial !== undefined && min !== undefined && initial < min) {
    p.add(`${ptr}/initial_value`, 'must not be less than min_value');
  }
  if (initial !== undefined && max !== undefined && initial > max) {
    p.add(`${ptr}/initial_value`, 'must not be greater than max_value');
  }
}

function validateTextInput(p: Problems, el: JsonObject, ptr: string): void {
  for (const key of ['max_length', 'min_length'] as const) {
    const n = el[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > LIMITS.textInputLength) {
      p.add(`${ptr}/${key}`, `must be an integer between 0 and ${LIMITS.textInputLength}`);
    }
  }
  const max = typeof el.max_length === 'number' ? el.max_length : LIMITS.textInputLength;
  p.string(el.initial_value, `${ptr}/initial_value`, max);
  p.boolean(el.multiline, `${ptr}/multiline`);
}

export function validateConfirm(p: Problems, value: JsonValue, ptr: string): void {
  if (!isJsonObject(value)) {
    p.add(ptr, 'must provide an object');
    return;
  }
  p.text(value.title, `${ptr}/title`, LIMITS.confirmTitle, { required: true, plainOnly: true });
  p.text(value.text, `${ptr}/text`, LIMITS.confirmText, { required: true });
  p.text(value.confirm, `${ptr}/confirm`, LIMITS.confirmButton, { required: true, plainOnly: true });
  p.text(value.deny, `${ptr}/deny`, LIMITS.confirmButton, { required: true, plainOnly: true });
  p.oneOf(value.style, `${ptr}/style`, ['primary', 'danger']);
}

function isDate(value: JsonValue): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

function isTime(value: JsonValue): boolean {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
