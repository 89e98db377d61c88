import type { KnownBlock, ModalView } from '@slack/types';
import {
  CAREER_STAGE_LABELS,
  CAREER_STAGES,
  CATALOGUE_TOPICS,
  isCatalogueTopic,
  ROLE_LABELS,
  ROLES,
} from '../../domain/catalogue.js';
import type { Cohort } from '../../domain/cohort.js';
import {
  GOALS_MAX_LENGTH,
  OTHER_TOPICS_MAX_LENGTH,
  type Profile,
  type ProfileDraft,
  type ProfileField,
  TEAM_MAX_LENGTH,
} from '../../domain/profile.js';
import { formatDate, WEEKDAY_NAMES } from '../../domain/time.js';
import { DEFAULT_WORKING_HOURS } from '../../domain/windows.js';
import { CALLBACKS, OPT_IN_BLOCKS } from '../ids.js';
import {
  type StateValues,
  selectedTime,
  selectedUsers,
  selectedValue,
  selectedValues,
  textValue,
} from '../payloads.js';
import { context, escapeMrkdwn, input, option, plain, section } from './blocks.js';

/** Which cohort saving the form enrols the person in. */
export type CohortChoice =
  /** Already in an open cohort: nothing to choose. */
  | { kind: 'current'; cohort: Cohort }
  /** One cohort is enrolling: saving enrols them in it. */
  | { kind: 'single'; cohort: Cohort }
  /** Several are enrolling: they pick one. */
  | { kind: 'pick'; cohorts: readonly Cohort[]; selected: number | null }
  | { kind: 'none' };

export interface OptInMetadata {
  cohortId: number | null;
}

function cohortBlocks(choice: CohortChoice): KnownBlock[] {
  switch (choice.kind) {
    case 'current':
      return [
        context(`You're in *${escapeMrkdwn(choice.cohort.name)}*. Changes apply to your pairing there.`),
      ];
    case 'single':
      return [
        section(
          `Saving enrols you in *${escapeMrkdwn(choice.cohort.name)}* — enrolment closes ` +
            `${formatDate(choice.cohort.enrolmentClosesOn)}, and it starts ${formatDate(choice.cohort.startsOn)}.`,
        ),
      ];
    case 'pick': {
      const options = choice.cohorts
        .slice(0, 100)
        .map((c) => option(c.name, String(c.id), `Closes ${c.enrolmentClosesOn}`));
      const initial = options.find((o) => o.value === String(choice.selected));
      return [
        input(OPT_IN_BLOCKS.cohort, 'Which cohort?', {
          type: 'static_select',
          action_id: 'value',
          placeholder: plain('Choose a cohort'),
          options,
          ...(initial ? { initial_option: initial } : {}),
        }),
      ];
    }
    case 'none':
      return [
        context("No cohort is open right now. Save your profile and you'll be first to hear when one opens."),
      ];
  }
}

const roleOptions = ROLES.map((role) => option(ROLE_LABELS[role], role));
const stageOptions = CAREER_STAGES.map((stage) => option(CAREER_STAGE_LABELS[stage], stage));
const topicOptions = CATALOGUE_TOPICS.map((topic) => option(topic.label, topic.id));

