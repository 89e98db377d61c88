import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { LeaseRepository } from '../../src/db/repositories/leases.js';
import { OutboxRepository } from '../../src/db/repositories/outbox.js';
import type { OutboxDraft } from '../../src/domain/outbox.js';

// The sender's per-message statements are prepared once with placeholders; these pin down that every value
// reaches the database and that claiming is exclusive, in order and limited.

const t0 = new Date('2026-12-14T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function draft(key: string, notBefore: Date): OutboxDraft {
  return {
    kind: 'prompt',
    dedupeKey: key,
    target: { kind: 'user', userId: 'U0ANA' },
    payload: { type: 'message', text: `message ${key}` },
    notBefore,
  };
}

let handle: DatabaseHandle;
let outbox: OutboxRepository;
let leases: LeaseRepository;
beforeEach(() => {
  handle = openDatabase(':memory:');
  outbox = new OutboxRepository(handle.db);
  leases = new LeaseRepository(handle.db);
});
afterEach(() => handle.close());

describe('OutboxRepository', () => {
  it('stores a draft as written and ignores a second draft with the same dedupe key', () => {
    expect(outbox.enqueue([draft('one', at(5))], t0)).toBe(1);
    expect(outbox.enqueue([draft('one', at(9)), draft('two', at(5))], t0)).toBe(1);
    expect(outbox.byKey('one')).toMatchObject({
      kind: 'prompt',
      target: { kind: 'user', userId: 'U0ANA' },
      payload: { type: 'message', text: 'message one' },
      state: 'pending',
      attempts: 0,
      createdAt: t0,
      nextAttemptAt: at(5),
      cohortId: null,
      pairId: null,
    });
  });

  it('claims only due pending rows, oldest due first, at most `limit`, and never the same row twice', () => {
    outbox.enqueue([draft('later', at(10)), draft('second', at(-1)), draft('first', at(-5))], t0);
    const a = holding('sender-a');

    const first = outbox.claimReady(claim(t0, a), 1);
    expect(first.map((r) => r.dedupeKey)).toEqual(['first']);
    expect(first[0]).toMatchObject({ state: 'sending', payload: { text: 'message first' } });

    const rest = outbox.claimReady(claim(t0, a), 5);
    expect(rest.map((r) => r.dedupeKey)).toEqual(['second']);
    expect(outbox.claimReady(claim(t0, a), 5)).toEqual([]);

    expect(outbox.claimReady(claim(at(10), a), 5).map((r) => r.dedupeKey)).toEqual(['later']);
    const stored = handle.sqlite
      .prepare('SELECT dedupe_key, claimed_by, claimed_at, claim_epoch FROM outbox ORDER BY id')
      .all();
    expect(stored).toEqual([
      { dedupe_key: 'later', claimed_by: 'sender-a', claimed_at: at(10).getTime(), claim_epoch: a.epoch },
      { dedupe_key: 'second', claimed_by: 'sender-a', claimed_at: t0.getTime(), claim_epoch: a.epoch },
      { dedupe_key: 'first', claimed_by: 'sender-a', claimed_at: t0.getTime(), claim_epoch: a.epoch },
    ]);
  });

  it('claims nothing without holding the sender lease under that epoch (fencing)', () => {
    outbox.enqueue([draft('one', t0)], t0);
    expect(outbox.claimReady(claim(t0, { holder: 'nobody', epoch: 1 }), 5)).toEqual([]);
    const a = holding('sender-a');
    // Another process takes the lease over (it had expired): a's epoch is stale and can claim nothing more.
    handle.sqlite.prepare('UPDATE leases SET expires_at = 0').run();
    const b = holding('sender-b');
    expect(b.epoch).toBe(a.epoch + 1);
    expect(outbox.claimReady(claim(t0, a), 5)).toEqual([]);
    expect(outbox.claimReady(claim(t0, b), 5).map((r) => r.dedupeKey)).toEqual(['one']);
  });

  it('records a result only under the epoch that claimed the row, with its channel, ts and time', () => {
    outbox.enqueue([draft('one', t0)], t0);
    const a = holding('sender-a');
    const [row] = outbox.claimReady(claim(t0, a), 1);
    if (!row) throw new Error('nothing claimed');

    expect(outbox.isClaimedBy(row.id, a.epoch)).toBe(true);
    expect(outbox.isClaimedBy(row.id, a.epoch + 1)).toBe(false);
    expect(outbox.markSent(row.id, a.epoch + 1, 'D0X', '1.1', at(1))).toBe(false);
    expect(outbox.get(row.id)?.state).toBe('sending');

    expect(outbox.markSent(row.id, a.epoch, 'D0ANA', '1700000000.000100', at(1))).toBe(true);
    expect(outbox.get(row.id)).toMatchObject({
      state: 'sent',
      slackChannel: 'D0ANA',
      slackTs: '1700000000.000100',
      sentAt: at(1),
      attempts: 1,
      errorCode: null,
    });
    expect(outbox.isClaimedBy(row.id, a.epoch)).toBe(false);
    expect(outbox.markSent(row.id, a.epoch, 'D0ANA', '1700000000.000100', at(2))).toBe(false);
  });

  it('gives a claim to another sender only once its deadline has passed by the database’s clock', () => {
    outbox.enqueue([draft('live', t0), draft('dead', t0)], t0);
    const a = holding('sender-a');
    const [live] = outbox.claimReady(claim(t0, a, 60_000), 1);
    const [dead] = outbox.claimReady(claim(t0, a, -1), 1);
    if (!live || !dead) throw new Error('nothing claimed');
    expect(outbox.releaseAbandoned()).toBe(1);
    expect(outbox.get(dead.id)?.state).toBe('pending');
    expect(outbox.get(live.id)?.state).toBe('sending');
    // The live sender's heartbeat keeps its claims; the claim of a sender known to be gone goes at once.
    expect(outbox.extendClaims(a.epoch, 60_000)).toBe(1);
    expect(outbox.releaseAbandoned()).toBe(0);
    expect(outbox.releaseAbandoned(a.epoch)).toBe(1);
    expect(outbox.get(live.id)?.state).toBe('pending');
    // Its late result is no longer recorded: the row is someone else's to send now.
    expect(outbox.markSent(live.id, a.epoch, 'D0ANA', '1.1', at(1))).toBe(false);
  });
});

const LEASE = 'outbox-sender';

function holding(holder: string): { holder: string; epoch: number } {
  const epoch = leases.acquire(LEASE, holder, 60_000);
  if (epoch === null) throw new Error(`${holder} could not take the lease`);
  return { holder, epoch };
}

function claim(now: Date, who: { holder: string; epoch: number }, claimMs = 60_000) {
  return { now, lease: LEASE, holder: who.holder, epoch: who.epoch, claimMs };
}
