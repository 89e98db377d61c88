// Slack reads message text and mrkdwn elements as markup. These are the one place that makes text people typed
// (names, teams, goals, topics, reasons) safe to put there: used for a message's notification `text` exactly as
// for its blocks, by the views and by the prompt templates.

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so a typed `<!channel>` or
 * `<https://evil|Sign in>` shows as typed instead of pinging or linking.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A sentence of ours that may embed user text unescaped (a cohort name in a refusal, say): everything is
 * escaped, then only mentions of people and channels (`<@U…>`, `<#C…>`) are made live again. A person who
 * types such a mention into a name can at most mention someone — never ping a channel or hide a link.
 */
export function escapeExceptMentions(text: string): string {
  return escapeMrkdwn(text).replace(/&lt;([@#][UWCG][A-Z0-9]+)&gt;/g, '<$1>');
}
