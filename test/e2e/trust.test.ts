import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/simulator/index.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import {
  COHORT_ANSWERS,
  createCohort,
  HENRIK_IN_PRODUCT,
  OWNER,
  OWNER_USER,
  optIn,
  type Participant,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';
import { mrkdwnTexts } from '../support/mrkdwn.js';
import {
  allTables,
  everythingTo as everythingSeenBy,
  FIRST_CHECKINS,
  FIT_CHECKS,
  forgedClick as forged,
  OWNER_AS_MENTEE,
  world as sharedWorld,
} from '../support/privacy.js';

// Regression tests for the trust review (issue 9): each drives the real app through signed requests and the
// loopback Slack, and each failed on the code before the fix.

const MAYA = TEN[0]!; // mentor: AI tools, social media
const JON = TEN[1]!; // mentor: collaboration tools, data
// Not in Jon's team (Engineering): the same-team rule would keep the two apart, and the scenario pairs them.
const HENRIK = HENRIK_IN_PRODUCT; // mentee: collaboration tools

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const world = async (owners = [OWNER]) => {
  h = await sharedWorld(owners);
  return h;
};
const everythingTo = (userId: string) => everythingSeenBy(h, userId);
const forgedClick = (userId: string, actionId: string, value: string, extra: JsonObject = {}) =>
  forged(h, userId, actionId, value, extra);
const text = (items: readonly ({ blocks?: unknown[]; text?: string } | undefined)[]) =>
  items.map((m) => seen(m)).join('\n');

describe('an owner who is in a pair, when every owner is in that pair', () => {
  it('never tells a person their call for help reached someone when nobody could receive it; it waits for the next owner', async () => {
    await world();
    const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK]);
    const own = pairs.find((p) => p.menteeId === OWNER)!;
    expect(own.mentorId).toBe(MAYA.id);
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(MAYA.id, { channel: own.channel }, 'checkin_help');
    await h.settle();

    const toMaya = everythingTo(MAYA.id);
    expect(toMaya).toContain('Every program owner is in your pair');
    expect(toMaya).not.toContain("I've told the program owners");
    expect(everythingTo(OWNER)).not.toContain('asked for help');
    expect(rows(h, 'SELECT raised_by FROM held_alerts')).toEqual([{ raised_by: MAYA.id }]);
    await h.slack.openHome(MAYA.id);
    await h.settle();
    expect(seen(h.fake.homeViewOf(MAYA.id))).toContain(
      'Your request for help is waiting for a program owner',
    );
    // The owner's Home says, without any content, that a pair has nobody outside it.
    await h.slack.openHome(OWNER);
    await h.settle();
    expect(seen(h.fake.homeViewOf(OWNER))).toContain('1 pair has no program owner outside it');

    // A second owner is added: the note goes to them — and still never to the owner in the pair.
    await h.slack.selectOption(OWNER, 'home', 'owner_add', JON.id);
    await h.settle();
    expect(text(h.fake.dmsTo(JON.id))).toContain('A pair asked for help');
    expect(everythingTo(OWNER)).not.toContain('asked for help');
    expect(rows(h, 'SELECT COUNT(*) AS n FROM held_alerts')).toEqual([{ n: 0 }]);
  });

  it('is told honestly when a "not a fit" answer has nobody to go to', async () => {
    await world();
    const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK]);
    const own = pairs.find((p) => p.menteeId === OWNER)!;
    await h.tickAt(FIT_CHECKS);
    await h.slack.clickButton(own.mentorId, 'dm', 'fit_not_fit');
    await h.settle();
    expect(everythingTo(own.mentorId)).toContain('Every program owner is in your pair');
    expect(everythingTo(own.mentorId)).not.toContain('A program owner will get in touch');
    expect(everythingTo(OWNER)).not.toContain('A pairing is not working');
    expect(everythingTo(OWNER)).not.toContain('says their pairing');
  });
});

