import { describe, expect, it } from 'vitest';
import { parseCustomTopics, topicLabel } from '../../src/domain/catalogue.js';
import { type ProfileDraft, validateProfileDraft } from '../../src/domain/profile.js';

const good: ProfileDraft = {
  role: 'mentor',
  catalogueTopics: ['ai-tools', 'social-media'],
  otherTopics: 'Slack workflows,  notion ',
  careerStage: 'early',
  team: '  Sales ',
  goals: 'Help a leader get comfortable with AI assistants.',
  blockedUserIds: ['U0BLOCKED', 'U0BLOCKED'],
};

describe('validateProfileDraft', () => {
  it('accepts a complete form, trimming text and merging custom topics', () => {
    const result = validateProfileDraft('U0ME', good);
    expect(result).toEqual({
      ok: true,
      value: {
        role: 'mentor',
        topics: ['ai-tools', 'social-media', 'other:slack workflows', 'other:notion'],
        otherTopics: 'Slack workflows,  notion',
        careerStage: 'early',
        team: 'Sales',
        goals: 'Help a leader get comfortable with AI assistants.',
        blockedUserIds: ['U0BLOCKED'],
        hours: null,
      },
    });
  });

  it('reads optional working hours: none, days only, times only, or both', () => {
    const hours = (extra: Partial<typeof good>) => {
      const result = validateProfileDraft('U0ME', { ...good, ...extra });
      return result.ok ? result.value.hours : result.errors;
    };
    expect(hours({})).toBeNull();
    expect(hours({ workDays: ['2', '1', '2'] })).toEqual({ days: [1, 2], startMinute: 540, endMinute: 1050 });
    expect(hours({ workStart: '07:30', workEnd: '15:00' })).toEqual({
      days: [1, 2, 3, 4, 5],
      startMinute: 450,
      endMinute: 900,
    });
    expect(hours({ workStart: '10:00', workEnd: '18:45', workDays: ['6', '7'] })).toEqual({
      days: [6, 7],
      startMinute: 600,
      endMinute: 1125,
    });
  });

  it('refuses working hours that make no sense, on the field concerned', () => {
    const errors = (extra: Partial<typeof good>) => {
      const result = validateProfileDraft('U0ME', { ...good, ...extra });
      return result.ok ? null : Object.keys(result.errors);
    };
    expect(errors({ workStart: '09:00' })).toEqual(['workEnd']);
    expect(errors({ workEnd: '17:00' })).toEqual(['workStart']);
    expect(errors({ workStart: '17:00', workEnd: '09:00' })).toEqual(['workEnd']);
    expect(errors({ workStart: '09:00', workEnd: '09:30' })).toEqual(['workEnd']);
    expect(errors({ workStart: '25:00', workEnd: '26:00' })).toEqual(['workStart', 'workEnd']);
    expect(errors({ workStart: '09:00', workEnd: '17:00', workDays: ['8'] })).toEqual(['workDays']);
  });

  it('accepts a custom topic alone', () => {
    const result = validateProfileDraft('U0ME', { ...good, catalogueTopics: [], otherTopics: 'Figma' });
    expect(result.ok && result.value.topics).toEqual(['other:figma']);
  });

  it('explains each wrong field in words a person understands', () => {
    const result = validateProfileDraft('U0ME', {
      role: null,
      catalogueTopics: [],
      otherTopics: '',
      careerStage: 'intern',
      team: '   ',
      goals: 'x'.repeat(501),
      blockedUserIds: ['U0ME'],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        role: 'Choose whether you want to share (mentor) or learn (mentee).',
        careerStage: 'Choose the career stage closest to yours.',
        team: 'Tell us your team or department, e.g. "Sales" or "Engineering".',
        goals: 'Goals can be up to 500 characters — please shorten them a little.',
        blockedUserIds: "You can't list yourself here.",
        topics: 'Pick at least one topic, or write your own under "Other topics".',
      },
    });
  });

  it('refuses topics that are not in the catalogue (a forged payload)', () => {
    const result = validateProfileDraft('U0ME', { ...good, catalogueTopics: ['crypto-trading'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.topics).toBe('One of the chosen topics is not in the list any more.');
  });

  it('asks for more than a word of goals', () => {
    const result = validateProfileDraft('U0ME', { ...good, goals: 'AI' });
    expect(!result.ok && result.errors.goals).toMatch(/at least 10 characters/);
  });
});

describe('custom topics', () => {
  it('normalise so the same interest typed differently matches', () => {
    expect(parseCustomTopics('Slack  Workflows; slack workflows\nTikTok')).toEqual([
      'other:slack workflows',
      'other:tiktok',
    ]);
    expect(topicLabel('other:slack workflows')).toBe('Slack workflows');
    expect(topicLabel('ai-tools')).toBe('AI tools');
  });
});
