import { expect } from 'vitest';
import type { FakeUserInput, SlackView } from '../../src/simulator/index.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import {
  COHORT_ANSWERS,
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  type Participant,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';
import { type BuildContext, blockActionsPayload, type Container, elementsIn } from './slack-payloads.js';

// The seeded world every door is fuzzed against: people in every situation the app distinguishes, so realistic
// payloads reach deep code.
//   - Olivia (U0OWNER01): an owner, not a participant; Max (U0OWNER03): an owner she added from the Home tab.
//   - Grace (U0MENT0005): an owner who is also a mentee in an active pair.
//   - "Autumn 2026": completed, with survey DMs sent (one answered).
//   - "Winter 2026": active, ten people, check-ins and fit checks sent and partly answered, one person paused, one
//     pair ended by someone leaving (owners alerted with "Find a new partner"), a "not a fit", a "need help", and
//     one delivery failed for good (owners get "Retry failed messages").
//   - "Spring 2027": matched, draft pairs waiting for review.
//   - "Summer 2027": enrolling, announced in a channel, one person enrolled.
//   - Two people Slack knows who never joined; ephemeral answers with buttons (leave, summary and export pickers).

export const GRACE = 'U0MENT0005';
export const ANNOUNCE_CHANNEL = 'C0ANNOUNCE';
export const PRIVATE_CHANNEL = 'C0PRIVATE1';

function person(
  id: string,
  name: string,
  tz: string,
  role: 'mentor' | 'mentee',
  stage: string,
  team: string,
  topics: string[],
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
    },
  };
}

const AUTUMN: Participant[] = [
  person('U0PASTM001', 'Ada', 'Europe/Paris', 'mentor', 'early', 'Design', ['ai-tools']),
  person('U0PASTM002', 'Bo', 'America/Chicago', 'mentor', 'early', 'Support', ['social-media']),
  person('U0PASTE001', 'Cyd', 'Europe/Madrid', 'mentee', 'executive', 'Legal', ['ai-tools']),
  person('U0PASTE002', 'Dev', 'America/Denver', 'mentee', 'senior', 'Finance', ['social-media']),
];

const SPRING: Participant[] = [
  person('U0NEXTM001', 'Eli', 'Europe/Dublin', 'mentor', 'early', 'Sales', ['data-analytics']),
  person('U0NEXTM002', 'Fay', 'Asia/Seoul', 'mentor', 'mid', 'Product', ['ai-tools']),
  person('U0NEXTE001', 'Gus', 'Europe/Rome', 'mentee', 'executive', 'Finance', ['data-analytics']),
  person('U0NEXTE002', 'Hal', 'America/Toronto', 'mentee', 'senior', 'Legal', ['ai-tools']),
  person('U0NEXTE003', 'Ivy', 'Australia/Sydney', 'mentee', 'executive', 'People', ['modern-workplace']),
];

const SUMMER: Participant[] = [
  person('U0WAIT0001', 'Jo', 'Europe/Lisbon', 'mentor', 'early', 'Sales', ['social-media']),
];

/** Added as an owner from the Home tab (so "Remove" exists). */
export const ADDED_OWNER: FakeUserInput = { id: 'U0OWNER03', name: 'max', realName: 'Max Owner', tz: 'UTC' };

export const OUTSIDERS: FakeUserInput[] = [
  { id: 'U0OUTSID01', name: 'kim', realName: 'Kim Outsider', tz: 'Europe/Oslo' },
  { id: 'U0OUTSID02', name: 'lou', realName: 'Lou Outsider', tz: 'Pacific/Auckland' },
];

export const OWNERS = [OWNER, GRACE];

export interface WorldCohorts {
  autumn: number;
  winter: number;
  spring: number;
  summer: number;
}

export interface World {
  h: Harness;
  ctx: BuildContext;
  cohorts: WorldCohorts;
  /** Active pairs of Winter 2026 at the time of seeding. */
  winterPairs: LaunchedPair[];
  /** Every person Slack knows in this world (owners, participants, outsiders). */
  users: string[];
  participants: Participant[];
  channels: string[];
  /** The Winter 2026 person who is paused. */
  paused: string;
  /** A trigger_id minted before seeding: expired (Slack gives 3 s) once `staleSince` is 3 s ago. */
  staleTrigger: string;
  staleSince: number;
}

const cohortAnswers = (name: string, closes: string, starts: string, weeks = '6') => ({
  ...COHORT_ANSWERS,
  name,
  enrolment_closes_on: closes,
  starts_on: starts,
  weeks,
});

/** The first element with this action_id (and value, when given) in a container, clicked by `actor`. */
export async function click(
  w: Pick<World, 'h' | 'ctx'>,
  actor: string,
  container: Container | undefined,
  actionId: string,
  value?: string,
): Promise<boolean> {
  if (!container) return false;
  const found = elementsIn(container).find(
    (e) => e.actionId === actionId && (value === undefined || e.element.value === value),
  );
  if (!found) return false;
  const action: Record<string, unknown> = {
    type: 'button',
    action_id: found.actionId,
    block_id: found.blockId,
    text: found.element.text ?? null,
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
  };
  if (found.element.value !== undefined) action.value = found.element.value;
  const payload = blockActionsPayload(w.ctx, actor, container, JSON.parse(JSON.stringify(action)));
  await w.h.slack.sendInteractive(payload);
  await w.h.settle();
  return true;
}

export function homeOf(h: Harness, userId: string): Container | undefined {
  const view = h.fake.homeViewOf(userId);
  return view ? { kind: 'view', view } : undefined;
}

export function viewContainer(view: SlackView | undefined): Container | undefined {
  return view ? { kind: 'view', view } : undefined;
}

