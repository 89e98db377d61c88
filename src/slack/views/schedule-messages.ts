import type { Cadence } from '../../domain/cohort.js';
import type { RenderedStep } from '../../domain/curriculum/index.js';
import type { MeetingSuggestion } from '../../domain/windows.js';
import { ACTIONS } from '../ids.js';
import { actions, button, context, divider, escapeMrkdwn, header, mention, section } from './blocks.js';
import { SURVEY_QUESTION_COUNT } from './feedback-messages.js';
import { type LocalPerson, meetingLabel } from './local-times.js';
import { type Message, numberWord } from './messages.js';
import { promptBlocks } from './pair-messages.js';

export interface PairNames {
  mentorId: string;
  menteeId: string;
}

/**
 * What a pair has told the check-ins: in how many cycles one of them pressed "We met", out of how many. The
 * wrap-up and the thank-you are worded from it, so a pair that never said it met isn't thanked for meeting.
 */
export interface MeetingTally {
  met: number;
  of: number;
}

function cycleWord(cadence: Cadence, plural = false): string {
  if (cadence === 'weekly') return plural ? 'weeks' : 'week';
  return plural ? 'fortnights' : 'fortnight';
}

/** "every week", "in 3 of the 5 weeks". */
function howOften(tally: MeetingTally, cadence: Cadence): string {
  return tally.met >= tally.of
    ? `every ${cycleWord(cadence)}`
    : `in ${tally.met} of the ${tally.of} ${cycleWord(cadence, tally.of !== 1)}`;
}

export interface PromptOptions {
  cadence?: Cadence;
  /** For the wrap-up: what the pair said in the cycles before it. Left out, the wrap-up stays neutral. */
  before?: MeetingTally;
  /** When the two could meet this week, in each one's own time (see domain/windows.ts). */
  meeting?: { suggestion: MeetingSuggestion; mentor: LocalPerson; mentee: LocalPerson };
}

/** This cycle's conversation prompt (the last one is the wrap-up). */
export function promptMessage(
  step: RenderedStep,
  cycles: number,
  pair: PairNames,
  options: PromptOptions = {},
): Message {
  const cadence = options.cadence ?? 'weekly';
  const unit = cycleWord(cadence);
  const last = step.kind === 'wrap-up';
  const heading = `${cadence === 'weekly' ? 'Week' : 'Fortnight'} ${step.cycle} of ${cycles}: ${step.title}`;
  const lead = last
    ? wrapUpLead(unit, options.before, cadence)
    : step.kind === 'conversation'
      ? cadence === 'weekly'
        ? "here is an idea for this week's conversation."
        : 'here is an idea for your next conversation.'
      : 'here is how to get started.';
  return {
    text: `${heading} — ${lead.split('\n')[0]}`,
    blocks: [
      header(heading),
      section(`${mention(pair.mentorId)} ${mention(pair.menteeId)} — ${lead}`),
      ...promptBlocks(step),
      ...(options.meeting && !last
        ? [
            context(
              `:calendar: ${meetingLabel(options.meeting.suggestion, options.meeting.mentor, options.meeting.mentee)}`,
            ),
          ]
        : []),
      context(
        last
          ? 'After this, I’ll send a short thank-you and a feedback form, and that’s all.'
          : `Not this ${unit}? That’s fine — pick it up when you can. Pausing is private: \`/reverse-mentor pause\`.`,
      ),
    ],
  };
}

