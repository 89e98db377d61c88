import { CAREER_STAGE_LABELS, type CareerStage, joinWithAnd, topicLabel } from '../../domain/catalogue.js';
import type { Cadence } from '../../domain/cohort.js';
import type { RenderedStep } from '../../domain/curriculum/index.js';
import { describeReasons, type PairReason } from '../../domain/matching/index.js';
import { weekdayName } from '../../domain/time.js';
import { context, divider, escapeMrkdwn, fields, header, mention, section } from './blocks.js';
import type { Message } from './messages.js';

export interface PersonCard {
  userId: string;
  team: string;
  careerStage: CareerStage;
  goals: string;
  topics: string[];
}

export interface IntroModel {
  cohortName: string;
  weeks: number;
  cadence: Cadence;
  promptWeekday: number;
  promptHour: number;
  mentor: PersonCard;
  mentee: PersonCard;
  reasons: readonly PairReason[];
  kickoff: RenderedStep;
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function cadenceLabel(cadence: Cadence): string {
  return cadence === 'weekly' ? 'every week' : 'every two weeks';
}

/** The rendered prompt as blocks: title, body, the activity and the mentee's reflection question. */
export function promptBlocks(step: RenderedStep) {
  return [
    section(`*${escapeMrkdwn(step.title)}*\n${step.body}`),
    ...(step.tryThis ? [section(`:point_right: *Try this:* ${step.tryThis}`)] : []),
    ...(step.menteeReflection
      ? [context(`:thought_balloon: *For the mentee, afterwards:* ${step.menteeReflection}`)]
      : []),
    ...(step.mentorReflection ? [context(`:seedling: *For the mentor:* ${step.mentorReflection}`)] : []),
  ];
}

/** The first message in a pair's group DM: who is who, why they were matched, the ground rules, week 1. */
export function introMessage(model: IntroModel): Message {
  const { mentor, mentee } = model;
  const why = escapeMrkdwn(describeReasons(model.reasons));
  const text =
    `Meet your reverse-mentoring partner: ${mention(mentor.userId)} will share, ${mention(mentee.userId)} will learn. ` +
    `Why you two: ${why}.`;
  const card = (person: PersonCard, role: string) =>
    section(
      `*${role}: ${mention(person.userId)}*\n${escapeMrkdwn(person.team)} · ${CAREER_STAGE_LABELS[person.careerStage]}\n` +
        `_${role === 'Mentor' ? 'Can share' : 'Wants to learn'}:_ ${escapeMrkdwn(joinWithAnd(person.topics.map(topicLabel)))}\n` +
        `_Goals:_ ${escapeMrkdwn(person.goals)}`,
    );
  return {
    text,
    blocks: [
      header(`Welcome to ${model.cohortName}`),
      section(
        `${mention(mentor.userId)}, ${mention(mentee.userId)} — you're a reverse-mentoring pair for the next ` +
          `${model.weeks} weeks. ${mention(mentor.userId)} shares what they know best; ${mention(mentee.userId)} ` +
          'comes to listen and learn. Both of you will learn something.',
      ),
      section(`*Why you two:* ${why}`),
      card(mentor, 'Mentor'),
      card(mentee, 'Mentee'),
      divider(),
      section(
        '*Ground rules*\n' +
          '• What is said in this pair stays in this pair. Owners only ever see whether you met, never what you said.\n' +
          '• Both sides learn: the mentor leads the conversation, the mentee asks and listens rather than advises.\n' +
          '• About 30 minutes a week is plenty. Video, coffee or a walk — whatever works for you two.',
      ),
      fields([
        [
          'Prompts',
          `${weekdayName(model.promptWeekday)}s at ${hourLabel(model.promptHour)}, ${cadenceLabel(model.cadence)}`,
        ],
        ['Check-ins', 'Midway between prompts: one tap to say whether you met'],
      ]),
      divider(),
      section('*This week: get started*'),
      ...promptBlocks(model.kickoff),
      context(
        'Need to pause (holiday, busy week) or step out? `/reverse-mentor help` shows how — privately.',
      ),
    ],
  };
}

/** To someone the matching couldn't place this time. */
export function unmatchedMessage(cohortName: string, reason: string): Message {
  const text =
    `${escapeMrkdwn(cohortName)} has started, and this time I couldn't find you a partner (${escapeMrkdwn(reason)}). ` +
    "You're first in line for the next cohort — nothing to do on your side.";
  return {
    text,
    blocks: [
      section(`*${escapeMrkdwn(cohortName)} has started — but not for you yet*`),
      section(
        `I looked at every possible pairing for the whole cohort and couldn't find you a partner this time: ${escapeMrkdwn(reason)}. ` +
          "That's about how the numbers fell, not about you.",
      ),
      section(
        "*You're first in line for the next cohort.* Your profile stays as it is; you'll hear from me when it opens. " +
          'If you want, you can update your topics any time with `/reverse-mentor`.',
      ),
    ],
  };
}
