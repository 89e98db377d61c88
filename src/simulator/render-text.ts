/**
 * Block Kit → readable plain text, for transcripts of what a person would see (demo output, test failure messages).
 * Pure: no I/O, no state; accepts any JSON-ish input and ignores what it does not understand.
 */
export interface RenderOptions {
  /** Resolves `<@U123>` mentions to a name; unresolved ids are shown as `@U123`. */
  userName?: (userId: string) => string | undefined;
  /** Resolves `<#C123>` mentions; unresolved ids are shown as `#C123`. */
  channelName?: (channelId: string) => string | undefined;
}

type Obj = Record<string, unknown>;

const DIVIDER = '─'.repeat(40);

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function renderBlocksAsText(
  blocks: readonly unknown[] | undefined,
  fallbackText?: string,
  options: RenderOptions = {},
): string {
  const rendered = (blocks ?? [])
    .filter(isObj)
    .map((b) => renderBlock(b, options))
    .filter((s) => s !== '');
  if (rendered.length === 0) return tidyMrkdwn(fallbackText ?? '', options);
  return rendered.join('\n');
}

/** A text object's text: mrkdwn is tidied, plain_text shown as is. */
function textOf(value: unknown, options: RenderOptions): string {
  if (!isObj(value)) return '';
  const text = str(value.text);
  return value.type === 'mrkdwn' ? tidyMrkdwn(text, options) : text;
}

function renderBlock(block: Obj, options: RenderOptions): string {
  switch (block.type) {
    case 'header': {
      const text = textOf(block.text, options).toUpperCase();
      return `${text}\n${'='.repeat(Math.max(3, [...text].length))}`;
    }
    case 'section': {
      const lines: string[] = [];
      const text = textOf(block.text, options);
      const accessory = isObj(block.accessory) ? renderElement(block.accessory, options) : '';
      if (text) lines.push(accessory ? `${text}  ${accessory}` : text);
      else if (accessory) lines.push(accessory);
      for (const field of list(block.fields))
        lines.push(`  ${textOf(field, options).split('\n').join('\n  ')}`);
      return lines.join('\n');
    }
    case 'divider':
      return DIVIDER;
    case 'context':
      return list(block.elements)
        .map((el) => (el.type === 'image' ? renderElement(el, options) : textOf(el, options)))
        .filter(Boolean)
        .join(' · ');
    case 'actions':
      return list(block.elements)
        .map((el) => renderElement(el, options))
        .join('  ');
    case 'input': {
      const label = textOf(block.label, options);
      const element = isObj(block.element) ? renderElement(block.element, options) : '';
      const hint = textOf(block.hint, options);
      const optional = block.optional === true ? ' (optional)' : '';
      return [`${label}${optional}: ${element}`, hint ? `  ${hint}` : ''].filter(Boolean).join('\n');
    }
    case 'image':
      return `(image: ${str(block.alt_text) || 'no description'})${isObj(block.title) ? ` ${textOf(block.title, options)}` : ''}`;
    case 'rich_text':
      return list(block.elements)
        .map((el) => renderRichElement(el, options))
        .join('\n');
    case 'markdown':
      return tidyMrkdwn(str(block.text), options);
    case 'file':
      return '(file)';
    case 'video':
      return `(video: ${textOf(block.title, options) || str(block.alt_text)})`;
    default:
      return typeof block.type === 'string' ? `[${block.type}]` : '';
  }
}

function optionText(option: unknown, options: RenderOptions): string {
  return isObj(option) ? textOf(option.text, options) : '';
}

