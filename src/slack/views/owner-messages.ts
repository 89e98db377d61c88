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
import { counted, type Message, numberWord } from './messages.js';

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
  const name = escapeMrkdwn(cohortName);
  const introduced =
    introductions === 1
      ? '1 pair is being introduced in its own group message.'
      : `${introductions} pairs are being introduced in their own group messages.`;
  const notMatched = `Not matched this time: ${counted(unmatched.length, 'person', 'people')}.`;
  const text = `${name} is launched. ${introduced}${unmatched.length > 0 ? ` ${notMatched}` : ''}`;
  return {
    text,
    blocks: [
      section(
        `:rocket: *${name} is launched.* ${introduced} Each arrives at the first moment inside both partners’ ` +
          'working hours, so some may wait until their morning. Any introduction Slack refuses will be reported to you here.',
      ),
      ...(unmatched.length > 0
        ? [
            section(
              `*${notMatched}* Each has been told kindly and is first in line next time.\n` +
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
  const name = escapeMrkdwn(cohortName);
  const proposed =
    `I proposed ${counted(pairs, 'pair')} for the whole cohort` +
    (unmatched > 0
      ? `, with ${counted(unmatched, 'person', 'people')} not matched.`
      : ', with everyone matched.');
  const text = `Enrolment for ${name} has closed and the draft pairs are ready to review. ${proposed}`;
  return {
    text,
    blocks: [
      section(
        `:clipboard: *Enrolment for ${name} has closed and the draft pairs are ready to review.* ${proposed} ` +
          'Nothing has been sent to anyone yet.',
      ),
      actions([button('Review pairs', ACTIONS.reviewPairs, { value: String(cohortId), style: 'primary' })]),
    ],
  };
}

/**
 * The note owners get when a pair's check-ins have gone unanswered for a while: one per pair and cycle, naming
 * whoever in it is silent (both, when neither answered). `cycles` is how many unanswered check-ins that took.
 */
export function quietPairNote(
  cohortName: string,
  pair: { mentorId: string; menteeId: string },
  silent: readonly string[],
  cycles: number,
): { title: string; body: string } {
  const name = escapeMrkdwn(cohortName);
  const checkins = `the last ${numberWord(cycles)} check-ins`;
  const both = silent.includes(pair.mentorId) && silent.includes(pair.menteeId);
  if (both) {
    return {
      title: 'A pair may need a nudge',
      body:
        `Neither ${mention(pair.mentorId)} nor ${mention(pair.menteeId)} has answered ${checkins} in ${name}. ` +
        'A short, private hello to one of them may help. They may also be meeting and simply not pressing buttons.',
    };
  }
  const quiet = silent[0] ?? pair.mentorId;
  const partner = quiet === pair.mentorId ? pair.menteeId : pair.mentorId;
  return {
    title: 'A pair may need a nudge',
    body:
      `${mention(quiet)} hasn't answered ${checkins} in ${name}; their partner is ${mention(partner)}. ` +
      'A short, private hello from you may help. They may also simply prefer not to press buttons.',
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
