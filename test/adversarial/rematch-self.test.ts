// "Find a new partner" (rematch) and "End pair & rematch" can pick the acting owner as the new partner.
//
// README: "any hand edit, rematch or 'end pair' that touches [their own pair] is refused" and "An owner who is in
// the cohort can't probe rules about themselves at all". The rematch check only looks at the pair that ended;
// the partner it then chooses may be the owner who clicked.
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { HENRIK_IN_PRODUCT, OWNER, rows, TEN } from '../support/fixtures.js';
import type { Harness } from '../support/harness.js';
import { everythingTo, OWNER_AS_MENTEE, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const MAYA = TEN[0]!;
const JON = TEN[1]!;
const GRACE = TEN[4]!;
// Not in Jon's team (Engineering): the same-team rule would keep the two apart, and the scenario pairs them.
const HENRIK = HENRIK_IN_PRODUCT;

/** The owner is a mentee nobody's topics fit, so the two mentor places go to Grace and Henrik. */
const OWNER_WAITING = {
  ...OWNER_AS_MENTEE,
  answers: { ...OWNER_AS_MENTEE.answers, topics: ['leadership-perspectives'] },
};

async function henrikLeavesJon(jonBlocksOwner: boolean) {
  h = await world();
  const jon = jonBlocksOwner ? { ...JON, answers: { ...JON.answers, do_not_pair: [OWNER] } } : JON;
  const { pairs } = await launchCohort(h, [MAYA, jon, GRACE, HENRIK, OWNER_WAITING]);
  expect(pairs.map((p) => `${p.mentorId}-${p.menteeId}`).sort()).toEqual(
    [`${MAYA.id}-${GRACE.id}`, `${JON.id}-${HENRIK.id}`].sort(),
  );
  // Henrik leaves Jon. The owner is outside that pair, so they get the note with "Find a new partner".
  await h.slack.openHome(HENRIK.id);
  await h.settle();
  await h.slack.clickButton(HENRIK.id, 'home', 'pair_leave');
  await h.settle();
  await h.slack.submitView(HENRIK.id, h.fake.lastViewOpenedFor(HENRIK.id)!, { reason: '' });
  await h.settle();
  await h.slack.clickButton(OWNER, 'dm', 'pair_rematch');
  await h.settle();
}

/** The owner's last reply about the rematch, with the ids that differ between runs taken out. */
const answerTo = (userId: string) =>
  everythingTo(h, userId)
    .split('\n')
    .filter((line) => /free|paired with|new partner/i.test(line))
    .at(-1);

const ownPairs = () =>
  rows<{ mentor_id: string; state: string }>(
    h,
    'SELECT mentor_id, state FROM pairs WHERE mentee_id = ? OR mentor_id = ?',
    OWNER,
    OWNER,
  );

describe('rematch by an owner who is waiting in the same cohort', () => {
  it('never pairs the owner who clicked with the person left behind', async () => {
    await henrikLeavesJon(false);
    // Promise: an owner never makes (or changes) a pair that includes themselves.
    expect(ownPairs(), 'the owner paired themselves with Jon by pressing "Find a new partner"').toEqual([]);
  });

  it('tells the owner nothing about whether the person left behind asked not to be paired with them', async () => {
    // The owner is the only free mentee, and Jon's stage fits. Whether or not Jon asked not to be paired with
    // the owner, the owner must read the same answer: otherwise "nobody is free" would be a yes/no about a rule
    // concerning them.
    await henrikLeavesJon(false);
    const withoutBlock = answerTo(OWNER);
    await h.stop();
    await henrikLeavesJon(true);
    const withBlock = answerTo(OWNER);
    expect(withBlock).toEqual(withoutBlock);
    expect(ownPairs()).toEqual([]);
  });
});
