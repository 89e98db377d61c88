import { type JsonObject, renderBlocksAsText, tidyMrkdwn } from '../../src/simulator/index.js';

// What a person sees of a message, checked for the slips that make a bot look careless: a sentence said twice,
// a raw Slack id, "undefined", a header that repeats the line under it, "WEEK 6: WRAP-UP: …", brackets inside
// brackets, a time without a zone in a channel, and a notification that says something the message doesn't.

export interface QualityOptions {
  /** Names for the people (and channels) mentioned, as Slack would show them. */
  names?: ReadonlyMap<string, string>;
  /** A post in a channel: one that states a time of day must say whose time it is. */
  channelPost?: boolean;
}

interface Shown {
  text?: string | undefined;
  blocks?: readonly unknown[] | undefined;
}

/** A Slack-looking id shown as text: a user, channel or DM id, always with a digit in it. */
const RAW_ID = /\b[UWCGD](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/;
const BROKEN_VALUE = /\b(undefined|NaN|null|\[object Object\])\b/;
/** "(… (": brackets opened inside brackets. */
const NESTED_BRACKETS = /\([^()]*\(/;
const TIME_OF_DAY = /\b([01]?\d|2[0-3]):[0-5]\d\b/;
/** "your time", "London time", "UTC+5:45", "Europe/London", or a zone's abbreviation. */
const ZONE_SAID =
  /\b(your time|local time|[A-Z][a-z]+ time|UTC|GMT|BST|CET|CEST|EET|EST|EDT|CST|CDT|PST|PDT|IST|SGT|JST|AEST|AEDT|NZST|NZDT)\b|\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b/;

/** Lower case, no formatting marks, no emoji codes, bullets or dividers, single spaces. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/[*_~`]/g, '')
    .replace(/[•─=]+/g, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences, one a line or ending in . ! or ?: what "said twice" is judged on. */
export function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => normalise(s).replace(/[.!?,;:]+$/, ''))
    .filter((s) => s.split(' ').length >= 4);
}

/** The pieces a notification text is made of: sentences and the parts joined by ": ", " — ", " · " or "; ". */
export function fragments(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+|:\s+|\s+—\s+|\s+·\s+|;\s+/)
    .map((s) => normalise(s).replace(/^[.!?,;:—\s]+|[.!?,;:—\s]+$/g, ''))
    .filter((s) => s.length > 0);
}

function render(message: Shown, options: QualityOptions): { seen: string; fallback: string } {
  const names = options.names ?? new Map<string, string>();
  const lookup = { userName: (id: string) => names.get(id), channelName: (id: string) => names.get(id) };
  return {
    seen: renderBlocksAsText((message.blocks ?? []) as JsonObject[], undefined, lookup),
    fallback: tidyMrkdwn(message.text ?? '', lookup),
  };
}

type Block = { type?: string; text?: { text?: string }; fields?: { text?: string }[] };

/** Every problem found in one message, in words; an empty list when it reads well. */
export function qualityProblems(message: Shown, options: QualityOptions = {}): string[] {
  const problems: string[] = [];
  const { seen, fallback } = render(message, options);
  if (!fallback.trim()) problems.push('the notification text is empty');
  if (seen.trim() === '') problems.push('the message shows nothing');

  // No sentence said twice.
  const counts = new Map<string, number>();
  for (const s of sentences(seen)) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [s, n] of counts) if (n > 1) problems.push(`said ${n} times: “${s}”`);

  // Nothing a person can't read.
  for (const [where, text] of [
    ['message', seen],
    ['notification', fallback],
  ] as const) {
    const id = RAW_ID.exec(text);
    if (id) problems.push(`a raw Slack id in the ${where}: ${id[0]}`);
    const broken = BROKEN_VALUE.exec(text);
    if (broken) problems.push(`“${broken[0]}” in the ${where}`);
    const nested = NESTED_BRACKETS.exec(text);
    if (nested) problems.push(`brackets inside brackets in the ${where}: “${nested[0]}”`);
  }

  // Headers: one colon at most, and not the line below them again.
  const blocks = (message.blocks ?? []) as Block[];
  blocks.forEach((block, i) => {
    if (block.type !== 'header') return;
    const title = block.text?.text ?? '';
    if (/:\s.*:\s/.test(title)) problems.push(`two colons in the header “${title}”`);
    const next = blocks[i + 1];
    const below = next?.text?.text ?? next?.fields?.[0]?.text ?? '';
    const firstLine = normalise(tidyMrkdwn(below.split('\n')[0] ?? '')).replace(/[.!?:]+$/, '');
    const heading = normalise(title).replace(/[.!?:]+$/, '');
    if (
      firstLine &&
      (firstLine === heading || firstLine.startsWith(heading) || heading.endsWith(firstLine))
    ) {
      problems.push(`the header “${title}” repeats the line below it`);
    }
  });

  // A channel post that gives a time says whose.
  if (options.channelPost && TIME_OF_DAY.test(seen) && !ZONE_SAID.test(seen)) {
    problems.push('a time of day without its time zone in a channel post');
  }

  // The notification says what the message says: each of its pieces appears in the message.
  const shown = normalise(seen);
  for (const piece of fragments(fallback)) {
    if (!shown.includes(piece)) problems.push(`the notification says “${piece}”, which the message doesn't`);
  }
  return problems;
}

/** The message as a person sees it, with names: for failure messages and wording checks. */
export function seenWithNames(message: Shown, names?: ReadonlyMap<string, string>): string {
  return render(message, { ...(names ? { names } : {}) }).seen;
}