/** The opt-in form, pre-filled when the person already has a profile. */
export function optInModal(profile: Profile | null, choice: CohortChoice = { kind: 'none' }): ModalView {
  const chosenTopics = (profile?.topics ?? []).filter(isCatalogueTopic);
  const blocks: KnownBlock[] = [
    section(
      profile
        ? 'Update your answers below — your profile changes as soon as you save.'
        : 'Reverse mentoring flips the usual direction: someone earlier in their career shares what they know ' +
            'best, a senior leader learns, and both come away with something new. Tell us a little about you.',
    ),
    ...cohortBlocks(choice),
    input(OPT_IN_BLOCKS.role, 'How would you like to take part?', {
      type: 'radio_buttons',
      action_id: 'value',
      options: roleOptions,
      ...(profile ? { initial_option: roleOptions.find((o) => o.value === profile.role) } : {}),
    }),
    input(
      OPT_IN_BLOCKS.topics,
      'Topics',
      {
        type: 'checkboxes',
        action_id: 'value',
        options: topicOptions,
        ...(chosenTopics.length > 0
          ? { initial_options: topicOptions.filter((o) => chosenTopics.includes(o.value as never)) }
          : {}),
      },
      {
        optional: true,
        hint: plain('Mentors: what you can share. Mentees: what you would like to learn.'),
      },
    ),
    input(
      OPT_IN_BLOCKS.otherTopics,
      'Other topics',
      {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: OTHER_TOPICS_MAX_LENGTH,
        placeholder: plain('e.g. Slack workflows, TikTok for brands'),
        ...(profile?.otherTopics ? { initial_value: profile.otherTopics } : {}),
      },
      { optional: true, hint: plain('Separate topics with commas.') },
    ),
    input(OPT_IN_BLOCKS.careerStage, 'Career stage', {
      type: 'static_select',
      action_id: 'value',
      placeholder: plain('Choose one'),
      options: stageOptions,
      ...(profile ? { initial_option: stageOptions.find((o) => o.value === profile.careerStage) } : {}),
    }),
    input(OPT_IN_BLOCKS.team, 'Team or department', {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: TEAM_MAX_LENGTH,
      placeholder: plain('e.g. Sales, Engineering, People'),
      ...(profile ? { initial_value: profile.team } : {}),
    }),
    input(
      OPT_IN_BLOCKS.goals,
      'Your goals',
      {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: GOALS_MAX_LENGTH,
        placeholder: plain('What would make the next few weeks worth it for you?'),
        ...(profile ? { initial_value: profile.goals } : {}),
      },
      { hint: plain(`Up to ${GOALS_MAX_LENGTH} characters. Your partner will see these.`) },
    ),
    input(
      OPT_IN_BLOCKS.blockedUserIds,
      "Please don't pair me with",
      {
        type: 'multi_users_select',
        action_id: 'value',
        placeholder: plain('Nobody'),
        ...(profile && profile.blockedUserIds.length > 0 ? { initial_users: profile.blockedUserIds } : {}),
      },
      {
        optional: true,
        hint: plain(
          'Confidential: only the matching uses this list. Nobody sees it — an owner pairing people by hand is only told a pair isn’t possible.',
        ),
      },
    ),
    ...workingHoursBlocks(profile),
    context('You can change these answers or leave the program at any time with `/reverse-mentor`.'),
  ];
  return {
    type: 'modal',
    callback_id: CALLBACKS.optIn,
    private_metadata: JSON.stringify({
      cohortId: choice.kind === 'single' ? choice.cohort.id : null,
    } satisfies OptInMetadata),
    title: plain('Reverse mentoring', 24),
    submit: plain(profile ? 'Save' : 'Join', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

/** "HH:mm" for minutes after midnight, as time pickers read and write it. */
function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Optional: when their day usually starts and ends, and on which days. Messages only arrive inside it (or
 * weekdays 08:00–19:00 when left empty), and the introduction suggests when the two of them could meet.
 */
function workingHoursBlocks(profile: Profile | null): KnownBlock[] {
  const hours = profile?.hours ?? null;
  const dayOptions = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
  const usual = `${clock(DEFAULT_WORKING_HOURS.startMinute)}–${clock(DEFAULT_WORKING_HOURS.endMinute)}`;
  return [
    input(
      OPT_IN_BLOCKS.workStart,
      'Your working day usually starts',
      {
        type: 'timepicker',
        action_id: 'value',
        placeholder: plain('e.g. 09:00'),
        ...(hours ? { initial_time: clock(hours.startMinute) } : {}),
      },
      {
        optional: true,
        hint: plain(`In your Slack time zone. Left empty, we assume ${usual}, Monday to Friday.`),
      },
    ),
    input(
      OPT_IN_BLOCKS.workEnd,
      '…and usually ends',
      {
        type: 'timepicker',
        action_id: 'value',
        placeholder: plain('e.g. 17:30'),
        ...(hours ? { initial_time: clock(Math.min(hours.endMinute, 1439)) } : {}),
      },
      { optional: true },
    ),
    input(
      OPT_IN_BLOCKS.workDays,
      'Days you work',
      {
        type: 'checkboxes',
        action_id: 'value',
        options: dayOptions,
        ...(hours ? { initial_options: dayOptions.filter((o) => hours.days.includes(Number(o.value))) } : {}),
      },
      {
        optional: true,
        hint: plain(
          'Messages from the program only arrive on these days and hours, never at night. Your partner sees when your working days overlap, to find a time to meet.',
        ),
      },
    ),
  ];
}

/** Reads the submitted form into a draft for the domain to validate. */
export function readOptInValues(values: StateValues): ProfileDraft {
  return {
    role: selectedValue(values, OPT_IN_BLOCKS.role),
    catalogueTopics: selectedValues(values, OPT_IN_BLOCKS.topics),
    otherTopics: textValue(values, OPT_IN_BLOCKS.otherTopics),
    careerStage: selectedValue(values, OPT_IN_BLOCKS.careerStage),
    team: textValue(values, OPT_IN_BLOCKS.team),
    goals: textValue(values, OPT_IN_BLOCKS.goals),
    blockedUserIds: selectedUsers(values, OPT_IN_BLOCKS.blockedUserIds),
    workStart: selectedTime(values, OPT_IN_BLOCKS.workStart),
    workEnd: selectedTime(values, OPT_IN_BLOCKS.workEnd),
    workDays: selectedValues(values, OPT_IN_BLOCKS.workDays),
  };
}

/** The cohort the person chose (pick) or was offered (single); null when there is none to join. */
export function readOptInCohort(values: StateValues, privateMetadata: string): number | null {
  const picked = selectedValue(values, OPT_IN_BLOCKS.cohort);
  if (picked !== null) return Number.isInteger(Number(picked)) ? Number(picked) : null;
  try {
    const { cohortId } = JSON.parse(privateMetadata) as Partial<OptInMetadata>;
    return typeof cohortId === 'number' ? cohortId : null;
  } catch {
    return null;
  }
}

/** Whether the form asked the person to pick a cohort (so a missing answer is an error). */
export function askedForCohort(values: StateValues): boolean {
  return OPT_IN_BLOCKS.cohort in values;
}

/** Maps the domain's field errors onto the modal's block ids, as `response_action: "errors"` expects. */
export function optInErrors(
  errors: Partial<Record<ProfileField | 'cohort', string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as [ProfileField | 'cohort', string][]) {
    out[OPT_IN_BLOCKS[field]] = message;
  }
  return out;
}