describe('an owner never reviews or edits their own pair', () => {
  it('hides their own draft pair from their review and refuses unpair, pin and swap that touch it', async () => {
    await world();
    await createCohort(h);
    for (const p of [OWNER_AS_MENTEE, MAYA, JON, HENRIK]) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const drafts = () =>
      rows<{ mentor_id: string; mentee_id: string }>(
        h,
        "SELECT mentor_id, mentee_id FROM pairs WHERE state = 'draft' ORDER BY id",
      );
    const before = drafts();
    expect(before).toContainEqual({ mentor_id: MAYA.id, mentee_id: OWNER });
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    const shown = seen(review);
    expect(shown).toContain('One pair includes you and is not shown');
    expect(shown).not.toContain(MAYA.id);
    expect(shown).toContain(JON.id);

    const tryEdit = async (button: string, values: Record<string, string>) => {
      await h.slack.clickButton(OWNER, { viewId: review.id }, button);
      await h.settle();
      const form = h.fake.openViews(OWNER).at(-1)!;
      const result = await h.slack.submitView(OWNER, form, values);
      if (result.outcome?.action === 'errors') await h.slack.closeView(OWNER, form);
      return JSON.stringify(result.body);
    };
    expect(await tryEdit('pairs_unpair_open', { person: MAYA.id })).toContain('your own pair');
    expect(await tryEdit('pairs_pin_open', { mentor: JON.id, mentee: OWNER })).toContain('your own pair');
    expect(await tryEdit('pairs_swap_open', { first: HENRIK.id, second: OWNER })).toContain('your own pair');
    expect(await tryEdit('pairs_swap_open', { first: JON.id, second: MAYA.id })).toContain('your own pair');
    expect(drafts()).toEqual(before);
  });

  it('refuses an owner ending (and rematching) their own pair from a forged button', async () => {
    await world([OWNER, HENRIK.id]);
    const { pairs } = await launchCohort(h, [OWNER_AS_MENTEE, MAYA, JON, HENRIK]);
    const own = pairs.find((p) => p.menteeId === OWNER)!;
    await h.slack.sendInteractive(forgedClick(OWNER, 'pair_end_rematch', String(own.id)));
    await h.settle();
    expect(rows(h, 'SELECT state FROM pairs WHERE id = ?', own.id)).toEqual([{ state: 'active' }]);
    expect(everythingTo(OWNER)).toContain('your own pair');
  });
});

describe('the confidential "don\'t pair me with" list can\'t be mapped with "Pair by hand"', () => {
  it('refuses a blocked pair like any hidden rule, and closes hand pairing after a few such refusals', async () => {
    await world();
    const grace = TEN[4]!; // mentee: AI tools, data
    const blocker: Participant = { ...grace, answers: { ...grace.answers, do_not_pair: [MAYA.id] } };
    const cohortId = await createCohort(h);
    for (const p of [MAYA, JON, blocker, HENRIK]) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    const pin = async (mentor: string, mentee: string) => {
      await h.slack.clickButton(OWNER, { viewId: review.id }, 'pairs_pin_open');
      await h.settle();
      const form = h.fake.openViews(OWNER).at(-1)!;
      const result = await h.slack.submitView(OWNER, form, { mentor, mentee });
      if (result.outcome?.action === 'errors') await h.slack.closeView(OWNER, form);
      return JSON.stringify(result.body);
    };
    for (let i = 0; i < 3; i++) {
      const refused = await pin(MAYA.id, grace.id);
      expect(refused).toContain("can't be paired under the program's rules");
      expect(refused).not.toMatch(/asked|block|prefer/i);
    }
    // Now even a pair that breaks no rule is refused with words that say nothing about the pair.
    const closed = await pin(JON.id, HENRIK.id);
    expect(closed).toContain('Hand pairing in this cohort is closed to you');
    expect(rows(h, 'SELECT COUNT(*) AS n FROM confidential_refusals WHERE cohort_id = ?', cohortId)).toEqual([
      { n: 3 },
    ]);
  });
});