function renderElement(el: Obj, options: RenderOptions): string {
  const placeholder = textOf(el.placeholder, options);
  switch (el.type) {
    case 'button':
      return `[ ${textOf(el.text, options)} ]`;
    case 'image':
      return `(image: ${str(el.alt_text) || 'no description'})`;
    case 'overflow':
      return '[ ⋯ ]';
    case 'checkboxes':
    case 'radio_buttons': {
      const chosen = new Set(
        [...list(el.initial_options), ...(isObj(el.initial_option) ? [el.initial_option] : [])].map(
          (o) => o.value,
        ),
      );
      const [on, off] = el.type === 'checkboxes' ? ['[x]', '[ ]'] : ['(•)', '( )'];
      return list(el.options)
        .map((o) => `${chosen.has(o.value) ? on : off} ${optionText(o, options)}`)
        .join('  ');
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return `[ ${str(el.initial_value) || placeholder || '…'} ]`;
    case 'datepicker':
      return `[ ${str(el.initial_date) || placeholder || 'Select a date'} ▾ ]`;
    case 'timepicker':
      return `[ ${str(el.initial_time) || placeholder || 'Select a time'} ▾ ]`;
    default: {
      if (typeof el.type === 'string' && el.type.endsWith('select')) {
        const initial =
          optionText(el.initial_option, options) ||
          list(el.initial_options)
            .map((o) => optionText(o, options))
            .join(', ');
        return `[ ${initial || placeholder || 'Choose…'} ▾ ]`;
      }
      return typeof el.type === 'string' ? `[${el.type}]` : '';
    }
  }
}

function renderRichElement(el: Obj, options: RenderOptions): string {
  const inline = (): string =>
    list(el.elements)
      .map((child) => renderRichInline(child, options))
      .join('');
  switch (el.type) {
    case 'rich_text_section':
      return inline();
    case 'rich_text_quote':
      return inline()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'rich_text_preformatted':
      return inline()
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
    case 'rich_text_list': {
      const indent = '  '.repeat(typeof el.indent === 'number' ? el.indent : 0);
      return list(el.elements)
        .map(
          (item, i) =>
            `${indent}${el.style === 'ordered' ? `${i + 1}.` : '•'} ${renderRichElement(item, options)}`,
        )
        .join('\n');
    }
    default:
      return '';
  }
}

function renderRichInline(el: Obj, options: RenderOptions): string {
  switch (el.type) {
    case 'text':
      return str(el.text);
    case 'link':
      return str(el.text) || str(el.url);
    case 'user':
      return `@${options.userName?.(str(el.user_id)) ?? str(el.user_id)}`;
    case 'channel':
      return `#${options.channelName?.(str(el.channel_id)) ?? str(el.channel_id)}`;
    case 'usergroup':
      return `@${str(el.usergroup_id)}`;
    case 'broadcast':
      return `@${str(el.range)}`;
    case 'emoji':
      return `:${str(el.name)}:`;
    case 'date':
      return str(el.fallback) || String(el.timestamp ?? '');
    default:
      return '';
  }
}

/**
 * Slack mrkdwn → plain text: `*bold*`, `_italic_`, `~strike~` and `` `code` `` lose their markers; `<@U1>` →
 * `@name`, `<#C1|general>` → `#general`, `<!here>` → `@here`, `<url|label>` → `label`, `<url>` → url; the three
 * escaped entities are decoded last so they cannot form new markup.
 */
export function tidyMrkdwn(text: string, options: RenderOptions = {}): string {
  const withoutLinks = text.replace(/<([^<>]+)>/g, (_match, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return `@${label ?? options.userName?.(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('#'))
      return `#${label ?? options.channelName?.(target.slice(1)) ?? target.slice(1)}`;
    if (target.startsWith('!subteam^')) return label ?? '@group';
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    if (label !== undefined) return label;
    return target.replace(/^mailto:/, '');
  });
  const unformatted = withoutLinks
    .replace(/(^|[\s(["'])\*([^*\n]+)\*(?=$|[\s)\].,!?:;"'])/g, '$1$2')
    .replace(/(^|[\s(["'])_([^_\n]+)_(?=$|[\s)\].,!?:;"'])/g, '$1$2')
    .replace(/(^|[\s(["'])~([^~\n]+)~(?=$|[\s)\].,!?:;"'])/g, '$1$2')
    .replace(/```\n?([\s\S]*?)\n?```/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1');
  return unformatted.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
