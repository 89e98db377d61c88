/**
 * Splits `/reverse-mentor` text into a subcommand and its arguments. Quotes group words, so
 * `summary "Spring 2027"` → { name: 'summary', args: ['Spring 2027'] }. Smart quotes count, since Slack
 * clients often turn " into “ ”.
 */
export function parseCommandText(text: string): { name: string; args: string[] } {
  const words: string[] = [];
  const pattern = /["“”]([^"“”]*)["“”]?|(\S+)/g;
  for (const match of text.trim().matchAll(pattern)) {
    const word = match[1] ?? match[2] ?? '';
    if (word.length > 0) words.push(word);
  }
  const [name = '', ...args] = words;
  return { name: name.toLowerCase(), args };
}
