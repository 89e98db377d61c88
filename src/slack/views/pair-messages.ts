import { CAREER_STAGE_LABELS, type CareerStage, joinWithAnd, topicLabel } from '../../domain/catalogue.js';
import type { Cadence } from '../../domain/cohort.js';
import type { RenderedStep } from '../../domain/curriculum/index.js';
import { describeReasons, type PairReason } from '../../domain/matching/index.js';
import type { MeetingSuggestion } from '../../domain/windows.js';
import { context, divider, escapeMrkdwn, fields, header, mention, section } from './blocks.js';
import { meetingLabel, weeklyLabel } from './local-times.js';
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
  /** Each partner's own day and time for the weekly prompt, their zone's name, and when they could meet. */
  when: {
    mentor: LocalWhen;
    mentee: LocalWhen;
    meeting: MeetingSuggestion;
  };
  mentor: PersonCard;
  mentee: PersonCard;
  reasons: readonly PairReason[];
  kickoff: RenderedStep;
}

/** One partner's weekly prompt moment on their own clock, and the name of their zone. */
export interface LocalWhen {
  zone: string;
  prompt: { weekday: number; minute: number };
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function cadenceLabel(cadence: Cadence): string {
  return cadence === 'weekly' ? 'every week' : 'every two weeks';
}

/**
 * The rendered prompt as blocks: body, the activity and the reflection questions. The title is not repeated
 * here: the weekly prompt carries it in its header, and the introduction gives the kick-off a `heading` of its own.
 */
export function promptBlocks(step: RenderedStep, heading?: string) {
  return [
    section(heading ? `*${escapeMrkdwn(heading)}*\n${step.body}` : step.body),
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
  const who = `${mention(mentor.userId)} and ${mention(mentee.userId)}, you're a pair for the next ${model.weeks} weeks.`;
  const text = `Meet your reverse-mentoring partner. ${who} Why you two: ${why}.`;
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
        `*Meet your reverse-mentoring partner.* ${who} ${mention(mentor.userId)} shares what they know best and ` +
          `${mention(mentee.userId)} comes to learn, though most pairs find it works both ways.`,
      ),
      section(`*Why you two:* ${why}`),
      card(mentor, 'Mentor'),
      card(mentee, 'Mentee'),
      divider(),
      // How the two work together (who leads, listening) is the kick-off's first conversation, not a rule here.
      section(
        '*Ground rules*\n' +
          '• Private by default: program owners only ever see whether you met, never what you talked about.\n' +
          '• Nothing to prepare: each prompt gives you something to talk about, and you can always go your own way.',
      ),
      fields([
        [
          'Prompts',
          `${model.cadence === 'weekly' ? 'Weekly' : 'Every two weeks'}, each in your own time: ` +
            `${weeklyLabel(model.when.mentor.prompt, model.when.mentor.zone)} for ${mention(mentor.userId)}, ` +
            `${weeklyLabel(model.when.mentee.prompt, model.when.mentee.zone)} for ${mention(mentee.userId)}`,
        ],
        ['Check-ins', 'Midway between prompts: one tap to say whether you met'],
      ]),
      section(
        `*When you could meet*\n${meetingLabel(
          model.when.meeting,
          { userId: mentor.userId, zone: model.when.mentor.zone },
          { userId: mentee.userId, zone: model.when.mentee.zone },
        )}`,
      ),
      divider(),
      ...promptBlocks(model.kickoff, 'This week: get started'),
      context(
        'Need to pause (holiday, busy week) or step out? `/reverse-mentor help` shows how — privately.',
      ),
    ],
  };
}

/** To someone the matching couldn't place this time. */
export function unmatchedMessage(cohortName: string, reason: string): Message {
  const name = escapeMrkdwn(cohortName);
  const text = `${name} has started, but not for you yet. You're first in line for the next cohort.`;
  return {
    text,
    blocks: [
      section(`*${name} has started, but not for you yet.*`),
      section(
        "I looked at every possible pairing for the whole cohort, and couldn't find you a partner: " +
          `${escapeMrkdwn(reason.replace(/[.\s]+$/, ''))}. That's about who signed up, not about you.`,
      ),
      section(
        "*You're first in line for the next cohort.* Your profile stays as it is; you'll hear from me when it opens. " +
          'If you want, you can update your topics any time with `/reverse-mentor`.',
      ),
    ],
  };
}
