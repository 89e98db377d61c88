// A deliberately tiny template language for prompt text.
//
//   {topic|a tool you use every day}
//
// is replaced by the value of `topic` when one is given (a custom topic's label, e.g. "Notion"),
// and by the text after the bar otherwise. Every placeholder in the library carries a fallback,
// so a template always renders, with or without a topic.

export const TEMPLATE_VARS = ['topic'] as const;
export type TemplateVar = (typeof TEMPLATE_VARS)[number];
export type TemplateValues = Readonly<Partial<Record<TemplateVar, string | null>>>;

export interface Placeholder {
  readonly name: string;
  readonly fallback: string | undefined;
}

const PLACEHOLDER = /\{([a-zA-Z]+)(?:\|([^{}]*))?\}/g;

export function placeholdersIn(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, fallback: m[2] }));
}

export function hasPlaceholder(text: string, name: TemplateVar): boolean {
  return placeholdersIn(text).some((p) => p.name === name);
}

/** Fills placeholders; throws if one has neither a value nor a fallback (a bug in the library). */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    const value = (values as Record<string, string | null | undefined>)[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    throw new Error(`Template placeholder {${name}} has no value and no fallback`);
  });
}

/** Slack mrkdwn needs &, < and > escaped in text that came from people (e.g. a custom topic). */
export { escapeMrkdwn } from '../mrkdwn.js';
