import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';

// Small, pure Block Kit helpers. They enforce Slack's length limits by truncating, so a long name or goal
// can never make Slack refuse a whole message (limits from Slack's Block Kit reference).

export const LIMITS = {
  sectionText: 3000,
  header: 150,
  buttonText: 75,
  optionText: 75,
  contextText: 3000,
  modalTitle: 24,
  messageBlocks: 50,
  viewBlocks: 100,
  fieldText: 2000,
  fields: 10,
  actionValue: 2000,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

export { escapeExceptMentions, escapeMrkdwn } from '../../domain/mrkdwn.js';

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function md(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.header) };
}

export function section(
  text: string,
  extra: Partial<Omit<SectionBlock, 'type' | 'text'>> = {},
): SectionBlock {
  return { type: 'section', text: md(text), ...extra };
}

export function fields(pairs: readonly (readonly [string, string])[]): SectionBlock {
  return {
    type: 'section',
    fields: pairs
      .slice(0, LIMITS.fields)
      .map(([label, value]) => md(`*${label}*\n${value}`, LIMITS.fieldText)),
  };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map((t) => md(t)) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonOptions {
  value?: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
  url?: string;
}

export function button(text: string, actionId: string, options: ButtonOptions = {}): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.confirm
      ? {
          confirm: {
            title: plain(options.confirm.title, 100),
            text: plain(options.confirm.text, 300),
            confirm: plain(options.confirm.confirm, 30),
            deny: plain(options.confirm.deny, 30),
          },
        }
      : {}),
  };
}

export function actions(elements: Button[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) };
}

export function option(text: string, value: string, description?: string): PlainTextOption {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description ? { description: plain(description, LIMITS.optionText) } : {}),
  };
}

/** Keeps a message within Slack's block limit, replacing the overflow with a note rather than failing. */
export function capBlocks(
  blocks: KnownBlock[],
  max: number,
  overflowNote: (hidden: number) => string,
): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(overflowNote(blocks.length - kept.length))];
}

/** An input block for a modal; `response_action: "errors"` refers to it by `blockId`. */
export function input(
  blockId: string,
  label: string,
  element: InputBlock['element'],
  extra: Partial<InputBlock> = {},
): InputBlock {
  return { type: 'input', block_id: blockId, label: plain(label, 2000), element, ...extra };
}
