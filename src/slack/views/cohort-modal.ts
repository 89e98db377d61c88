import type { KnownBlock, ModalView } from '@slack/types';
import { CATALOGUE_TOPICS } from '../../domain/catalogue.js';
import {
  type CohortDraft,
  type CohortField,
  MAX_CAPACITY,
  MAX_WEEKS,
  MIN_WEEKS,
} from '../../domain/cohort.js';
import { addDays, type IsoDate, WEEKDAY_NAMES } from '../../domain/time.js';
import { CALLBACKS, COHORT_BLOCKS } from '../ids.js';
import { elementOf, type StateValues, selectedValue, selectedValues, textValue } from '../payloads.js';
import { context, input, option, plain } from './blocks.js';
import { hourLabel } from './pair-messages.js';

const weekdayOptions = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
const hourOptions = Array.from({ length: 24 }, (_, h) => option(hourLabel(h), String(h)));
const cadenceOptions = [option('Every week', 'weekly'), option('Every two weeks', 'fortnightly')];
const capacityOptions = Array.from({ length: MAX_CAPACITY }, (_, i) =>
  option(i === 0 ? '1 mentee' : `${i + 1} mentees`, String(i + 1)),
);
const topicOptions = CATALOGUE_TOPICS.map((t) => option(t.label, t.id));
const sameStageOption = option(
  'Allow pairs at the same career stage',
  'yes',
  'Otherwise the mentor is always earlier in their career',
);

/** "New cohort": every setting with sensible defaults, dates proposed from today in the owner's zone. */
export function newCohortModal(today: IsoDate): ModalView {
  const blocks: KnownBlock[] = [
    input(COHORT_BLOCKS.name, 'Name', {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: 60,
      placeholder: plain('e.g. Spring 2027'),
    }),
    input(COHORT_BLOCKS.enrolmentClosesOn, 'Enrolment closes', {
      type: 'datepicker',
      action_id: 'value',
      initial_date: addDays(today, 14),
    }),
    input(COHORT_BLOCKS.startsOn, 'Start date', {
      type: 'datepicker',
      action_id: 'value',
      initial_date: addDays(today, 21),
    }),
    input(
      COHORT_BLOCKS.weeks,
      'Length in weeks',
      {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: false,
        min_value: String(MIN_WEEKS),
        max_value: String(MAX_WEEKS),
        initial_value: '6',
      },
      { hint: plain(`${MIN_WEEKS} to ${MAX_WEEKS} weeks.`) },
    ),
    input(COHORT_BLOCKS.cadence, 'Prompts', {
      type: 'radio_buttons',
      action_id: 'value',
      options: cadenceOptions,
      initial_option: cadenceOptions[0],
    }),
    input(COHORT_BLOCKS.promptWeekday, 'Prompt day', {
      type: 'static_select',
      action_id: 'value',
      options: weekdayOptions,
      initial_option: weekdayOptions[0],
    }),
    input(
      COHORT_BLOCKS.promptHour,
      'Prompt time',
      { type: 'static_select', action_id: 'value', options: hourOptions, initial_option: hourOptions[9] },
      { hint: plain("In each pair's own time zone (the earlier of the two, so nobody gets it at night).") },
    ),
    input(
      COHORT_BLOCKS.summaryChannelId,
      'Summary channel',
      {
        type: 'conversations_select',
        action_id: 'value',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
      { hint: plain('Halfway and final summaries are posted here. No private conversation is ever shared.') },
    ),
    input(
      COHORT_BLOCKS.topics,
      'Topics offered',
      { type: 'checkboxes', action_id: 'value', options: topicOptions, initial_options: topicOptions },
      { optional: true },
    ),
    input(
      COHORT_BLOCKS.customTopics,
      'Custom topics',
      {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 300,
        placeholder: plain('e.g. Slack workflows, TikTok for brands'),
      },
      { optional: true, hint: plain('Separate topics with commas.') },
    ),
    input(COHORT_BLOCKS.capacity, 'Mentees per mentor, at most', {
      type: 'static_select',
      action_id: 'value',
      options: capacityOptions,
      initial_option: capacityOptions[0],
    }),
    input(
      COHORT_BLOCKS.allowSameStage,
      'Career stages',
      { type: 'checkboxes', action_id: 'value', options: [sameStageOption] },
      { optional: true },
    ),
    context('People can join once the cohort exists: post an announcement from the Home tab.'),
  ];
  return {
    type: 'modal',
    callback_id: CALLBACKS.newCohort,
    title: plain('New cohort', 24),
    submit: plain('Create', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

export function readCohortValues(values: StateValues): CohortDraft {
  const channel = elementOf(values, COHORT_BLOCKS.summaryChannelId);
  return {
    name: textValue(values, COHORT_BLOCKS.name),
    enrolmentClosesOn: elementOf(values, COHORT_BLOCKS.enrolmentClosesOn)?.selected_date ?? null,
    startsOn: elementOf(values, COHORT_BLOCKS.startsOn)?.selected_date ?? null,
    weeks: textValue(values, COHORT_BLOCKS.weeks),
    cadence: selectedValue(values, COHORT_BLOCKS.cadence),
    promptWeekday: selectedValue(values, COHORT_BLOCKS.promptWeekday),
    promptHour: selectedValue(values, COHORT_BLOCKS.promptHour),
    summaryChannelId: channel?.selected_conversation ?? channel?.selected_channel ?? null,
    catalogueTopics: selectedValues(values, COHORT_BLOCKS.topics),
    customTopics: textValue(values, COHORT_BLOCKS.customTopics),
    capacity: selectedValue(values, COHORT_BLOCKS.capacity),
    allowSameStage: selectedValues(values, COHORT_BLOCKS.allowSameStage).includes('yes'),
  };
}

export function cohortErrors(errors: Partial<Record<CohortField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as [CohortField, string][]) {
    out[COHORT_BLOCKS[field]] = message;
  }
  return out;
}
