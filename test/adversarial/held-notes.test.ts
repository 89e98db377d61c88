// Held notes (a private note from a pair whose only owner(s) are in it): "held, not dropped … it goes to the first
// owner added who is outside the pair", and "Never tell someone a thing happened that didn't".
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUserInput } from '../../src/simulator/index.js';
import { launchCohort } from '../support/cohort-flow.js';
import { HENRIK_IN_PRODUCT, OWNER, rows, TEN } from '../support/fixtures.js';
import { type Harness, seen } from '../support/harness.js';
import { everythingTo, FIRST_CHECKINS, OWNER_AS_MENTEE, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const MAYA = TEN[0]!;
const JON = TEN[1]!;
// Not in Jon's team (Engineering): the same-team rule would keep the two apart, and the scenario pairs them.
const HENRIK = HENRIK_IN_PRODUCT;

async function mayaAsksForHelp(extraUsers: FakeUserInput[] = []) {
  h = await world([OWNER], extraUsers);
  const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK]);
  const own = pairs.find((p) => p.menteeId === OWNER)!;
  expect(own.mentorId).toBe(MAYA.id);
  await h.tickAt(FIRST_CHECKINS);
  await h.slack.clickButton(MAYA.id, { channel: own.channel }, 'checkin_help');
  await h.settle();
  expect(rows(h, 'SELECT raised_by FROM held_alerts')).toEqual([{ raised_by: MAYA.id }]);
}

describe('a held note and the owner who is in the pair', () => {
  it('is never lost to an id that is nobody: such an id can’t become an owner', async () => {
    await mayaAsksForHelp();
    // The owner (Maya's partner) "adds an owner": a crafted selection naming an id that is no Slack user (or a
    // deactivated account, or a bot). `owners.add` only checks the id's shape.
    await h.slack.selectOption(OWNER, 'home', 'owner_add', 'U0GHOST999');
    await h.settle();
    await h.tickAt('2026-12-11T00:00:00Z');
    const alerts = rows<{ state: string; error_code: string | null }>(
      h,
      "SELECT state, error_code FROM outbox WHERE kind = 'owner-alert' AND user_id = 'U0GHOST999'",
    );
    // The note left the held table for a recipient that cannot receive it…
    const stillHeld = rows<{ n: number }>(h, 'SELECT COUNT(*) AS n FROM held_alerts')[0]!.n;
    await h.slack.openHome(MAYA.id);
    await h.settle();
    const mayaHome = seen(h.fake.homeViewOf(MAYA.id));
    // Promise: held, not dropped; released only to someone who can receive it — or Maya is told it didn't arrive.
    const delivered = alerts.some((a) => a.state === 'sent');
    expect(
      delivered ||
        stillHeld > 0 ||
        /waiting for a program owner|could not reach/i.test(mayaHome + everythingTo(h, MAYA.id)),
      `note lost: ${JSON.stringify(alerts)}, held=${stillHeld}`,
    ).toBe(true);
  });
});

describe('a held note and an owner who is not a person', () => {
  it('is never lost to a bot named as an owner (Slack refuses to DM bots)', async () => {
    const BOT: FakeUserInput = { id: 'U0HELPER01', name: 'olivias-helper', tz: 'Europe/London', isBot: true };
    await mayaAsksForHelp([BOT]);
    // The users picker offers bots too; the owner in the pair picks one.
    await h.slack.selectOption(OWNER, 'home', 'owner_add', BOT.id);
    await h.settle();
    const alerts = rows<{ state: string; error_code: string | null }>(
      h,
      "SELECT state, error_code FROM outbox WHERE kind = 'owner-alert' AND user_id = ?",
      BOT.id,
    );
    const stillHeld = rows<{ n: number }>(h, 'SELECT COUNT(*) AS n FROM held_alerts')[0]!.n;
    await h.slack.openHome(MAYA.id);
    await h.settle();
    const told = seen(h.fake.homeViewOf(MAYA.id)) + everythingTo(h, MAYA.id);
    expect(
      alerts.some((a) => a.state === 'sent') || stillHeld > 0 || /could not reach|didn.t reach/i.test(told),
      `note lost: ${JSON.stringify(alerts)}, held=${stillHeld}`,
    ).toBe(true);
  });
});