/** The wrap-up's opening words follow what the pair told the check-ins. */
function wrapUpLead(unit: string, before: MeetingTally | undefined, cadence: Cadence): string {
  const opening = `this is the last ${unit} of the cohort.`;
  if (!before || before.of === 0) return `${opening} Here is a way to round it off together.`;
  if (before.met > 0) {
    return (
      `${opening} You told me you met ${howOften(before, cadence)} so far; thank you for making the time. ` +
      'Here is a way to round it off together.'
    );
  }
  return (
    `${opening} I haven't yet heard that you two managed to meet, and that's all right: diaries fill up.\n` +
    'If you did meet, the questions below will help you look back together. If not, one half hour this ' +
    `${unit} is still worth having: start with what each of you hoped to get from this, and go from there.`
  );
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
    // The notification follows the message once it is updated.
    text: metSoFar
      ? 'Nice — you met this week. Thanks for letting me know.'
      : 'Quick check-in: did you two meet this week?',
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

export interface ReminderOptions {
  /** Someone answered "Not yet" since the pair last met: then I did hear something, and say so. */
  saidNotYet?: boolean;
}

/**
 * One friendly nudge to a pair that hasn't said it met for two cycles. It never assumes they didn't meet:
 * most often nobody pressed a button.
 */
export function reminderMessage(pair: PairNames, options: ReminderOptions = {}): Message {
  const who = `${mention(pair.mentorId)} ${mention(pair.menteeId)}`;
  const ask = 'how about 20 minutes this week, even over a coffee?';
  const heard = options.saidNotYet
    ? 'you told me “not yet” at a recent check-in.'
    : "it's been a little while, and I haven't heard whether you met.";
  const body = options.saidNotYet
    ? `Diaries fill up; ${ask}`
    : `If you did, press “We met” on the next check-in so I know. If not, diaries fill up; ${ask}`;
  return {
    text: `${who} — ${heard} How about 20 minutes this week, even over a coffee?`,
    blocks: [
      section(`:wave: ${who} — ${heard} ${body}`),
      context(
        'If the timing is wrong, either of you can pause for a while with `/reverse-mentor pause`, or press “We need help” on a check-in and a program owner will get in touch privately.',
      ),
    ],
  };
}

export interface ThanksOptions {
  /** What the pair told the check-ins over the whole cohort. */
  tally: MeetingTally;
  cadence?: Cadence;
}

/** The last message in a pair's group DM, worded from what the pair told the check-ins. */
export function thanksMessage(cohortName: string, pair: PairNames, options: ThanksOptions): Message {
  const name = escapeMrkdwn(cohortName);
  const cadence = options.cadence ?? 'weekly';
  const { tally } = options;
  const questions = `${numberWord(SURVEY_QUESTION_COUNT)} quick questions`;
  if (tally.met === 0) {
    // Not thanked for meeting: nobody said they did. Thanked for taking part, and the door left open.
    const opening = `${name} is complete. I never heard that you two managed to meet, and that's all right: diaries fill up.`;
    return {
      text: opening,
      blocks: [
        header('Thank you, both of you'),
        section(
          `${opening} If you did, I hope it was worth your time. ` +
            "If not, it isn't too late: this group DM stays open, and one conversation is still worth having.",
        ),
        divider(),
        context(
          `I'll ask each of you ${questions} privately. How it went for you helps shape the next cohort, whether you met or not.`,
        ),
      ],
    };
  }
  const met =
    tally.met >= tally.of
      ? `You told me you met ${howOften(tally, cadence)}: thank you for keeping it going, ${cycleWord(cadence)} after ${cycleWord(cadence)}.`
      : `You told me you met ${howOften(tally, cadence)}: thank you for making the time.`;
  const opening = `${name} is complete. ${met}`;
  return {
    text: opening,
    blocks: [
      header('Thank you, both of you'),
      section(
        `${opening} ${mention(pair.mentorId)}, thank you for sharing what you know so generously; ` +
          `${mention(pair.menteeId)}, thank you for coming to learn with an open mind. ` +
          'Nothing stops you meeting again — many pairs keep going.',
      ),
      divider(),
      context(`I'll ask each of you ${questions} privately, so the next cohort can be even better.`),
    ],
  };
}

export function pausedPartnerMessage(pausedUserId: string, until: string | null): Message {
  const text = until
    ? `${mention(pausedUserId)} is taking a short break until ${until}. Prompts for your pair pause until then.`
    : `${mention(pausedUserId)} is taking a short break. Prompts for your pair pause until they're back.`;
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