describe('chat.update and views.update only touch what the bot recorded', () => {
  it('updates the recorded check-in message, never the channel and ts a click names', async () => {
    await world();
    const { pairs } = await launchCohort(h, TEN);
    const [mine, theirs] = pairs as [LaunchedPair, LaunchedPair];
    await h.tickAt(FIRST_CHECKINS);
    const click = await h.slack.clickButton(mine.menteeId, { channel: mine.channel }, 'checkin_met');
    await h.settle();
    const recorded = rows<{ slack_channel: string; slack_ts: string }>(
      h,
      "SELECT slack_channel, slack_ts FROM outbox WHERE kind = 'checkin' AND pair_id = ?",
      mine.id,
    )[0]!;
    const victim = h.fake.messages(theirs.channel)[0]!;
    const victimBefore = seen(victim);
    const forged = {
      ...click.payload,
      channel: { id: theirs.channel, name: 'mpdm' },
      message: { ...(click.payload.message as JsonObject), ts: victim.ts },
      container: { type: 'message', message_ts: victim.ts, channel_id: theirs.channel, is_ephemeral: false },
      actions: [{ ...(click.payload.actions as JsonObject[])[0]!, action_id: 'checkin_not_yet' }],
      user: { id: mine.mentorId, username: 'x', name: 'x', team_id: h.fake.workspace.teamId },
    };
    await h.slack.sendInteractive(forged);
    await h.settle();
    const updates = h.fake.callsTo('chat.update').map((c) => `${c.params.channel} ${c.params.ts}`);
    expect(updates.length).toBeGreaterThan(0);
    expect(new Set(updates)).toEqual(new Set([`${recorded.slack_channel} ${recorded.slack_ts}`]));
    expect(seen(h.fake.messages(theirs.channel)[0])).toBe(victimBefore);
  });

  it('never updates a view the owner did not get from the bot as their review', async () => {
    await world();
    await createCohort(h);
    for (const p of [MAYA, JON, TEN[4]!, HENRIK]) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    // Someone else has a form open: the opt-in modal.
    await h.slack.command(HENRIK.id, '');
    await h.settle();
    const victim = h.fake.lastViewOpenedFor(HENRIK.id)!;
    const before = seen(victim);
    const click = await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_rerun');
    await h.settle();
    const updatesBefore = h.fake.callsTo('views.update').length;
    const forged = {
      ...click.payload,
      view: { ...(click.payload.view as JsonObject), id: victim.id },
      container: { type: 'view', view_id: victim.id },
    };
    await h.slack.sendInteractive(forged);
    await h.settle();
    const targets = h.fake
      .callsTo('views.update')
      .slice(updatesBefore)
      .map((c) => c.params.view_id);
    expect(targets).not.toContain(victim.id);
    expect(seen(h.fake.view(victim.id))).toBe(before);
    expect(everythingTo(OWNER)).toContain("isn't a review I opened for you");
  });
});

describe('check-in answers', () => {
  it('keeps "we met" when the same person then asks for help, and shows the partner nothing new', async () => {
    await world();
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_met');
    await h.settle();
    const checkin = () => seen(h.fake.messages(pair.channel).find((m) => seen(m).includes('[ We met ]')));
    const shared = checkin();
    expect(shared).toContain('met this week');
    const updates = h.fake.callsTo('chat.update').length;
    await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_help');
    await h.settle();
    expect(rows(h, 'SELECT user_id, answer FROM checkins WHERE pair_id = ?', pair.id)).toEqual([
      { user_id: pair.menteeId, answer: 'met' },
    ]);
    expect(h.fake.callsTo('chat.update')).toHaveLength(updates);
    expect(checkin()).toBe(shared);
    expect(text(h.fake.dmsTo(OWNER))).toContain('A pair asked for help');
  });
});

describe('a week that has closed', () => {
  it('keeps its check-in answers as they were, so a published weekly figure never moves', async () => {
    await world();
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_met');
    await h.settle();
    // Week 1 is over everywhere on earth once 14 December has begun in UTC+14.
    h.clock.set('2026-12-13T12:00:00Z');
    await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_not_yet');
    await h.settle();
    expect(rows(h, 'SELECT answer FROM checkins WHERE pair_id = ?', pair.id)).toEqual([{ answer: 'met' }]);
    expect(everythingTo(pair.menteeId)).toContain("That week's check-in has closed");
  });
});

describe('fit checks', () => {
  it('refuses an answer to a fit check that was never sent, e.g. on a draft pair before launch', async () => {
    await world();
    const cohortId = await createCohort(h);
    for (const p of TEN) await optIn(h, p);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const draft = rows<{ id: number; mentee_id: string }>(
      h,
      "SELECT id, mentee_id FROM pairs WHERE cohort_id = ? AND state = 'draft' LIMIT 1",
      cohortId,
    )[0]!;
    await h.slack.sendInteractive(forgedClick(draft.mentee_id, 'fit_not_fit', String(draft.id)));
    await h.settle();
    expect(rows(h, 'SELECT * FROM fit_checks')).toEqual([]);
    expect(rows(h, 'SELECT * FROM flags')).toEqual([]);
    expect(everythingTo(OWNER)).not.toContain('A pairing is not working');
    expect(everythingTo(draft.mentee_id)).toContain('This question was for someone else');
  });
});