describe('a note queued for the only outside owner, who then deletes their own participant data', () => {
  it('is not cancelled when that owner deletes their own participant data, and still reaches them', async () => {
    const OMAR = TEN[9]!; // an owner too, and a participant with a profile of his own
    h = await world([OWNER, OMAR.id]);
    const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK, OMAR]);
    const own = pairs.find((p) => p.menteeId === OWNER)!;
    expect(own.mentorId).toBe(MAYA.id);
    await h.tickAt(FIRST_CHECKINS);
    // Slack has a bad minute when the note goes out to Omar (5xx): it waits in the outbox for its retry.
    const omarDm = h.fake.ensureDm(OMAR.id);
    let slackDown = true;
    h.fake.failNext(
      'chat.postMessage',
      { status: 503 },
      {
        times: 50,
        match: (p) => slackDown && (p.channel === omarDm || p.channel === OMAR.id),
      },
    );
    await h.slack.clickButton(MAYA.id, { channel: own.channel }, 'checkin_help');
    await h.settle();
    expect(everythingTo(h, MAYA.id)).toContain("I've told the program owners");
    const note = () =>
      rows<{ state: string }>(
        h,
        "SELECT state FROM outbox WHERE kind = 'owner-alert' AND user_id = ? AND dedupe_key LIKE '%need-help%'",
        OMAR.id,
      );
    expect(note()).toEqual([{ state: 'pending' }]);
    // Omar, as a participant, deletes his profile and answers.
    await h.slack.command(OMAR.id, 'leave');
    await h.settle();
    await h.slack.clickButton(OMAR.id, 'ephemeral', 'leave_confirm');
    await h.settle();
    // Maya's call for help is not Omar's data: it must not go with his. Slack is still failing for Omar, so it
    // waits for its retry — still pending, with its words — and goes out once Slack answers again.
    expect(note(), 'Maya’s help request to the only owner outside her pair was cancelled').toEqual([
      { state: 'pending' },
    ]);
    slackDown = false;
    await h.tickAt('2026-12-11T06:00:00Z');
    expect(note()).toEqual([{ state: 'sent' }]);
    expect(
      h.fake
        .dmsTo(OMAR.id)
        .map((m) => JSON.stringify(m))
        .join('\n'),
    ).toContain('A pair asked for help');
  });
});

describe('a note waiting for delivery to an owner who is then removed', () => {
  it('is not delivered to someone who is no longer a program owner', async () => {
    h = await world();
    const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK]);
    const own = pairs.find((p) => p.menteeId === OWNER)!;
    // Jon is made an owner (he is outside Maya's pair), so Maya's note will go to him.
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.selectOption(OWNER, 'home', 'owner_add', JON.id);
    await h.settle();
    await h.tickAt(FIRST_CHECKINS);
    const jonDm = h.fake.ensureDm(JON.id);
    h.fake.failNext(
      'chat.postMessage',
      { status: 503 },
      { times: 2, match: (p) => p.channel === jonDm || p.channel === JON.id },
    );
    await h.slack.clickButton(MAYA.id, { channel: own.channel }, 'checkin_help');
    await h.settle();
    // Before Slack recovers, Jon is taken off the owners' list (or PROGRAM_OWNERS changes at a restart).
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'owner_remove').catch(async () => {
      await h.slack.selectOption(OWNER, 'home', 'owner_remove', JON.id);
    });
    await h.settle();
    expect(rows(h, 'SELECT user_id FROM owners WHERE user_id = ?', JON.id)).toEqual([]);
    expect(
      rows(
        h,
        "SELECT state FROM outbox WHERE kind = 'owner-alert' AND user_id = ? AND dedupe_key LIKE '%need-help%'",
        JON.id,
      ),
    ).toEqual([{ state: 'pending' }]);
    await h.tickAt('2026-12-11T06:00:00Z');
    const toJon = h.fake
      .dmsTo(JON.id)
      .map((m) => seen(m))
      .join('\n');
    expect(toJon, 'a private call for help reached someone who is no longer an owner').not.toContain(
      'A pair asked for help',
    );
  });
});
