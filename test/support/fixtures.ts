import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { FakeUserInput } from '../../src/simulator/index.js';
import type { Harness } from './harness.js';

export const OWNER = 'U0OWNER01';
export const SUMMARY_CHANNEL = 'C0SUMMARY1';

export interface Participant extends FakeUserInput {
  answers: Record<string, string | string[]>;
}

/** A person and the answers they give in the opt-in form. */
export function participant(
  id: string,
  name: string,
  tz: string,
  role: 'mentor' | 'mentee',
  stage: string,
  team: string,
  topics: string[],
  extra: Record<string, string | string[]> = {},
): Participant {
  return {
    id,
    name,
    realName: name,
    tz,
    answers: {
      role,
      topics,
      career_stage: stage,
      team,
      goals: `${name} would like to ${role === 'mentor' ? 'share' : 'learn'} about ${topics.join(' and ')}.`,
      ...extra,
    },
  };
}

/** Ten people: four mentors early in their careers, six senior mentees — so two mentees can't be matched. */
export const TEN: Participant[] = [
  participant('U0MENT0001', 'Maya', 'Europe/London', 'mentor', 'early', 'Sales', [
    'ai-tools',
    'social-media',
  ]),
  participant('U0MENT0002', 'Jon', 'America/New_York', 'mentor', 'early', 'Engineering', [
    'collaboration-tools',
    'data-analytics',
  ]),
  participant('U0MENT0003', 'Priya', 'Asia/Kolkata', 'mentor', 'mid', 'Marketing', [
    'digital-marketing',
    'social-media',
  ]),
  participant('U0MENT0004', 'Tomas', 'Europe/Berlin', 'mentor', 'early', 'People', [
    'diversity-inclusion',
    'modern-workplace',
  ]),
  participant('U0MENT0005', 'Grace', 'America/New_York', 'mentee', 'executive', 'Finance', [
    'ai-tools',
    'data-analytics',
  ]),
  participant('U0MENT0006', 'Henrik', 'Europe/Stockholm', 'mentee', 'senior', 'Engineering', [
    'collaboration-tools',
  ]),
  participant('U0MENT0007', 'Amara', 'Africa/Lagos', 'mentee', 'executive', 'Operations', [
    'diversity-inclusion',
  ]),
  participant('U0MENT0008', 'Ken', 'Asia/Tokyo', 'mentee', 'senior', 'Marketing', ['digital-marketing']),
  participant('U0MENT0009', 'Lucia', 'America/Los_Angeles', 'mentee', 'senior', 'Legal', ['social-media']),
  participant('U0MENT0010', 'Omar', 'Asia/Dubai', 'mentee', 'executive', 'Sales', ['modern-workplace']),
];

/**
 * Henrik (TEN[5]) moved from Engineering to Product, for scenarios built on pairing him with Jon
 * (Engineering): people from the same team are never paired, and those scenarios are about something else.
 */
export const HENRIK_IN_PRODUCT: Participant = {
  ...TEN[5]!,
  answers: { ...TEN[5]!.answers, team: 'Product' },
};

export const OWNER_USER: FakeUserInput = {
  id: OWNER,
  name: 'olivia',
  realName: 'Olivia Owner',
  tz: 'Europe/London',
};

export function rows<T = Record<string, unknown>>(h: Harness, sql: string, ...params: unknown[]): T[] {
  const db = new Database(h.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A person runs /reverse-mentor and submits the form. */
export async function optIn(h: Harness, person: Participant): Promise<void> {
  await h.slack.command(person.id, '');
  await h.settle();
  const view = h.fake.lastViewOpenedFor(person.id);
  expect(view, `${person.name} sees the form`).toBeDefined();
  const result = await h.slack.submitView(person.id, view!, person.answers);
  expect(result.outcome?.action, `${person.name}'s form is accepted`).toBe('closed');
  await h.settle();
}

export const COHORT_ANSWERS = {
  name: 'Winter 2026',
  enrolment_closes_on: '2026-11-30',
  starts_on: '2026-12-07',
  weeks: '6',
  cadence: 'weekly',
  prompt_weekday: '1',
  prompt_hour: '9',
  summary_channel: SUMMARY_CHANNEL,
  topics: [
    'ai-tools',
    'social-media',
    'collaboration-tools',
    'data-analytics',
    'digital-marketing',
    'diversity-inclusion',
    'modern-workplace',
    'leadership-perspectives',
  ],
  capacity: '1',
};

/** The owner creates a cohort from the Home tab. Returns its id. */
export async function createCohort(
  h: Harness,
  answers: Record<string, unknown> = COHORT_ANSWERS,
): Promise<number> {
  await h.slack.openHome(OWNER);
  await h.settle();
  await h.slack.clickButton(OWNER, 'home', 'cohort_new');
  await h.settle();
  const form = h.fake.lastViewOpenedFor(OWNER);
  expect(form?.title?.text).toBe('New cohort');
  const result = await h.slack.submitView(OWNER, form!, answers as never);
  expect(result.outcome?.action).toBe('closed');
  await h.settle();
  const [cohort] = rows<{ id: number }>(h, 'SELECT id FROM cohorts ORDER BY id DESC LIMIT 1');
  return cohort!.id;
}

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'Europe/Berlin',
  'America/Chicago',
  'Asia/Singapore',
];
const TEAMS = ['Sales', 'Engineering', 'Marketing', 'Finance', 'People', 'Operations'];
const TOPICS = ['ai-tools', 'social-media', 'collaboration-tools', 'data-analytics', 'digital-marketing'];

/** `pairs` early-career mentors and as many senior mentees, spread over zones, teams and topics. */
export function crowd(pairs: number): Participant[] {
  const people: Participant[] = [];
  for (let i = 0; i < pairs; i++) {
    const n = String(i + 1).padStart(3, '0');
    const topic = TOPICS[i % TOPICS.length]!;
    people.push(
      participant(
        `U0CRWM${n}`,
        `Mentor${n}`,
        ZONES[i % ZONES.length]!,
        'mentor',
        'early',
        TEAMS[i % TEAMS.length]!,
        [topic],
      ),
      participant(
        `U0CRWE${n}`,
        `Mentee${n}`,
        ZONES[(i + 2) % ZONES.length]!,
        'mentee',
        'executive',
        TEAMS[(i + 3) % TEAMS.length]!,
        [topic],
      ),
    );
  }
  return people;
}
