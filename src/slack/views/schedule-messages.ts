import type { RenderedStep } from '../../domain/curriculum/index.js';
import { ACTIONS } from '../ids.js';
import { actions, button, context, divider, escapeMrkdwn, header, mention, section } from './blocks.js';
import type { Message } from './messages.js';
import { promptBlocks } from './pair-messages.js';

export interface PairNames {
  mentorId: string;
  menteeId: string;
}

/** This cycle's conversation prompt (the last one is the wrap-up). */
export function promptMessage(step: RenderedStep, cycles: number, pair: PairNames): Message {
  const last = step.kind === 'wrap-up';
  const heading = last ? `Last week: ${step.title}` : `Week ${step.cycle} of ${cycles}: ${step.title}`;
  return {
    text: `${heading} — your reverse-mentoring prompt for this week.`,
    blocks: [
      header(heading),
      section(
        last
          ? `${mention(pair.mentorId)} ${mention(pair.menteeId)} — your last conversation of this cohort. Make it count:`
          : `${mention(pair.mentorId)} ${mention(pair.menteeId)} — here is this week's conversation starter. About 30 minutes is plenty.`,
      ),
      ...promptBlocks(step),
      context(
        'Not this week? That’s fine — pick it up when you can. Pausing is private: `/reverse-mentor pause`.',
      ),
    ],
  };
}

/** What the shared check-in message shows per person: never a request for help, which is private. */
export type CheckinState = Record<string, 'met' | 'not_yet' | undefined>;

const ANSWER_LABELS = { met: ':white_check_mark: met', not_yet: ':hourglass: not yet' };

/** The mid-cycle check-in with its three buttons; `state` shows who has answered what so far. */
export function checkinMessage(
  pairId: number,
  cycle: number,
  pair: PairNames,
  state: CheckinState = {},
): Message {
  const value = `${pairId}:${cycle}`;
  const answered = [pair.mentorId, pair.menteeId].map(
    (id) => `${mention(id)}: ${state[id] ? ANSWER_LABELS[state[id]] : '_no answer yet_'}`,
  );
  const metSoFar = Object.values(state).includes('met');
  return {
    text: 'Quick check-in: did you two meet this week?',
    blocks: [
      section(
        metSoFar
          ? ':tada: *Nice — you met this week.* Thanks for letting me know.'
          : '*Quick check-in:* did you two meet this week? One tap is enough — only whether you met is recorded, never what you talked about.',
      ),
      actions(
        [
          button('We met', ACTIONS.checkinMet, { value, style: 'primary' }),
          button('Not yet', ACTIONS.checkinNotYet, { value }),
          button('We need help', ACTIONS.checkinHelp, { value }),
        ],
        `checkin_${value}`,
      ),
      context(answered.join(' · ')),
    ],
  };
}

/** One friendly nudge to a pair that hasn't met for two cycles. */
export function reminderMessage(pair: PairNames): Message {
  const text = `${mention(pair.mentorId)} ${mention(pair.menteeId)} — it's been a couple of weeks. Fancy 20 minutes this week?`;
  return {
    text,
    blocks: [
      section(
        `:wave: ${mention(pair.mentorId)} ${mention(pair.menteeId)} — it looks like you haven't managed to meet for a couple of weeks. ` +
          'Calendars get full; that happens. How about 20 minutes this week, even over a coffee?',
      ),
      context(
        'If the timing is wrong, either of you can pause for a while (`/reverse-mentor pause`), or press "We need help" on a check-in and a program owner will get in touch privately.',
      ),
    ],
  };
}

/** The last message in a pair's group DM. */
export function thanksMessage(cohortName: string, pair: PairNames): Message {
  return {
    text: `${escapeMrkdwn(cohortName)} is complete — thank you both!`,
    blocks: [
      header(`Thank you, both of you`),
      section(
        `${escapeMrkdwn(cohortName)} is complete. ${mention(pair.mentorId)}, thank you for sharing what you know so generously; ` +
          `${mention(pair.menteeId)}, thank you for coming to learn with an open mind. ` +
          'Nothing stops you meeting again — many pairs keep going.',
      ),
      divider(),
      context('I will ask each of you two quick questions privately, so the next cohort can be even better.'),
    ],
  };
}

export function pausedPartnerMessage(pausedUserId: string, until: string | null): Message {
  const text = `${mention(pausedUserId)} is taking a short break${until ? ` until ${until}` : ''}. Prompts for your pair pause until then.`;
  return { text, blocks: [section(`:palm_tree: ${text} Nothing to do on your side.`)] };
}

export function resumedPartnerMessage(userId: string): Message {
  const text = `${mention(userId)} is back: prompts for your pair start again with the next one.`;
  return { text, blocks: [section(`:wave: ${text}`)] };
}

/** To the partner who stays: kind, and without the reason (that goes to owners only). */
export function partnerLeftMessage(leaverId: string): Message {
  const text = `${mention(leaverId)} has had to step out of your reverse-mentoring pair. Thank you for the time you spent together.`;
  return {
    text,
    blocks: [
      section(
        `${text} This isn't about you — people's circumstances change. ` +
          "A program owner knows, and may introduce you to a new partner; you don't need to do anything.",
      ),
    ],
  };
}

/** To the partner who stays when the other's Slack account was deactivated: no blame, and what happens next. */
export function partnerGoneMessage(goneId: string): Message {
  const text = `${mention(goneId)} is no longer on Slack, so your reverse-mentoring pair has come to an end. Thank you for the time you spent together.`;
  return {
    text,
    blocks: [
      section(
        `${text} A program owner knows and can introduce you to someone new in this cohort — you don't need to ` +
          "do anything. Either way, you'll still be asked for your thoughts when the cohort ends.",
      ),
    ],
  };
}

/** To both people when an owner ends a pairing that wasn't working: no reason, no blame. */
export function pairEndedMessage(): Message {
  const text =
    "Your reverse-mentoring pairing has come to an end. Sometimes two people just aren't the right match — that's nobody's fault.";
  return {
    text,
    blocks: [
      section(`${text} If someone else in the cohort is free, I'll introduce you to a new partner shortly.`),
    ],
  };
}
