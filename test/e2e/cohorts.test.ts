import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COHORT_ANSWERS,
  createCohort,
  OWNER,
  OWNER_USER,
  optIn,
  rows,
  SUMMARY_CHANNEL,
  TEN,
} from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...TEN],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
});
afterEach(async () => {
  await h.stop();
});

const mentors = TEN.filter((p) => p.answers.role === 'mentor');
const mentees = TEN.filter((p) => p.answers.role === 'mentee');

describe('creating a cohort', () => {
  it('shows owner tools only to owners', async () => {
    await h.slack.openHome(OWNER);
    await h.slack.openHome(TEN[0]!.id);
    await h.settle();
    expect(seen(h.fake.homeViewOf(OWNER))).toContain('[ New cohort ]');
    expect(seen(h.fake.homeViewOf(TEN[0]!.id))).not.toContain('New cohort');
  });

  it('refuses wrong settings field by field and stores nothing', async () => {
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_new');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(OWNER)!;
    const result = await h.slack.submitView(OWNER, form, {
      ...COHORT_ANSWERS,
      name: 'W',
      enrolment_closes_on: '2026-12-10',
      starts_on: '2026-12-07',
      weeks: '3',
      topics: [],
    } as never);
    expect(result.body).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Use at least 3 characters for the name.',
        weeks: 'A cohort runs at least 4 weeks.',
        starts_on: 'Start after enrolment closes, so there is time to review the pairs.',
        topics: 'Offer at least one topic.',
      },
    });
    const past = await h.slack.submitView(OWNER, form, {
      ...COHORT_ANSWERS,
      starts_on: '2026-11-01',
    } as never);
    expect(past.body).toMatchObject({ errors: { starts_on: 'The start date can’t be in the past.' } });
    expect(rows(h, 'SELECT * FROM cohorts')).toEqual([]);
  });

  it('refuses a second running cohort with the same name', async () => {
    await createCohort(h);
    await h.slack.clickButton(OWNER, 'home', 'cohort_new');
    await h.settle();
    const again = await h.slack.submitView(OWNER, h.fake.lastViewOpenedFor(OWNER)!, {
      ...COHORT_ANSWERS,
      name: 'winter 2026',
    } as never);
    expect(again.body).toMatchObject({
      errors: { name: 'A cohort that is still running already has this name. Choose another.' },
    });
  });

  it('refuses a forged cohort form from someone who is not an owner', async () => {
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_new');
    await h.settle();
    const ownersForm = h.fake.lastViewOpenedFor(OWNER)!;
    const forged = await h.slack.submitView(TEN[0]!.id, ownersForm, COHORT_ANSWERS as never, {
      forged: true,
    });
    expect(forged.status).toBe(200);
    await h.settle();
    expect(rows(h, 'SELECT * FROM cohorts')).toEqual([]);
    expect(seen(h.fake.dmsTo(TEN[0]!.id).at(-1))).toContain('Only program owners can do that');
  });
});

