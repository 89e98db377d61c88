import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCohort, crowd, OWNER, OWNER_USER, optIn, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Hundreds of pairs: every view must stay within Slack's Block Kit limits (the loopback Slack refuses a
// modal or Home tab over 100 blocks, as Slack does), paginating or summarising rather than failing.

const PEOPLE = crowd(120);
let h: Harness;
let cohortId: number;

beforeAll(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...PEOPLE],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  cohortId = await createCohort(h);
  for (const person of PEOPLE) await optIn(h, person);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

describe('a cohort of 120 pairs', () => {
  it('shows the draft a page at a time, and every page is a view Slack accepts', async () => {
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.slack.clickButton(OWNER, 'home', 'cohort_match');
    await h.settle();
    expect(
      rows(h, "SELECT COUNT(*) AS n FROM pairs WHERE cohort_id = ? AND state = 'draft'", cohortId),
    ).toEqual([{ n: 120 }]);
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    expect(review.blocks.length).toBeLessThanOrEqual(100);
    expect(seen(review)).toContain('Page 1 of 8');
    for (let page = 2; page <= 8; page++) {
      await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_review_next');
      await h.settle();
      const shown = h.fake.view(review.id)!;
      expect(seen(shown)).toContain(`Page ${page} of 8`);
      expect(shown.blocks.length).toBeLessThanOrEqual(100);
    }
    expect(h.fake.callsTo('views.update').every((c) => c.status === 200 && c.response?.ok === true)).toBe(
      true,
    );
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_review_previous');
    await h.settle();
    expect(seen(h.fake.view(review.id))).toContain('Page 7 of 8');
  });

  it('launches all of them, and the owner’s Home tab stays within limits with the dashboard', async () => {
    const review = h.fake.lastViewOpenedFor(OWNER)!;
    await h.slack.clickButton(OWNER, { viewId: review.id }, 'cohort_launch');
    await h.settle();
    expect(rows(h, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'intro' AND state = 'sent'")).toEqual([
      { n: 120 },
    ]);
    await h.tickAt('2026-12-10T23:00:00Z');
    await h.tickAt('2026-12-17T23:00:00Z');
    await h.slack.openHome(OWNER);
    await h.settle();
    const publish = h.fake.callsTo('views.publish').at(-1)!;
    expect(publish.response?.ok).toBe(true);
    const home = h.fake.homeViewOf(OWNER)!;
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = seen(home).replace(/\s+/g, ' ');
    expect(text).toContain('Needs attention (120)');
    expect(text).toContain('…and 114 more');
  });
});
