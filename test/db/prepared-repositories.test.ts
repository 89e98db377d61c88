import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import type { Profile } from '../../src/domain/profile.js';
import { buildRepositories } from '../../src/wiring.js';

// The opt-in path's statements are prepared once with placeholders (upserts take the new values from
// `excluded`); these pin down that every value reaches the database and that updating keeps what it should.

const t0 = new Date('2026-11-23T10:00:00Z');
const t1 = new Date('2026-11-24T10:00:00Z');

let handle: DatabaseHandle;
let repos: ReturnType<typeof buildRepositories>;
beforeEach(() => {
  handle = openDatabase(':memory:');
  repos = buildRepositories(handle);
});
afterEach(() => handle.close());

const maya: Profile = {
  userId: 'U0MAYA001',
  role: 'mentor',
  topics: ['ai-tools', 'other:slack workflows'],
  otherTopics: 'Slack workflows',
  careerStage: 'early',
  team: 'Sales',
  goals: 'Help a senior leader feel at home with AI assistants.',
  blockedUserIds: ['U0LEE0001', 'U0SAM0001'],
  hours: { days: [1, 2, 3], startMinute: 8 * 60, endMinute: 16 * 60 },
  updatedAt: t0,
};

describe('prepared repository statements', () => {
  it('saves a profile, then replaces every field but its creation time', () => {
    repos.people.ensure(maya.userId, 'maya', t0);
    expect(repos.profiles.save(maya)).toEqual({ created: true });
    expect(repos.profiles.get(maya.userId)).toEqual(maya);

    const edited: Profile = {
      ...maya,
      role: 'mentee',
      topics: ['social-media'],
      otherTopics: null,
      careerStage: 'senior',
      team: 'Marketing',
      goals: 'Learn how the younger half of the company works.',
      blockedUserIds: ['U0NOOR001'],
      hours: null,
      updatedAt: t1,
    };
    expect(repos.profiles.save(edited)).toEqual({ created: false });
    expect(repos.profiles.get(maya.userId)).toEqual(edited);
    expect(
      handle.sqlite.prepare('SELECT created_at, updated_at FROM profiles WHERE user_id = ?').get(maya.userId),
    ).toEqual({ created_at: t0.getTime(), updated_at: t1.getTime() });
    expect(repos.profiles.get('U0NOBODY1')).toBeNull();
  });

  it('records what Slack says about a person over what the payload said, and the Home tab flag apart', () => {
    repos.people.ensure('U0SAM0001', 'sam', t0);
    repos.people.ensure('U0SAM0001', 'someone else', t1);
    expect(repos.people.get('U0SAM0001')).toMatchObject({ displayName: 'sam', timeZone: null, active: true });
    repos.people.markHomeOpened('U0SAM0001', t1);
    repos.people.recordSlackProfile({
      id: 'U0SAM0001',
      displayName: 'Sam Senior',
      timeZone: 'America/New_York',
      tzOffsetMinutes: -300,
      active: false,
      profileCheckedAt: t1,
    });
    expect(repos.people.get('U0SAM0001')).toEqual({
      id: 'U0SAM0001',
      displayName: 'Sam Senior',
      timeZone: 'America/New_York',
      tzOffsetMinutes: -300,
      profileCheckedAt: t1,
      active: false,
    });
    expect(repos.people.hasOpenedHome('U0SAM0001')).toBe(true);
    // Someone who only ever opened the Home tab gets a row named by their id until Slack answers.
    repos.people.markHomeOpened('U0NOOR001', t1);
    expect(repos.people.get('U0NOOR001')).toMatchObject({ displayName: 'U0NOOR001' });
    expect(repos.people.hasOpenedHome('U0NOOR001')).toBe(true);
    expect(repos.people.hasOpenedHome('U0NOBODY1')).toBe(false);
  });

  it('lists cohorts by state, enrols once and finds the open cohort of a person', () => {
    const settings = {
      name: 'Winter',
      enrolmentClosesOn: '2026-11-30',
      startsOn: '2026-12-07',
      weeks: 6,
      cadence: 'weekly' as const,
      promptWeekday: 1,
      promptHour: 9,
      summaryChannelId: 'C0SUMMARY1',
      topics: ['ai-tools'],
      capacity: 1,
      allowSameStage: false,
    };
    const a = repos.cohorts.create(settings, 'U0OWNER01', t0);
    const b = repos.cohorts.create({ ...settings, name: 'Spring' }, 'U0OWNER01', t0);
    repos.cohorts.transition(a.id, ['enrolling'], 'cancelled');
    expect(repos.cohorts.list(['enrolling']).map((c) => c.id)).toEqual([b.id]);
    expect(repos.cohorts.list(['cancelled']).map((c) => c.id)).toEqual([a.id]);
    expect(repos.cohorts.list().map((c) => c.id)).toEqual([b.id, a.id]);

    repos.people.ensure('U0MAYA001', 'maya', t0);
    expect(repos.cohorts.enrol(b.id, 'U0MAYA001', t0)).toBe(true);
    expect(repos.cohorts.enrol(b.id, 'U0MAYA001', t1)).toBe(false);
    expect(repos.cohorts.openCohortOf('U0MAYA001')?.id).toBe(b.id);
    expect(repos.cohorts.get(b.id)).toEqual(b);
  });
});
