import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, modal, type Rig, startRig, TOKEN } from './support.js';

/**
 * Whatever arrives, the fake answers like Slack (HTTP 200 with ok true/false, a Slack error code) and keeps serving:
 * never a 500, never a dropped connection.
 */
const METHODS = [
  'auth.test',
  'users.info',
  'users.list',
  'conversations.open',
  'conversations.join',
  'conversations.info',
  'chat.postMessage',
  'chat.update',
  'chat.delete',
  'chat.postEphemeral',
  'views.open',
  'views.push',
  'views.update',
  'views.publish',
  'files.getUploadURLExternal',
  'files.completeUploadExternal',
];

const KEYS = [
  'channel',
  'channel_id',
  'user',
  'users',
  'user_id',
  'ts',
  'text',
  'blocks',
  'view',
  'view_id',
  'external_id',
  'hash',
  'trigger_id',
  'files',
  'filename',
  'length',
  'cursor',
  'limit',
  'return_im',
  'metadata',
  '__proto__',
];

/** Replaced by a freshly minted trigger_id, so the views methods get past the trigger check. */
const FRESH = 'FRESH_TRIGGER';

/** Values that look like ids the fake knows, plus arbitrary JSON. */
const value = fc.oneof(
  fc.constantFrom(
    ALICE.id,
    'U0NOBODY1',
    'D00000001',
    'C00000001',
    'V00000001',
    'F00000001',
    '#general',
    '',
    FRESH,
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(
    fc.record({ type: fc.constantFrom('section', 'actions', 'input', 'header'), text: fc.jsonValue() }),
  ),
);

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
  rig.fake.addChannel({ id: 'C00000001', name: 'general', botIsMember: true });
  // Live objects for the ids above: a modal (V00000001), a DM (D00000001), an uploaded file (F00000001).
  await rig.client.views.open({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view: modal() });
  await rig.client.files.uploadV2({ channel_id: ALICE.id, content: 'x', filename: 'x.txt' });
});

function withFreshTriggers(params: Record<string, unknown>): Record<string, unknown> {
  return params.trigger_id === FRESH ? { ...params, trigger_id: rig.fake.mintTriggerId(ALICE.id) } : params;
}
afterAll(async () => {
  await rig.fake.close();
});

describe('robustness', () => {
  it('arbitrary JSON params never crash a method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.dictionary(fc.constantFrom(...KEYS), value),
        async (method, params) => {
          const res = await fetch(`${rig.fake.apiUrl}${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify(withFreshTriggers(params)),
          });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { ok: unknown; error?: unknown };
          expect(typeof body.ok).toBe('boolean');
          if (body.ok === false) expect(body.error).toMatch(/^[a-z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('arbitrary form bodies never crash a method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.dictionary(
          fc.constantFrom(...KEYS),
          fc.oneof(
            fc.string(),
            value.map((v) => JSON.stringify(v) ?? ''),
          ),
        ),
        async (method, params) => {
          const res = await fetch(`${rig.fake.apiUrl}${method}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: `Bearer ${TOKEN}`,
            },
            body: new URLSearchParams(withFreshTriggers(params) as Record<string, string>).toString(),
          });
          expect(res.status).toBe(200);
          expect(typeof ((await res.json()) as { ok: unknown }).ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
    await expect(rig.client.auth.test()).resolves.toMatchObject({ ok: true });
  });
});
