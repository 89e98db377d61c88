/** The text of every mrkdwn element in some blocks: what Slack parses as markup (plain_text is shown as typed). */
export function mrkdwnTexts(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') found.push(record.text);
    for (const value of Object.values(record)) walk(value);
  };
  walk(blocks);
  return found;
}
