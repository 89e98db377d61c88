import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newHolderId } from '../../src/services/leases.js';
import { launchCohort } from '../support/cohort-flow.js';
import { OWNER_USER, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// Issue 10, finding 4: a process whose clock runs ahead must not take over a live sender's lease and send
// again what that sender is still posting. Failed on the code before the fix (it judged expiry by its own clock).

let h: Harness;
afterEach(async () => {
  vi.useRealTimers();
  await h?.stop();
});

function write(sql: string, ...params: unknown[]): void {
  const db = new Database(h.dbPath);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('a second sender whose clock is two minutes ahead', () => {
  it('neither takes the live sender’s lease nor sends the message it is still posting', async () => {
    h = await startHarness({
      users: [OWNER_USER, ...TEN],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    });
    const { pairs } = await launchCohort(h, TEN);
    const pair = pairs[0]!;
    // Another live process (this one, as far as liveness goes) holds the sender lease for the next minute and
    // is in the middle of posting this pair's introduction.
    const other = newHolderId();
    write(
      "INSERT OR REPLACE INTO leases (name, holder, expires_at) VALUES ('outbox-sender', ?, ?)",
      other,
      Date.now() + 60_000,
    );
    write(
      `UPDATE outbox SET state = 'sending', claimed_by = ?, sent_at = NULL, slack_ts = NULL
       WHERE kind = 'intro' AND pair_id = ?`,
      other,
      pair.id,
    );
    const posted = h.fake.callsTo('chat.postMessage').length;

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const report = await h.bot.services.sender.drain();
    vi.useRealTimers();

    expect(report.ran).toBe(false);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(posted);
    expect(rows(h, "SELECT state FROM outbox WHERE kind = 'intro' AND pair_id = ?", pair.id)).toEqual([
      { state: 'sending' },
    ]);
  });
});
