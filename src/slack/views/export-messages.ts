import { MIN_ANONYMISED_ROWS } from '../../domain/export.js';
import { ACTIONS } from '../ids.js';
import { actions, button, context, escapeMrkdwn, section } from './blocks.js';
import type { Message } from './messages.js';

// What an owner reads next to an export. Cohort names are typed by owners: always escaped, so a name like
// "<!channel>" is shown as typed and never pings anyone.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface ExportNotice {
  cohortName: string;
  pairs: number;
  withheldPairs: number;
  surveysWithheld: boolean;
}

/** Why rows or answers are missing from an owner's export, or '' when nothing is. */
export function withheldText(notice: ExportNotice): string {
  const lines: string[] = [];
  if (notice.withheldPairs > 0) {
    lines.push(
      notice.withheldPairs === 1
        ? '1 pair is left out because you are in it; another program owner can export it.'
        : `${notice.withheldPairs} pairs are left out because you are in them; another program owner can export them.`,
    );
  }
  if (notice.surveysWithheld) {
    lines.push(
      "Survey answers are left out of every row too: next to the cohort's averages they would give your partner's away.",
    );
  }
  return lines.join(' ');
}

/** The comment on the named file. */
export function namedExportComment(notice: ExportNotice): string {
  const intro =
    `Here is the export of *${escapeMrkdwn(notice.cohortName)}* ` +
    `(${plural(notice.pairs, 'pair', 'pairs')}), with names. Please keep it among program owners.`;
  const withheld = withheldText(notice);
  return withheld ? `${intro}\n${withheld}` : intro;
}

/** Under the named file: how to get an anonymised copy, or why there is none. */
export function anonymisedOfferMessage(cohortId: number, notice: ExportNotice): Message {
  if (notice.pairs < MIN_ANONYMISED_ROWS) {
    const text =
      `There is no anonymised copy of *${escapeMrkdwn(notice.cohortName)}*: with fewer than ` +
      `${MIN_ANONYMISED_ROWS} pairs in it, anyone who knows the cohort could tell whose row is whose.`;
    return { text, blocks: [section(text)] };
  }
  const text = `Need a copy to share more widely? Ask for an anonymised copy of *${escapeMrkdwn(notice.cohortName)}*.`;
  return {
    text,
    blocks: [
      section(text),
      context(
        'Rows shuffled, no names, ids, teams or pair numbers, dates as weeks, no end reasons. It is not sent unless you ask.',
      ),
      actions([button('Send an anonymised copy', ACTIONS.exportAnonymised, { value: String(cohortId) })]),
    ],
  };
}

/** The comment on the anonymised file. */
export function anonymisedExportComment(notice: ExportNotice): string {
  const intro =
    `Here is the anonymised copy of *${escapeMrkdwn(notice.cohortName)}* ` +
    `(${plural(notice.pairs, 'pair', 'pairs')}): rows shuffled, no names, ids, teams or pair numbers, ` +
    'dates as weeks and no end reasons.';
  const withheld = withheldText(notice);
  return withheld ? `${intro}\n${withheld}` : intro;
}

/** The owner's answer where they asked (slash command): the files are in their DM. */
export function exportSentMessage(notice: ExportNotice): Message {
  const text =
    `Sent you the export of “${escapeMrkdwn(notice.cohortName)}” ` +
    `(${plural(notice.pairs, 'pair', 'pairs')}) by DM.`;
  const withheld = withheldText(notice);
  const full = withheld ? `${text} ${withheld}` : text;
  return { text: full, blocks: [section(full)] };
}