describe('matching, review and launch', () => {
  async function enrolEveryone() {
    const cohortId = await createCohort(h);
    for (const person of TEN) await optIn(h, person);
    expect(rows(h, 'SELECT COUNT(*) AS n FROM enrolments WHERE cohort_id = ?', cohortId)).toEqual([
      { n: 10 },
    ]);
    return cohortId;
  }

  async function matchNow(cohortId: number) {
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    const review = h.fake.lastViewOpenedFor(OWNER);
    expect(review?.title?.text).toBe('Review pairs');
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'matched' }]);
    return review!;
  }

  const groupDms = () => h.fake.callsTo('conversations.open');
  const draftPairs = (cohortId: number) =>
    rows<{ mentor_id: string; mentee_id: string }>(
      h,
      "SELECT mentor_id, mentee_id FROM pairs WHERE cohort_id = ? AND state IN ('draft', 'active') ORDER BY mentor_id",
      cohortId,
    );

  it('enrols people through the form, which names the open cohort', async () => {
    const cohortId = await createCohort(h);
    await h.slack.command(TEN[0]!.id, '');
    await h.settle();
    expect(seen(h.fake.lastViewOpenedFor(TEN[0]!.id))).toContain('Saving enrols you in Winter 2026');
    await optIn(h, TEN[0]!);
    expect(rows(h, 'SELECT user_id FROM enrolments WHERE cohort_id = ?', cohortId)).toEqual([
      { user_id: TEN[0]!.id },
    ]);
    expect(seen(h.fake.dmsTo(TEN[0]!.id).at(-1))).toContain("You're enrolled in Winter 2026");
  });

  it('proposes pairs for the whole cohort, explains them, and sends nobody anything before launch', async () => {
    const cohortId = await enrolEveryone();
    const dmsBefore = TEN.map((p) => h.fake.dmsTo(p.id).length);
    const review = await matchNow(cohortId);
    const pairs = draftPairs(cohortId);
    expect(pairs).toHaveLength(4);
    for (const pair of pairs) {
      expect(mentors.map((m) => m.id)).toContain(pair.mentor_id);
      expect(mentees.map((m) => m.id)).toContain(pair.mentee_id);
    }
    const text = seen(review);
    expect(text).toContain('4 pairs · 2 not matched');
    expect(text).toMatch(/You both picked/);
    expect(text).toContain('Not matched (2)');
    // Each pair in a plain-words band, never with a score.
    expect(text.match(/(Strong|Fair|Weak) match/g)).toHaveLength(4);
    expect(text).not.toMatch(/score/i);
    expect(groupDms()).toHaveLength(0);
    expect(TEN.map((p) => h.fake.dmsTo(p.id).length)).toEqual(dmsBefore);
  });

  it('refuses a forged Launch from a non-owner and changes nothing', async () => {
    const cohortId = await enrolEveryone();
    const review = await matchNow(cohortId);
    const intruder = TEN[1]!.id;
    await h.slack.clickButton(intruder, { viewId: review.id }, 'cohort_launch');
    await h.settle();
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'matched' }]);
    expect(groupDms()).toHaveLength(0);
    expect(rows(h, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'intro'")).toEqual([{ n: 0 }]);
    expect(seen(h.fake.dmsTo(intruder).at(-1))).toContain('Only program owners can do that');
  });

  it('lets the owner swap two mentees, refuses a pair that breaks the rules, then launches exactly once', async () => {
    const cohortId = await enrolEveryone();
    const review = await matchNow(cohortId);
    const before = draftPairs(cohortId);
    const [first, second] = before;

    // Swap the mentees of the first two pairs.
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'pairs_swap_open');
    await h.settle();
    const swapForm = h.fake.openViews(OWNER).at(-1)!;
    expect(swapForm.title?.text).toBe('Swap two people');
    const swapped = await h.slack.submitView(OWNER, swapForm, {
      first: first!.mentee_id,
      second: second!.mentee_id,
    });
    expect(swapped.outcome?.action).toBe('closed');
    await h.settle();
    const after = draftPairs(cohortId);
    expect(after).toContainEqual({ mentor_id: first!.mentor_id, mentee_id: second!.mentee_id });
    expect(after).toContainEqual({ mentor_id: second!.mentor_id, mentee_id: first!.mentee_id });
    expect(seen(h.fake.view(review.id))).toContain('Swapped.');

    // A mentee can't mentor: pinning two mentees is refused on the form, nothing changes.
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'pairs_pin_open');
    await h.settle();
    const pinForm = h.fake.openViews(OWNER).at(-1)!;
    const refused = await h.slack.submitView(OWNER, pinForm, {
      mentor: mentees[0]!.id,
      mentee: mentees[1]!.id,
    });
    expect(refused.outcome?.action).toBe('errors');
    expect(JSON.stringify(refused.body)).toContain('signed up as a mentee, not a mentor');
    expect(draftPairs(cohortId)).toEqual(after);
    await h.slack.closeView(OWNER, pinForm);

    // Launch.
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
    await h.settle();
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'active' }]);
    const launched = draftPairs(cohortId);
    expect(launched).toEqual(after);
    for (const pair of launched) {
      const channel = h.fake.groupDmWith([pair.mentor_id, pair.mentee_id]);
      expect(channel, 'a group DM for each pair').toBeDefined();
      expect(h.fake.membersOf(channel!).sort()).toEqual(
        [pair.mentor_id, pair.mentee_id, h.fake.workspace.botUserId].sort(),
      );
      const messages = h.fake.messages(channel!);
      expect(messages).toHaveLength(1);
      const intro = seen(messages[0]);
      expect(intro).toContain(`Mentor: @`);
      expect(intro).toContain('Why you two');
      expect(intro).toContain('program owners only ever see whether you met, never what you talked about');
      expect(intro).toContain('what’s said in this pair stays in this pair');
      expect(intro).toContain('This week: get started');
      const stored = rows<{ group_dm_channel_id: string }>(
        h,
        'SELECT group_dm_channel_id FROM pairs WHERE mentor_id = ? AND cohort_id = ?',
        pair.mentor_id,
        cohortId,
      );
      expect(stored).toEqual([{ group_dm_channel_id: channel }]);
    }
    const paired = new Set(launched.flatMap((p) => [p.mentor_id, p.mentee_id]));
    const unmatched = TEN.filter((p) => !paired.has(p.id));
    expect(unmatched).toHaveLength(2);
    for (const person of unmatched) {
      expect(seen(h.fake.dmsTo(person.id).at(-1))).toContain("You're first in line for the next cohort");
    }
    const report = seen(h.fake.dmsTo(OWNER).at(-1));
    expect(report).toContain('Winter 2026 is launched');
    expect(report).toContain('Not matched this time: 2 people.');

    // Pressing Launch again (and any further delivery run) sends nothing new.
    const messagesBefore = h.fake.callsTo('chat.postMessage').length;
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch').catch(() => undefined);
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.bot.services.sender.drain();
    expect(h.fake.callsTo('chat.postMessage').length).toBe(messagesBefore);
    expect(groupDms()).toHaveLength(4);
  });

  it('records a Slack refusal for one pair, tells the owner, and introduces the others', async () => {
    const cohortId = await enrolEveryone();
    const review = await matchNow(cohortId);
    const [broken] = draftPairs(cohortId);
    h.fake.failNext(
      'conversations.open',
      { error: 'cannot_dm_bot' },
      { match: (params) => String(params.users ?? '').includes(broken!.mentor_id) },
    );
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
    await h.settle();
    const intros = rows<{ state: string; error_code: string | null }>(
      h,
      "SELECT state, error_code FROM outbox WHERE kind = 'intro' ORDER BY state",
    );
    expect(intros.filter((r) => r.state === 'sent')).toHaveLength(3);
    expect(intros.filter((r) => r.state === 'failed')).toEqual([
      { state: 'failed', error_code: 'cannot_dm_bot' },
    ]);
    const alert = h.fake
      .dmsTo(OWNER)
      .map(seen)
      .find((t) => t.includes('could not be delivered'));
    expect(alert).toContain('cannot_dm_bot');
    expect(alert).toContain('introduction');
  });
});