describe('pause lengths', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses “%s” clearly and saves nothing',
    async (word) => {
      await world();
      const { pairs } = await launchCohort(h, TEN);
      const me = pairs[0]!.mentorId;
      const people = rows(h, 'SELECT * FROM people ORDER BY id');
      await h.slack.command(me, `pause ${word}`);
      await h.settle();
      expect(seen(h.fake.ephemerals({ user: me }).at(-1))).toContain("isn't a length I know");
      expect(rows(h, 'SELECT * FROM pauses')).toEqual([]);
      expect(rows(h, 'SELECT * FROM people ORDER BY id')).toEqual(people);
      expect(text(h.fake.dmsTo(pairs[0]!.menteeId))).not.toContain('taking a short break');
    },
  );
});

describe('response_url', () => {
  let evil: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    evil = undefined;
  });

  it('is only ever Slack’s own: a forged one is refused and the person is answered by DM instead', async () => {
    await world();
    const hits: string[] = [];
    evil = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('ok');
    });
    const port = await new Promise<number>((resolve) =>
      evil!.listen(0, '127.0.0.1', () => resolve((evil!.address() as AddressInfo).port)),
    );
    const user = TEN[3]!.id;
    await h.slack.sendCommandFields({
      token: 'fake-verification-token',
      team_id: h.fake.workspace.teamId,
      team_domain: h.fake.workspace.teamDomain,
      channel_id: h.fake.ensureDm(user),
      channel_name: 'directmessage',
      user_id: user,
      user_name: 'tomas',
      command: '/reverse-mentor',
      text: 'help',
      api_app_id: h.fake.workspace.appId,
      is_enterprise_install: 'false',
      response_url: `http://127.0.0.1:${port}/commands/T1/1/stolen`,
      trigger_id: h.fake.mintTriggerId(user),
    });
    await h.settle();
    expect(hits).toEqual([]);
    expect(text(h.fake.dmsTo(user))).toContain('what you can do');
    expect(h.logs.join('\n')).toContain('Refused to post to a response_url');
    expect(h.logs.join('\n')).not.toContain('stolen');
  });
});

describe('notification texts', () => {
  const HOSTILE_NAME = '<!channel> Winter <https://evil.example|SSO>';
  const HOSTILE_TEAM = '<!here> Sales <@U0MENT0002>';

  it('carry user text escaped exactly as the blocks do', async () => {
    await world();
    const people = TEN.map((p) =>
      p.id === MAYA.id ? { ...p, answers: { ...p.answers, team: HOSTILE_TEAM } } : p,
    );
    await launchCohort(h, people, { ...COHORT_ANSWERS, name: HOSTILE_NAME });
    // A second cohort, announced in a channel, and the running one's summary.
    await createCohort(h, { ...COHORT_ANSWERS, name: `${HOSTILE_NAME} 2` });
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_announce');
    await h.settle();
    await h.slack.submitView(OWNER, h.fake.lastViewOpenedFor(OWNER)!, { channel: SUMMARY_CHANNEL });
    await h.settle();
    await h.slack.command(OWNER, `summary "${HOSTILE_NAME}"`);
    await h.settle();
    const posted = h.fake.callsTo('chat.postMessage').map((c) => c.params);
    expect(posted.length).toBeGreaterThan(5);
    // Slack reads the notification text and every mrkdwn element as markup; plain_text is shown as typed.
    const outgoing = [
      ...posted.flatMap((p) => [String(p.text), ...mrkdwnTexts(p.blocks)]),
      ...h.fake.responses().flatMap((r) => [String(r.body.text), ...mrkdwnTexts(r.body.blocks)]),
    ];
    for (const raw of outgoing) {
      expect(raw).not.toContain('<!channel>');
      expect(raw).not.toContain('<!here>');
      expect(raw).not.toContain('<https://evil');
    }
    // The escaped name is there (so the check above looked at the right messages).
    expect(posted.map((p) => String(p.text)).join('\n')).toContain('&lt;!channel&gt; Winter');
  });
});

