import { expect } from 'vitest';
import type { SlackView } from '../../src/simulator/index.js';
import { createCohort, OWNER, optIn, type Participant, rows } from './fixtures.js';
import type { Harness } from './harness.js';

/** The real default delivery window, for tests about when messages arrive (the harness opens it all week). */
export const REAL_WINDOW = { DELIVERY_HOURS: 'Mon-Fri 08:00-19:00' };

export interface LaunchedPair {
  id: number;
  mentorId: string;
  menteeId: string;
  channel: string;
}

/**
 * Creates the cohort and opts everyone in; then, at `at` when given (the clock set there first), the owner
 * presses Match now on Home. Returns the cohort and the review that opens.
 */
export async function enrolAndReview(
  h: Harness,
  people: readonly Participant[],
  options: { answers?: Record<string, unknown>; at?: string } = {},
): Promise<{ cohortId: number; review: SlackView }> {
  const cohortId = await createCohort(h, options.answers);
  for (const person of people) await optIn(h, person);
  if (options.at) h.clock.set(options.at);
  await h.slack.openHome(OWNER);
  await h.settle();
  await h.slack.clickButton(OWNER, 'home', 'cohort_match');
  await h.settle();
  const review = h.fake.lastViewOpenedFor(OWNER);
  expect(review, 'the review opened').toBeDefined();
  return { cohortId, review: review! };
}

/** The owner presses Launch on the review (introductions go out now, or wait for the partners' windows). */
export async function launchFrom(h: Harness, review: SlackView): Promise<void> {
  await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
  await h.settle();
}

/** `enrolAndReview`, then Launch. Returns the cohort. */
export async function enrolAndLaunch(
  h: Harness,
  people: readonly Participant[],
  options: { answers?: Record<string, unknown>; at?: string } = {},
): Promise<number> {
  const { cohortId, review } = await enrolAndReview(h, people, options);
  await launchFrom(h, review);
  return cohortId;
}

/** Creates the cohort, opts everyone in, matches, launches from the review modal; returns the active pairs. */
export async function launchCohort(
  h: Harness,
  people: readonly Participant[],
  answers?: Record<string, unknown>,
): Promise<{ cohortId: number; pairs: LaunchedPair[] }> {
  const cohortId = await enrolAndLaunch(h, people, answers ? { answers } : {});
  const pairs = rows<{ id: number; mentor_id: string; mentee_id: string; group_dm_channel_id: string }>(
    h,
    "SELECT id, mentor_id, mentee_id, group_dm_channel_id FROM pairs WHERE cohort_id = ? AND state = 'active' ORDER BY id",
    cohortId,
  ).map((p) => ({ id: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, channel: p.group_dm_channel_id }));
  expect(pairs.length).toBeGreaterThan(0);
  for (const pair of pairs) expect(pair.channel, `pair ${pair.id} was introduced`).toBeTruthy();
  return { cohortId, pairs };
}

/**
 * An independent reference for "9:00 on that date in that zone", found by scanning UTC instants and asking
 * Intl what the wall clock reads — deliberately not the app's own arithmetic.
 */
export function referenceInstant(date: string, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const target = `${date}, ${String(hour).padStart(2, '0')}:00`;
  for (let minutes = -16 * 60; minutes <= 16 * 60; minutes += 15) {
    const candidate = new Date(Date.UTC(y, m - 1, d, 0, 0) - minutes * 60_000 + hour * 3_600_000);
    if (format.format(candidate) === target) return candidate;
  }
  throw new Error(`no ${target} in ${timeZone}`);
}

/** Offset of a zone at an instant in minutes, straight from Intl. */
export function referenceOffset(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - at.getTime()) / 60_000);
}

/** The partner whose clock is behind (the short way round the day): prompts go out at their local hour. */
export function behindZone(a: string, b: string, at: Date): string {
  const ahead = (((referenceOffset(at, a) - referenceOffset(at, b)) % 1440) + 1440) % 1440;
  if (ahead === 0) return a;
  return ahead <= 720 ? b : a;
}
