import type { KnownBlock } from '@slack/types';
import { CAREER_STAGE_LABELS, joinWithAnd, ROLE_LABELS, topicLabel } from '../../domain/catalogue.js';
import type { Cohort } from '../../domain/cohort.js';
import type { Profile } from '../../domain/profile.js';
import { formatDate } from '../../domain/time.js';
import { ACTIONS } from '../ids.js';
import {
  actions,
  button,
  context,
  escapeExceptMentions,
  escapeMrkdwn,
  fields,
  LIMITS,
  section,
  truncate,
} from './blocks.js';

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "three" for 3, as a sentence says small numbers; digits from 11 on. */
export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "1 pair", "3 pairs"; `many` for words that don't just take an s ("people"). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface SubcommandHelp {
  usage: string;
  description: string;
}

const OPEN_FORM_HELP: SubcommandHelp = {
  usage: '/reverse-mentor',
  description: 'Join the program, or edit your answers',
};

export function helpMessage(subcommands: readonly SubcommandHelp[], intro?: string): Message {
  const lines = [OPEN_FORM_HELP, ...subcommands].map((s) => `• \`${s.usage}\` — ${s.description}`);
  const text = [intro, '*Reverse mentoring — what you can do*', ...lines].filter(Boolean).join('\n');
  return {
    text,
    blocks: [
      ...(intro ? [section(intro)] : []),
      section(`*Reverse mentoring — what you can do*\n${lines.join('\n')}`),
      context('Your Home tab with the app shows your profile and your pair at any time.'),
    ],
  };
}

export function unknownSubcommandMessage(
  subcommand: string,
  subcommands: readonly SubcommandHelp[],
): Message {
  return helpMessage(
    subcommands,
    `Sorry, I don't know the subcommand “${escapeMrkdwn(subcommand.slice(0, 40))}”. Here's what I can do:`,
  );
}

export function confirmLeaveMessage(inPair = false): Message {
  const text = inPair
    ? 'Just need to step out of your pair? Or leave reverse mentoring altogether?'
    : 'Leave reverse mentoring altogether? This deletes your profile, topics, team and goals.';
  return {
    text,
    blocks: [
      ...(inPair
        ? [
            section(
              '*Just need to step out of your pair?* Leave the pair and keep your profile for a future cohort. ' +
                'Your partner is told kindly, without any reason.',
            ),
            actions([button('Leave my pair', ACTIONS.leavePair, { value: 'leave' })]),
          ]
        : []),
      section(
        `*${inPair ? 'Or leave' : 'Leave'} reverse mentoring altogether?*\nThis deletes your profile, topics, team and goals, your confidential ` +
          "“don't pair me with” list, your check-in, fit-check and survey answers, any reason or note you gave the program owners, and " +
          'every stored message that carried them. Only the fact that you were paired with someone, and when, is kept — so you are never paired ' +
          'with the same person again. You can join again any time.',
      ),
      actions([
        button('Yes, delete my profile', ACTIONS.confirmLeave, { style: 'danger', value: 'confirm' }),
        button('Keep me in', ACTIONS.cancelLeave, { value: 'cancel' }),
      ]),
    ],
  };
}

export function notInProgramMessage(): Message {
  const text =
    "You're not in the program, so there is nothing to delete. Join any time with `/reverse-mentor`.";
  return { text, blocks: [section(text)] };
}

export function leftMessage(): Message {
  const text =
    'Done — your profile and answers are deleted. Thank you for taking part; `/reverse-mentor` brings you back any time.';
  return { text, blocks: [section(text)] };
}

export function leaveCancelledMessage(): Message {
  const text = 'Good to keep you. Nothing has changed.';
  return { text, blocks: [section(text)] };
}

export function profileSummaryFields(profile: Profile) {
  const topics = profile.topics.map(topicLabel);
  return fields([
    ['Role', ROLE_LABELS[profile.role]],
    ['Career stage', CAREER_STAGE_LABELS[profile.careerStage]],
    ['Team', escapeMrkdwn(profile.team)],
    [profile.role === 'mentor' ? 'Topics to share' : 'Topics to learn', escapeMrkdwn(joinWithAnd(topics))],
  ]);
}

/** The DM someone gets after saving the opt-in form. */
export function profileSavedMessage(profile: Profile, created: boolean, cohort: Cohort | null): Message {
  const intro = created
    ? "*You're in — welcome to reverse mentoring!* :tada:"
    : '*Your reverse-mentoring profile is updated.*';
  const partner =
    profile.role === 'mentor'
      ? 'a senior colleague who wants to learn what you know'
      : 'a colleague earlier in their career who can share what you want to learn';
  const next =
    cohort && cohort.state === 'enrolling'
      ? `You're enrolled in *${escapeMrkdwn(cohort.name)}*. When enrolment closes on ${formatDate(cohort.enrolmentClosesOn)}, ` +
        `I'll pair you with ${partner} and introduce you both in a group message.`
      : cohort
        ? `You're in *${escapeMrkdwn(cohort.name)}*; your changes are saved.`
        : `No cohort is open right now. When one opens, I'll let you know so you can join; then I'll pair you with ${partner}.`;
  const text = `${created ? "You're in — welcome to reverse mentoring!" : 'Your reverse-mentoring profile is updated.'} ${next.replace(/\*/g, '')}`;
  return {
    text,
    blocks: [
      section(intro),
      profileSummaryFields(profile),
      section(`*Your goals*\n${escapeMrkdwn(profile.goals)}`),
      section(`*What happens next*\n${next}`),
      context(
        'Change your answers with `/reverse-mentor` or from my Home tab. `/reverse-mentor leave` removes everything.',
      ),
    ],
  };
}

/** What a person sees when Slack itself let us down while handling their request. */
export function apologyMessage(whatFailed: string, tryThis: string, code: string): Message {
  const text = escapeMrkdwn(`Sorry — ${whatFailed}. ${tryThis} (Slack said: ${code})`);
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/**
 * A one-line answer (ephemeral or DM). Our own mentions of people and channels stay live; anything else that
 * looks like markup — in the notification text as in the block — is shown as typed.
 */
export function simpleMessage(text: string): Message {
  // Cut to one section's length, in the notification text too: a sentence that echoes something huge a
  // person typed must still be a message Slack accepts.
  const safe = truncate(escapeExceptMentions(text), LIMITS.sectionText);
  return { text: safe, blocks: [section(safe)] };
}

/** To everyone in a cohort an owner cancelled. */
export function cohortCancelledMessage(cohortName: string): Message {
  const text =
    `The program owners have cancelled ${escapeMrkdwn(cohortName)}, so there will be no more prompts or check-ins for it. ` +
    'Your profile stays as it is, and you will hear from me when the next cohort opens.';
  return { text, blocks: [section(text)] };
}
