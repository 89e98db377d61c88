import { ACTIONS } from '../ids.js';
import {
  actions,
  button,
  capBlocks,
  context,
  escapeMrkdwn,
  LIMITS,
  mention,
  section,
  truncate,
} from './blocks.js';
import type { Message } from './messages.js';

/** Lists people as mentions with a short note each, within one section's 3000 characters. */
function peopleList(items: readonly { userId: string; note: string }[], max = 40): string {
  const shown = items.slice(0, max).map((i) => `• ${mention(i.userId)} — ${escapeMrkdwn(i.note)}`);
  const more = items.length > max ? `\n…and ${items.length - max} more (see the Home tab)` : '';
  return truncate(shown.join('\n') + more, LIMITS.sectionText);
}

export function launchReportMessage(
  cohortName: string,
  introductions: number,
  unmatched: readonly { userId: string; reason: string }[],
): Message {
  const text = `${escapeMrkdwn(cohortName)} is launched: ${introductions} introductions on their way, ${unmatched.length} people not matched this time.`;
  return {
    text,
    blocks: [
      section(
        `:rocket: *${escapeMrkdwn(cohortName)} is launched.* ${introductions} pair${introductions === 1 ? '' : 's'} ` +
          'are being introduced in their own group messages. Any introduction Slack refuses will be reported to you here.',
      ),
      ...(unmatched.length > 0
        ? [
            section(
              `*Not matched this time (${unmatched.length})* — each has been told kindly and is first in line next time:\n` +
                peopleList(unmatched.map((u) => ({ userId: u.userId, note: u.reason }))),
            ),
          ]
        : [context('Everyone who enrolled has a partner.')]),
    ],
  };
}

export function draftReadyMessage(
  cohortId: number,
  cohortName: string,
  pairs: number,
  unmatched: number,
): Message {
  const text = `Draft pairs for ${escapeMrkdwn(cohortName)} are ready to review: ${pairs} pairs, ${unmatched} not matched.`;
  return {
    text,
    blocks: [
      section(
        `:clipboard: *Enrolment for ${escapeMrkdwn(cohortName)} has closed.* I proposed ${pairs} pair${pairs === 1 ? '' : 's'} ` +
          `for the whole cohort (${unmatched} not matched). Nothing has been sent to anyone yet.`,
      ),
      actions([button('Review pairs', ACTIONS.reviewPairs, { value: String(cohortId), style: 'primary' })]),
    ],
  };
}

/**
 * A private note to program owners (help requested, someone left, a delivery Slack refused…). `body` is
 * mrkdwn: callers escape any user text in it; it goes into the notification text and the block alike.
 */
export function ownerAlertMessage(
  title: string,
  body: string,
  buttons: ReturnType<typeof button>[] = [],
): Message {
  return {
    text: `${escapeMrkdwn(title)} — ${body}`,
    blocks: capBlocks(
      [
        section(`*${escapeMrkdwn(title)}*\n${body}`),
        ...(buttons.length > 0 ? [actions(buttons)] : []),
        context('Only program owners get this message.'),
      ],
      LIMITS.messageBlocks,
      (n) => `${n} more`,
    ),
  };
}
