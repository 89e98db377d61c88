import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/profile.js';
import { OPT_IN_BLOCKS } from '../../src/slack/ids.js';
import { optInErrors, optInModal, readOptInValues } from '../../src/slack/views/opt-in-modal.js';

const profile: Profile = {
  userId: 'U0ME',
  role: 'mentee',
  topics: ['ai-tools', 'other:figma'],
  otherTopics: 'Figma',
  careerStage: 'executive',
  team: 'Finance',
  goals: 'Understand how my team uses AI day to day.',
  blockedUserIds: ['U0NOPE'],
  hours: { days: [2, 3, 4], startMinute: 7 * 60 + 30, endMinute: 16 * 60 },
  updatedAt: new Date('2026-11-01T00:00:00Z'),
};

type AnyBlock = { type: string; block_id?: string; element?: Record<string, unknown> };

function element(view: ReturnType<typeof optInModal>, blockId: string) {
  return (view.blocks as AnyBlock[]).find((b) => b.block_id === blockId)?.element;
}

describe('optInModal', () => {
  it('is an empty form for a newcomer, within Slack’s modal limits', () => {
    const view = optInModal(null);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text).toBe('Join');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const inputs = (view.blocks as AnyBlock[]).filter((b) => b.type === 'input').map((b) => b.block_id);
    const { cohort: _onlyWhenSeveralAreOpen, ...always } = OPT_IN_BLOCKS;
    expect(inputs).toEqual(Object.values(always));
    expect(element(view, OPT_IN_BLOCKS.role)).not.toHaveProperty('initial_option');
    expect(element(view, OPT_IN_BLOCKS.goals)).toMatchObject({ multiline: true, max_length: 500 });
  });

  it('is pre-filled with a saved profile', () => {
    const view = optInModal(profile);
    expect(view.submit?.text).toBe('Save');
    expect(element(view, OPT_IN_BLOCKS.role)).toMatchObject({ initial_option: { value: 'mentee' } });
    expect(element(view, OPT_IN_BLOCKS.topics)).toMatchObject({ initial_options: [{ value: 'ai-tools' }] });
    expect(element(view, OPT_IN_BLOCKS.otherTopics)).toMatchObject({ initial_value: 'Figma' });
    expect(element(view, OPT_IN_BLOCKS.careerStage)).toMatchObject({
      initial_option: { value: 'executive' },
    });
    expect(element(view, OPT_IN_BLOCKS.team)).toMatchObject({ initial_value: 'Finance' });
    expect(element(view, OPT_IN_BLOCKS.blockedUserIds)).toMatchObject({ initial_users: ['U0NOPE'] });
    expect(element(view, OPT_IN_BLOCKS.workStart)).toMatchObject({
      type: 'timepicker',
      initial_time: '07:30',
    });
    expect(element(view, OPT_IN_BLOCKS.workEnd)).toMatchObject({ type: 'timepicker', initial_time: '16:00' });
    expect(element(view, OPT_IN_BLOCKS.workDays)).toMatchObject({
      initial_options: [{ value: '2' }, { value: '3' }, { value: '4' }],
    });
  });
});

describe('readOptInValues', () => {
  it('reads every element type Slack sends back', () => {
    const draft = readOptInValues({
      role: { value: { type: 'radio_buttons', selected_option: { value: 'mentor' } } },
      topics: {
        value: { type: 'checkboxes', selected_options: [{ value: 'ai-tools' }, { value: 'social-media' }] },
      },
      other_topics: { value: { type: 'plain_text_input', value: null } },
      career_stage: { value: { type: 'static_select', selected_option: { value: 'early' } } },
      team: { value: { type: 'plain_text_input', value: 'Design' } },
      goals: { value: { type: 'plain_text_input', value: 'Share what I know' } },
      do_not_pair: { value: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      work_start: { value: { type: 'timepicker', selected_time: '08:30' } },
      work_end: { value: { type: 'timepicker', selected_time: null } },
      work_days: { value: { type: 'checkboxes', selected_options: [{ value: '1' }, { value: '5' }] } },
    });
    expect(draft).toEqual({
      role: 'mentor',
      catalogueTopics: ['ai-tools', 'social-media'],
      otherTopics: null,
      careerStage: 'early',
      team: 'Design',
      goals: 'Share what I know',
      blockedUserIds: ['U1', 'U2'],
      workStart: '08:30',
      workEnd: null,
      workDays: ['1', '5'],
    });
  });

  it('maps field errors to block ids', () => {
    expect(optInErrors({ goals: 'too long', blockedUserIds: 'not you' })).toEqual({
      goals: 'too long',
      do_not_pair: 'not you',
    });
  });
});
