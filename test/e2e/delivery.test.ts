import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS } from '../../src/domain/outbox.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Two pairs: Maya (London) with Grace (New York), Jon (New York) with Henrik (Stockholm).
const FOUR = [TEN[0]!, TEN[1]!, TEN[4]!, TEN[5]!];
/** Thursday of week 1: every pair's first check-in is due, none of week 2's prompts yet. */
const FIRST_CHECKINS = '2026-12-10T23:00:00Z';

let h: Harness;
let pairs: LaunchedPair[];
beforeEach(async () => {
  h = await startHarness({
    users: [OWNER_USER, ...FOUR],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
  });
  ({ pairs } = await launchCohort(h, FOUR));
  expect(pairs).toHaveLength(2);
});
afterEach(async () => {
  await h.stop();
});

const checkinRows = () =>
  rows<{ pair_id: number; state: string; attempts: number; error_code: string | null }>(
    h,
    "SELECT pair_id, state, attempts, error_code FROM outbox WHERE kind = 'checkin' ORDER BY pair_id",
  );

describe('Slack rate limits and errors during a fan-out', () => {
  it('waits as long as Retry-After says, then delivers', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.tickAt(FIRST_CHECKINS);
    const posts = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c.params).includes('Quick check-in'));
    expect(posts.map((c) => c.status).sort()).toEqual([200, 200, 429]);
    const limited = posts.find((c) => c.status === 429)!;
    const retried = posts.find(
      (c) => c.status === 200 && c.params.channel === limited.params.channel && c.at > limited.at,
    )!;
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(checkinRows().map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('retries a 500 and delivers once', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    await h.tickAt(FIRST_CHECKINS);
    expect(checkinRows().map((r) => r.state)).toEqual(['sent', 'sent']);
    for (const pair of pairs) {
      expect(h.fake.messages(pair.channel).filter((m) => seen(m).includes('Quick check-in'))).toHaveLength(1);
    }
  });

  it('backs off across ticks when Slack keeps failing, then gives up with the reason visible to owners', async () => {
    const target = pairs[0]!.channel;
    h.fake.failNext('chat.postMessage', { status: 503 }, { times: 1000, match: (p) => p.channel === target });
    await h.tickAt(FIRST_CHECKINS);
    const first = checkinRows().find((r) => r.pair_id === pairs[0]!.id)!;
    expect(first).toMatchObject({ state: 'pending', attempts: 1, error_code: 'http_503' });
    // The other pair is not held up.
    expect(checkinRows().find((r) => r.pair_id === pairs[1]!.id)?.state).toBe('sent');
    let at = new Date(FIRST_CHECKINS).getTime();
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) {
      at += 31 * 60_000;
      await h.tickAt(new Date(at));
    }
    expect(checkinRows().find((r) => r.pair_id === pairs[0]!.id)).toMatchObject({
      state: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
      error_code: 'http_503',
    });
    const alerts = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .filter((t) => t.includes('could not be delivered'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('http_503');
  });

  it('marks a deactivated person inactive, pauses their pair and tells owners once', async () => {
    const gone = pairs[0]!.menteeId;
    // Time zones were refreshed this morning (before any check-in was due), so the deactivation is
    // discovered by the delivery itself.
    await h.tickAt('2026-12-10T05:00:00Z');
    expect(checkinRows()).toEqual([]);
    h.fake.deactivateUser(gone);
    await h.tickAt(FIRST_CHECKINS);
    const rowsNow = checkinRows();
    expect(rowsNow.find((r) => r.pair_id === pairs[0]!.id)).toMatchObject({
      state: 'failed',
      error_code: 'account_inactive',
    });
    expect(rowsNow.find((r) => r.pair_id === pairs[1]!.id)?.state).toBe('sent');
    expect(rows(h, 'SELECT active FROM people WHERE id = ?', gone)).toEqual([{ active: 0 }]);

    // Later ticks send nothing more to that pair and don't repeat the alert.
    await h.tickAt('2026-12-14T20:00:00Z');
    await h.tickAt('2026-12-17T23:00:00Z');
    const toBrokenPair = rows(
      h,
      'SELECT kind FROM outbox WHERE pair_id = ? AND kind IN (?, ?)',
      pairs[0]!.id,
      'prompt',
      'checkin',
    );
    expect(toBrokenPair).toEqual([{ kind: 'checkin' }]);
    const alerts = h.fake
      .dmsTo(OWNER)
      .map((m) => seen(m))
      .filter((t) => t.includes('can no longer be reached'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(gone);
    expect(
      rows(h, 'SELECT COUNT(*) AS n FROM outbox WHERE pair_id = ? AND kind = ?', pairs[1]!.id, 'prompt'),
    ).toEqual([{ n: 1 }]);
  });

  it('notices a deactivation in the daily users.info refresh, before anything fails', async () => {
    const gone = pairs[1]!.mentorId;
    h.fake.deactivateUser(gone);
    await h.tickAt(FIRST_CHECKINS);
    expect(rows(h, 'SELECT active FROM people WHERE id = ?', gone)).toEqual([{ active: 0 }]);
    expect(checkinRows().map((r) => r.pair_id)).toEqual([pairs[0]!.id]);
    expect(
      h.fake
        .dmsTo(OWNER)
        .map((m) => seen(m))
        .filter((t) => t.includes('can no longer be reached')),
    ).toHaveLength(1);
  });
});
