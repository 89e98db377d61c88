import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
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
beforeEach(() => {
  handle = openDatabase(':memory:');
  outbox = new OutboxRepository(handle.db);
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

    const first = outbox.claimReady(t0, 'sender-a', 1);
    expect(first.map((r) => r.dedupeKey)).toEqual(['first']);
    expect(first[0]).toMatchObject({ state: 'sending', payload: { text: 'message first' } });

    const rest = outbox.claimReady(t0, 'sender-b', 5);
    expect(rest.map((r) => r.dedupeKey)).toEqual(['second']);
    expect(outbox.claimReady(t0, 'sender-a', 5)).toEqual([]);

    expect(outbox.claimReady(at(10), 'sender-a', 5).map((r) => r.dedupeKey)).toEqual(['later']);
    const stored = handle.sqlite
      .prepare('SELECT dedupe_key, claimed_by, claimed_at FROM outbox ORDER BY id')
      .all();
    expect(stored).toEqual([
      { dedupe_key: 'later', claimed_by: 'sender-a', claimed_at: at(10).getTime() },
      { dedupe_key: 'second', claimed_by: 'sender-b', claimed_at: t0.getTime() },
      { dedupe_key: 'first', claimed_by: 'sender-a', claimed_at: t0.getTime() },
    ]);
  });

  it('records a delivery only for the sender holding the row, with its channel, ts and time', () => {
    outbox.enqueue([draft('one', t0)], t0);
    const [row] = outbox.claimReady(t0, 'sender-a', 1);
    if (!row) throw new Error('nothing claimed');

    expect(outbox.isClaimedBy(row.id, 'sender-a')).toBe(true);
    expect(outbox.isClaimedBy(row.id, 'sender-b')).toBe(false);
    expect(outbox.markSent(row.id, 'sender-b', 'D0X', '1.1', at(1))).toBe(false);
    expect(outbox.get(row.id)?.state).toBe('sending');

    expect(outbox.markSent(row.id, 'sender-a', 'D0ANA', '1700000000.000100', at(1))).toBe(true);
    expect(outbox.get(row.id)).toMatchObject({
      state: 'sent',
      slackChannel: 'D0ANA',
      slackTs: '1700000000.000100',
      sentAt: at(1),
      attempts: 1,
      errorCode: null,
    });
    expect(outbox.isClaimedBy(row.id, 'sender-a')).toBe(false);
    expect(outbox.markSent(row.id, 'sender-a', 'D0ANA', '1700000000.000100', at(2))).toBe(false);
  });
});
