// The confidential "don't pair me with" list, probed without spending the refusal budget.
//
// README: "Each owner gets at most 3 such refusals per cohort; after that, hand pairing in that cohort is closed
// to them", so that "nobody can map the 'don't pair me with' lists by trying pair after pair"; and "An owner who
// is in the cohort can't probe rules about themselves at all".
import { afterEach, describe, expect, it } from 'vitest';
import { createCohort, HENRIK_IN_PRODUCT, OWNER, rows, TEN } from '../support/fixtures.js';
import { type Harness, seen } from '../support/harness.js';
import { OWNER_AS_MENTEE, optIn, person, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const MAYA = TEN[0]!; // mentor, early, AI tools + social media
const JON = TEN[1]!; // mentor, early, collaboration + data
const PRIYA = TEN[2]!; // mentor, mid, digital marketing + social media
const GRACE = TEN[4]!; // mentee, executive, AI tools + data
// Not in Jon's team (Engineering): the same-team rule would keep the two apart, and the scenario pairs them.
const HENRIK = HENRIK_IN_PRODUCT; // mentee, senior, collaboration tools
const AMARA = TEN[6]!; // mentee, executive, D&I

/** Opens the review for the owner after "Match now" and returns a helper set that edits through the real forms. */
async function review(owner: string) {
  await h.slack.openHome(owner);
  await h.settle();
  await h.slack.clickButton(owner, 'home', 'cohort_match');
  await h.settle();
  const view = h.fake.lastViewOpenedFor(owner)!;
  const edit = async (button: string, values: Record<string, string>) => {
    await h.slack.clickButton(owner, { viewId: view.id }, button);
    await h.settle();
    const form = h.fake.openViews(owner).at(-1)!;
    const result = await h.slack.submitView(owner, form, values);
    if (result.outcome?.action === 'errors') await h.slack.closeView(owner, form);
    await h.settle();
    return JSON.stringify(result.body ?? '');
  };
  return {
    view,
    shown: () => seen(h.fake.view(view.id)),
    pin: (mentor: string, mentee: string) => edit('pairs_pin_open', { mentor, mentee }),
    unpair: (p: string) => edit('pairs_unpair_open', { person: p }),
    rerun: async () => {
      await h.slack.clickButton(owner, { viewId: view.id }, 'cohort_rerun');
      await h.settle();
    },
  };
}

const drafts = () =>
  rows<{ mentor_id: string; mentee_id: string }>(
    h,
    "SELECT mentor_id, mentee_id FROM pairs WHERE state = 'draft' ORDER BY id",
  ).map((p) => `${p.mentor_id}-${p.mentee_id}`);

describe('re-run + pins: an unmetered oracle for hidden rules', () => {
  it('never lets an owner learn, pair by pair, which two people a hidden rule keeps apart without spending refusals', async () => {
    // Grace privately asked not to be paired with Maya. Nobody else asked anything.
    const grace = { ...GRACE, answers: { ...GRACE.answers, do_not_pair: [MAYA.id] } };
    h = await world();
    const cohortId = await createCohort(h);
    for (const p of [MAYA, JON, PRIYA, grace, HENRIK, AMARA]) await optIn(h, p);
    const r = await review(OWNER);

    /**
     * Is mentor–mentee ruled out by a rule the owner can't see? Take everyone apart (unpair is never counted),
     * pin the other people to each other (a pin that passes is never counted), re-run: the matcher now has
     * only `mentor` and `mentee` left, and pairs them unless a hidden rule forbids it.
     */
    const probe = async (mentor: string, mentee: string) => {
      for (const m of [MAYA, JON, PRIYA]) await r.unpair(m.id);
      const otherMentors = [MAYA, JON, PRIYA].map((p) => p.id).filter((id) => id !== mentor);
      const otherMentees = [grace, HENRIK, AMARA].map((p) => p.id).filter((id) => id !== mentee);
      for (let i = 0; i < 2; i++) await r.pin(otherMentors[i]!, otherMentees[i]!);
      await r.rerun();
      return drafts().includes(`${mentor}-${mentee}`) ? 'allowed' : 'hidden rule';
    };

    const learned = {
      'Maya-Grace': await probe(MAYA.id, grace.id),
      'Maya-Henrik': await probe(MAYA.id, HENRIK.id),
      'Jon-Grace': await probe(JON.id, grace.id),
      'Priya-Grace': await probe(PRIYA.id, grace.id),
      'Maya-Amara': await probe(MAYA.id, AMARA.id),
    };
    // The owner has mapped five pairs exactly, and found the one confidential block…
    expect(learned).toEqual({
      'Maya-Grace': 'hidden rule',
      'Maya-Henrik': 'allowed',
      'Jon-Grace': 'allowed',
      'Priya-Grace': 'allowed',
      'Maya-Amara': 'allowed',
    });
    const spent = rows<{ n: number }>(
      h,
      'SELECT COUNT(*) AS n FROM confidential_refusals WHERE cohort_id = ?',
      cohortId,
    )[0]!.n;
    // The promise: a hidden rule can only be detected by spending the (3-per-cohort) refusal budget.
    expect(spent, 'hidden rules were read off the matcher with the budget untouched').toBeGreaterThan(0);
  });
});

describe('an owner who is in the cohort probes rules about themselves', () => {
  it('is never told, in their own review or launch report, that everyone who could have been their partner ruled them out', async () => {
    // The owner is an executive mentee. Only Maya (early) can mentor them; Jon is an executive too, so a
    // career-stage rule the owner can see rules him out. Maya has privately asked not to be paired with the owner.
    const maya = { ...MAYA, answers: { ...MAYA.answers, do_not_pair: [OWNER] } };
    const jon = person(JON.id, 'Jon', 'mentor', 'executive', 'Engineering', ['collaboration-tools']);
    const henrik = person(HENRIK.id, 'Henrik', 'mentee', 'executive', 'Engineering', ['collaboration-tools']);
    h = await world([OWNER, AMARA.id]);
    await createCohort(h);
    for (const p of [OWNER_AS_MENTEE, maya, jon, henrik]) await optIn(h, p);
    const r = await review(OWNER);
    const shown = r.shown();
    // No hand edit, no refusal, no budget: just "Match now". The owner sees themselves unmatched with the
    // owner-facing reason — the one the person-facing text is deliberately vaguer than ("telling a person that
    // everyone suitable was ruled out would hint that someone asked not to be paired with them").
    expect(shown).toContain(OWNER); // they are listed among the not matched
    const ownLine = shown.split('\n').find((l) => l.includes(OWNER)) ?? '';
    expect
      .soft(ownLine, 'the owner reads why they themselves were not matched')
      .not.toMatch(/ruled out|private preference/);
    // The launch report repeats it, in the owner's DM.
    await h.slack.clickButton(OWNER, { viewId: r.view.id }, 'cohort_launch');
    await h.settle();
    const report = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .filter((t) => t.includes('launched'))
      .join('\n');
    expect(report).toContain(OWNER);
    expect
      .soft(report, 'the launch report tells the owner the same about themselves')
      .not.toMatch(/private preference/);
  });
});
