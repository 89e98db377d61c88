import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, type Rig, section, startRig } from './support.js';

let rig: Rig;
let now = 1_700_000_000_000;
beforeEach(async () => {
  now = 1_700_000_000_000;
  rig = await startRig({ now: () => now });
});
afterEach(async () => {
  await rig.fake.close();
});

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('response_url', () => {
  it('takes five posts, then answers used_url; every post is recorded', async () => {
    const url = rig.fake.mintResponseUrl({ userId: ALICE.id, channelId: rig.fake.ensureDm(ALICE.id) });
    expect(url).toMatch(new RegExp(`^${rig.fake.url}response/\\w+$`));
    for (let i = 1; i <= 5; i++) expect((await post(url, { text: `reply ${i}` })).status).toBe(200);
    expect(await post(url, { text: 'sixth' })).toEqual({
      status: 404,
      body: { ok: false, error: 'used_url' },
    });
    const recorded = rig.fake.responses(url);
    expect(recorded.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(recorded[5]).toMatchObject({ error: 'used_url', body: { text: 'sixth' } });
    expect(rig.fake.ephemerals({ user: ALICE.id }).map((m) => m.text)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `reply ${i}`),
    );
  });

  it('expires after 30 minutes of the fake clock', async () => {
    const url = rig.fake.mintResponseUrl({ userId: ALICE.id });
    now += 30 * 60_000;
    expect((await post(url, { text: 'just in time' })).status).toBe(200);
    now += 1;
    expect(await post(url, { text: 'late' })).toEqual({
      status: 404,
      body: { ok: false, error: 'expired_url' },
    });
  });

  it('in_channel posts a visible message; delete_original removes the source message', async () => {
    const channel = rig.fake.addChannel({ name: 'cohort', members: [ALICE.id], botIsMember: true });
    const original = await rig.client.chat.postMessage({ channel, text: 'Vote now' });
    const url = rig.fake.mintResponseUrl({ userId: ALICE.id, channelId: channel, messageTs: original.ts });
    await post(url, { response_type: 'in_channel', text: 'Alice voted' });
    expect(rig.fake.messages(channel).map((m) => m.text)).toEqual(['Vote now', 'Alice voted']);
    await post(url, { delete_original: true });
    expect(rig.fake.messages(channel).map((m) => m.text)).toEqual(['Alice voted']);
  });

  it('refuses bad content like the Web API does (no_text, invalid_blocks) without using up the URL', async () => {
    const url = rig.fake.mintResponseUrl({ userId: ALICE.id });
    expect(await post(url, { blocks: [section('no fallback')] })).toEqual({
      status: 400,
      body: { ok: false, error: 'no_text' },
    });
    const tooMany = Array.from({ length: 51 }, () => section('x'));
    expect((await post(url, { text: 't', blocks: tooMany })).body.error).toBe('invalid_blocks');
    for (let i = 0; i < 5; i++) expect((await post(url, { text: 'fine' })).status).toBe(200);
    expect((await post(`${rig.fake.url}response/unknown`, { text: 'x' })).body.error).toBe('invalid_url');
  });
});