/** Builds the world (a few seconds). The harness is the caller's to stop. */
export async function seedWorld(): Promise<World> {
  const everyone = [...AUTUMN, ...TEN, ...SPRING, ...SUMMER];
  const h = await startHarness({
    owners: OWNERS,
    users: [OWNER_USER, ADDED_OWNER, ...everyone, ...OUTSIDERS],
    channels: [
      { id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true },
      { id: ANNOUNCE_CHANNEL, name: 'general', botIsMember: true },
      { id: PRIVATE_CHANNEL, name: 'secret-plans', isPrivate: true },
    ],
  });
  const ctx: BuildContext = { fake: h.fake };
  // Minted now, used by fuzz cases long after its 3 s are up.
  const staleTrigger = h.fake.mintTriggerId(OWNER);
  const staleSince = Date.now();
  const w = { h, ctx };
  try {
    // Autumn 2026 (4 weeks) and Winter 2026 (6 weeks) both start on 7 December.
    const autumn = await launchCohort(
      h,
      AUTUMN,
      cohortAnswers('Autumn 2026', '2026-11-30', '2026-12-07', '4'),
    );
    const winter = await launchCohort(h, TEN);
    const winterPairs = winter.pairs;
    expect(winterPairs.some((p) => p.menteeId === GRACE)).toBe(true);

    // Week 1 check-ins: some answered; one pair asks for help.
    await h.tickAt('2026-12-10T23:00:00Z');
    const [p0, p1, p2, p3] = winterPairs;
    await h.slack.clickButton(p0!.menteeId, { channel: p0!.channel }, 'checkin_met');
    await h.settle();
    await h.slack.clickButton(p1!.mentorId, { channel: p1!.channel }, 'checkin_not_yet');
    await h.settle();
    if (p2) {
      await h.slack.clickButton(p2.mentorId, { channel: p2.channel }, 'checkin_help');
      await h.settle();
    }
    // Week 2 prompts, then the fit checks a day later.
    await h.tickAt('2026-12-14T23:00:00Z');
    await h.tickAt('2026-12-15T23:00:00Z');
    await h.slack.clickButton(p0!.mentorId, 'dm', 'fit_good');
    await h.settle();
    if (p3) {
      await h.slack.clickButton(p3.menteeId, 'dm', 'fit_not_fit');
      await h.settle();
    }
    // One delivery fails for good, so owners get "Retry failed messages".
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await h.tickAt('2026-12-17T23:00:00Z');

    // Someone in Winter takes a break.
    const paused = p1!.menteeId;
    await h.slack.command(paused, 'pause 4w');
    await h.settle();

    // Autumn ends: thanks and surveys go out; one person answers.
    await h.tickAt('2027-01-11T23:00:00Z');
    const [autumnCohort] = rows<{ state: string }>(
      h,
      'SELECT state FROM cohorts WHERE id = ?',
      autumn.cohortId,
    );
    expect(autumnCohort?.state).toBe('completed');
    const surveyed = autumn.pairs[0]!.mentorId;
    await h.slack.clickButton(surveyed, 'dm', 'survey_open');
    await h.settle();
    const survey = h.fake.lastViewOpenedFor(surveyed)!;
    await h.slack.submitView(surveyed, survey, {
      rating: '4',
      again: 'yes',
      learned: 'Lots',
      quote_ok: ['yes'],
    });
    await h.settle();

    // Someone leaves their Winter pair (owners get "Find a new partner").
    if (p3) {
      await h.slack.openHome(p3.mentorId);
      await h.settle();
      await click(w, p3.mentorId, homeOf(h, p3.mentorId), 'pair_leave');
      const form = h.fake.lastViewOpenedFor(p3.mentorId);
      if (form) {
        await h.slack.submitView(p3.mentorId, form, { reason: 'New role, no time.' });
        await h.settle();
      }
    }

    // Spring 2027: matched, drafts waiting for review.
    const spring = await createCohort(h, cohortAnswers('Spring 2027', '2027-01-18', '2027-01-25'));
    for (const p of SPRING) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await click(w, OWNER, homeOf(h, OWNER), 'cohort_match', String(spring));

    // Summer 2027: enrolling, announced, one person in.
    const summer = await createCohort(h, cohortAnswers('Summer 2027', '2027-02-15', '2027-02-22'));
    await h.slack.openHome(OWNER);
    await h.settle();
    await click(w, OWNER, homeOf(h, OWNER), 'cohort_announce', String(summer));
    const announce = h.fake.lastViewOpenedFor(OWNER);
    if (announce) {
      await h.slack.submitView(OWNER, announce, { channel: ANNOUNCE_CHANNEL });
      await h.settle();
    }
    for (const p of SUMMER) await optIn(h, p);

    // An owner added from the Home tab.
    await h.slack.selectOption(OWNER, 'home', 'owner_add', ADDED_OWNER.id);
    await h.settle();

    // Ephemeral questions with buttons: leave, and an owner's summary/export pickers.
    await h.slack.command(p0!.menteeId, 'leave');
    await h.slack.command(OWNER, 'summary');
    await h.slack.command(OWNER, 'export');
    await h.slack.command(OWNER, 'export Winter 2026');
    await h.settle();

    const users = [OWNER, ADDED_OWNER.id, ...everyone.map((p) => p.id), ...OUTSIDERS.map((u) => u.id)];
    for (const user of users) await h.slack.openHome(user);
    await h.settle();
    return {
      h,
      ctx,
      cohorts: { autumn: autumn.cohortId, winter: winter.cohortId, spring, summer },
      winterPairs,
      users,
      participants: everyone,
      channels: [SUMMARY_CHANNEL, ANNOUNCE_CHANNEL, PRIVATE_CHANNEL],
      paused,
      staleTrigger,
      staleSince,
    };
  } catch (error) {
    await h.stop();
    throw error;
  }
}