describe('joining', () => {
  it('an announcement’s Join button enrols people with a profile and opens the form for newcomers', async () => {
    const cohortId = await createCohort(h);
    await h.slack.clickButton(OWNER, 'home', 'cohort_announce');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(OWNER)!;
    expect(form.title?.text).toBe('Announce');
    await h.slack.submitView(OWNER, form, { channel: SUMMARY_CHANNEL });
    await h.settle();
    const announcement = h.fake.messages(SUMMARY_CHANNEL).at(-1)!;
    expect(seen(announcement)).toContain('[ Join ]');
    expect(seen(announcement)).toMatch(/Winter 2026/i);

    // A newcomer gets the form; saving it enrols them.
    const newcomer = TEN[0]!;
    await h.slack.clickButton(newcomer.id, { channel: SUMMARY_CHANNEL }, 'cohort_join');
    await h.settle();
    await h.slack.submitView(newcomer.id, h.fake.lastViewOpenedFor(newcomer.id)!, newcomer.answers);
    await h.settle();
    expect(rows(h, 'SELECT user_id FROM enrolments WHERE cohort_id = ?', cohortId)).toEqual([
      { user_id: newcomer.id },
    ]);

    // Clicking again says so rather than enrolling twice.
    await h.slack.clickButton(newcomer.id, { channel: SUMMARY_CHANNEL }, 'cohort_join');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: newcomer.id }).at(-1))).toContain("You're already enrolled");
    expect(rows(h, 'SELECT COUNT(*) AS n FROM enrolments')).toEqual([{ n: 1 }]);
  });

  it('asks which cohort when several are open, and refuses to skip the choice', async () => {
    await createCohort(h);
    await createCohort(h, {
      ...COHORT_ANSWERS,
      name: 'Spring 2027',
      enrolment_closes_on: '2026-12-20',
      starts_on: '2027-01-04',
    });
    const person = TEN[5]!;
    await h.slack.command(person.id, '');
    await h.settle();
    const form = h.fake.lastViewOpenedFor(person.id)!;
    expect(seen(form)).toContain('Which cohort?');
    const missing = await h.slack.submitView(person.id, form, person.answers);
    expect(missing.body).toEqual({
      response_action: 'errors',
      errors: { cohort: 'Choose the cohort you would like to join.' },
    });
    expect(rows(h, 'SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 0 }]);
    const spring = rows<{ id: number }>(h, "SELECT id FROM cohorts WHERE name = 'Spring 2027'")[0]!.id;
    const ok = await h.slack.submitView(person.id, form, { ...person.answers, cohort: String(spring) });
    expect(ok.outcome?.action).toBe('closed');
    await h.settle();
    expect(rows(h, 'SELECT cohort_id FROM enrolments WHERE user_id = ?', person.id)).toEqual([
      { cohort_id: spring },
    ]);
  });

  it('lets owners add and remove owners from the Home tab, but not those set in PROGRAM_OWNERS', async () => {
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.selectOption(OWNER, 'home', 'owner_add', TEN[2]!.id);
    await h.settle();
    expect(rows(h, 'SELECT user_id, added_by FROM owners')).toEqual([
      { user_id: TEN[2]!.id, added_by: OWNER },
    ]);
    // The new owner now sees the owner tools…
    await h.slack.openHome(TEN[2]!.id);
    await h.settle();
    expect(seen(h.fake.homeViewOf(TEN[2]!.id))).toContain('[ New cohort ]');
    // …and someone else can't make themselves an owner with a forged click.
    await h.slack.selectOption(TEN[3]!.id, { viewId: h.fake.homeViewOf(OWNER)!.id }, 'owner_add', TEN[3]!.id);
    await h.settle();
    expect(rows(h, 'SELECT user_id FROM owners')).toEqual([{ user_id: TEN[2]!.id }]);
    expect(seen(h.fake.dmsTo(TEN[3]!.id).at(-1))).toContain('Only program owners can do that');
    // Removing the added owner works.
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'owner_remove');
    await h.settle();
    expect(rows(h, 'SELECT user_id FROM owners')).toEqual([]);
  });
});

describe('when enrolment closes', () => {
  it('the tick proposes the pairs and asks the owners to review them, telling nobody else', async () => {
    const cohortId = await createCohort(h);
    for (const person of TEN) await optIn(h, person);
    await h.tickAt('2026-11-30T23:00:00Z');
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'enrolling' }]);
    await h.tickAt('2026-12-01T00:30:00Z');
    expect(rows(h, 'SELECT state FROM cohorts WHERE id = ?', cohortId)).toEqual([{ state: 'matched' }]);
    const note = h.fake.dmsTo(OWNER).at(-1)!;
    expect(seen(note)).toContain('Enrolment for Winter 2026 has closed');
    expect(seen(note)).toContain('[ Review pairs ]');
    expect(h.fake.callsTo('conversations.open')).toHaveLength(0);
    await h.slack.clickButton(OWNER, 'dm', 'cohort_review');
    await h.settle();
    expect(h.fake.lastViewOpenedFor(OWNER)?.title?.text).toBe('Review pairs');
  });
});