describe('files the bot creates', () => {
  it('creates the database 0600 (and its WAL), in a folder it creates 0700', async () => {
    const base = mkdtempSync(join(tmpdir(), 'rm-modes-'));
    const nested = join(base, 'private', 'rm.sqlite');
    try {
      h = await startHarness({ users: [OWNER_USER], env: { DATABASE_PATH: nested } });
      await h.slack.openHome(OWNER);
      await h.settle();
      expect(statSync(nested).mode & 0o777).toBe(0o600);
      expect(statSync(`${nested}-wal`).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(nested)).mode & 0o777).toBe(0o700);
    } finally {
      await h.stop();
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('"Delete my profile and answers"', () => {
  it('leaves none of the person’s words in any table, outbox payloads and held notes included', async () => {
    await world();
    const GOALS = 'ZEBRA-GOALS-7731 learning how my customers use social media';
    const TEAM = 'Skunkworks-9931';
    const REASON = 'ZEBRA-REASON-5521 my new role eats my week';
    const people = TEN.map((p) =>
      p.id === TEN[4]!.id ? { ...p, answers: { ...p.answers, goals: GOALS, team: TEAM } } : p,
    );
    const { pairs } = await launchCohort(h, people);
    const mine = pairs.find((p) => p.menteeId === TEN[4]!.id)!;
    const me = mine.menteeId;
    await h.tickAt(FIRST_CHECKINS);
    await h.slack.clickButton(me, { channel: mine.channel }, 'checkin_met');
    await h.tickAt(FIT_CHECKS);
    await h.slack.clickButton(me, 'dm', 'fit_unsure');
    await h.settle();
    await h.slack.openHome(me);
    await h.settle();
    await h.slack.clickButton(me, 'home', 'pair_leave');
    await h.settle();
    await h.slack.submitView(me, h.fake.lastViewOpenedFor(me)!, { reason: REASON });
    await h.settle();
    const dump = () => JSON.stringify(allTables(h));
    expect(dump()).toContain(REASON);
    expect(dump()).toContain(GOALS);

    await h.slack.command(me, 'leave');
    await h.settle();
    await h.slack.clickButton(me, 'ephemeral', 'leave_confirm');
    await h.settle();
    const after = dump();
    for (const secret of [REASON, 'ZEBRA-GOALS-7731', TEAM]) expect(after).not.toContain(secret);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM checkins WHERE user_id = ?', me)).toEqual([{ n: 0 }]);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM fit_checks WHERE user_id = ?', me)).toEqual([{ n: 0 }]);
    // What the rules need stays: these two were paired (so they never are again).
    expect(rows(h, 'SELECT mentor_id, mentee_id FROM pairs WHERE id = ?', mine.id)).toEqual([
      { mentor_id: mine.mentorId, mentee_id: me },
    ]);
  });

  it('purges the text of finished messages after the retention period', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: { OUTBOX_RETENTION_DAYS: '7' },
    });
    await launchCohort(h, TEN);
    const kept = () =>
      rows<{ n: number }>(h, 'SELECT COUNT(*) AS n FROM outbox WHERE payload NOT LIKE \'%"purged"%\'')[0]!.n;
    await h.tickAt('2026-11-29T10:00:00Z');
    expect(kept()).toBeGreaterThan(0);
    await h.tickAt('2026-12-01T10:00:00Z');
    const intros = rows<{ payload: string; purged_at: number | null }>(
      h,
      "SELECT payload, purged_at FROM outbox WHERE kind = 'intro'",
    );
    expect(intros.length).toBeGreaterThan(0);
    for (const intro of intros) {
      expect(JSON.parse(intro.payload)).toEqual({ type: 'purged' });
      expect(intro.purged_at).not.toBeNull();
    }
  });
});

describe('a forged opt-in form', () => {
  it('can’t put someone Slack doesn’t know on a "don’t pair me with" list', async () => {
    await world();
    const person = TEN[3]!;
    await h.slack.command(person.id, '');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(person.id)!;
    const result = await h.slack.submitView(person.id, form, {
      ...person.answers,
      do_not_pair: ['U0NOBODY00'],
    });
    expect(result.outcome?.action).toBe('errors');
    expect(JSON.stringify(result.body)).toContain("isn't in this workspace");
    expect(rows(h, 'SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 0 }]);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM pairing_blocks')).toEqual([{ n: 0 }]);
    // A real colleague is fine.
    const ok = await h.slack.submitView(person.id, form, { ...person.answers, do_not_pair: [TEN[0]!.id] });
    expect(ok.outcome?.action).toBe('closed');
  });
});
