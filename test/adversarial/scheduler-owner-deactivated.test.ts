import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// A program owner who is also a participant, whose Slack account is deactivated. The first thing that notices
// is a note *to them as an owner*: AlertService.deliveryFailed marks them inactive and redirects the note, but
// never ends their pair. From then on `markInactive` returns false and the refresh sees `active` already
// false, so `personGone` is never called: their partner is stranded exactly as in issue 10, finding 6 (the
// schedule skips a pair with an inactive member, nobody tells the partner, owners get no rematch button).

const SECOND_OWNER = 'U0MENT0005'; // Grace: an owner, and a mentee in this cohort

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

describe('an owner-participant deactivated, first noticed through an owner note', () => {
  it('still ends their pair kindly: the partner is told and owners can rematch', async () => {
    h = await startHarness({
      owners: [OWNER, SECOND_OWNER],
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    const own = pairs.find((p) => p.menteeId === SECOND_OWNER)!;
    const other = pairs.find((p) => p.id !== own.id)!;
    expect(own).toBeDefined();

    h.fake.deactivateUser(SECOND_OWNER);
    // Someone in another pair leaves: both owners get a note; Grace's can't be delivered (account_inactive).
    const left = h.bot.deps.pairLife.leavePair(other.mentorId, 'Too busy');
    expect(left.ok).toBe(true);
    await h.bot.services.sender.drain();
    await h.settle();
    expect(rows(h, 'SELECT active FROM people WHERE id = ?', SECOND_OWNER)).toEqual([{ active: 0 }]);

    // Weeks pass; ticks run (each refreshes profiles older than a day) — the way finding 6 was tested.
    await h.tickAt('2026-12-14T23:00:00Z');
    await h.tickAt('2026-12-21T23:00:00Z');

    expect(rows(h, 'SELECT state, end_reason FROM pairs WHERE id = ?', own.id)).toEqual([
      { state: 'ended', end_reason: 'inactive' },
    ]);
    const toPartner = h.fake
      .dmsTo(own.mentorId)
      .map((m) => seen(m))
      .join('\n');
    expect(toPartner).toContain('is no longer on Slack');
    const toOwner = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .join('\n');
    expect(toOwner).toContain(`@${SECOND_OWNER}'s Slack account is deactivated, so their pair`);
    expect(toOwner).toContain('Find a new partner');
  }, 60_000);
});
