import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  CAROL,
  type Rig,
  section,
  silentLogger,
  slackError,
  startRig,
  TOKEN,
} from './support.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.fake.close();
});

describe('auth', () => {
  it('auth.test answers with the workspace and bot identity', async () => {
    const res = await rig.client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: rig.fake.workspace.teamId,
      user_id: rig.fake.workspace.botUserId,
      bot_id: rig.fake.workspace.botId,
    });
  });

  it('refuses unknown tokens with invalid_auth and missing ones with not_authed', async () => {
    const stranger = new WebClient('xoxb-someone-else', {
      slackApiUrl: rig.fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    expect((await slackError(stranger.auth.test())).error).toBe('invalid_auth');
    const res = await fetch(`${rig.fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts the token in a form body and JSON bodies with a Bearer header', async () => {
    const form = await fetch(`${rig.fake.apiUrl}users.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${TOKEN}&user=${ALICE.id}`,
    });
    expect(await form.json()).toMatchObject({ ok: true, user: { id: ALICE.id } });
    const json = await fetch(`${rig.fake.apiUrl}users.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ user: BOB.id }),
    });
    expect(await json.json()).toMatchObject({ ok: true, user: { id: BOB.id } });
  });

  it('without configured tokens any xoxb- token is accepted', async () => {
    const { startFakeSlack } = await import('../../src/simulator/index.js');
    const open = await startFakeSlack();
    try {
      const client = new WebClient('xoxb-anything', {
        slackApiUrl: open.apiUrl,
        retryConfig: { retries: 0 },
      });
      await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
      const user = new WebClient('xoxp-user-token', {
        slackApiUrl: open.apiUrl,
        retryConfig: { retries: 0 },
        logger: silentLogger,
      });
      expect((await slackError(user.auth.test())).error).toBe('invalid_auth');
    } finally {
      await open.close();
    }
  });

  it('answers unknown_method for methods it does not implement', async () => {
    const err = await slackError(rig.client.apiCall('reactions.add', { channel: 'C1', name: 'wave' }));
    expect(err.error).toBe('unknown_method');
  });
});

describe('users', () => {
  it('users.info derives tz_offset and tz_label from the IANA zone, following DST', async () => {
    let now = Date.parse('2024-07-01T12:00:00Z');
    const summer = await startRig({ now: () => now });
    try {
      const july = await summer.client.users.info({ user: ALICE.id });
      expect(july.user).toMatchObject({
        id: ALICE.id,
        name: 'alice',
        real_name: 'Alice Adams',
        tz: 'Europe/London',
        tz_offset: 3600,
        tz_label: 'British Summer Time',
        deleted: false,
        is_bot: false,
      });
      now = Date.parse('2024-12-01T12:00:00Z');
      const december = await summer.client.users.info({ user: ALICE.id });
      expect(december.user).toMatchObject({ tz_offset: 0, tz_label: 'Greenwich Mean Time' });
      const bob = await summer.client.users.info({ user: BOB.id });
      expect(bob.user).toMatchObject({ tz_offset: -8 * 3600, tz_label: 'Pacific Standard Time' });
      const carol = await summer.client.users.info({ user: CAROL.id });
      expect(carol.user?.tz_offset).toBe(5.5 * 3600);
    } finally {
      await summer.fake.close();
    }
  });

  it('users.info: user_not_found, and missing user → invalid_arguments', async () => {
    expect((await slackError(rig.client.users.info({ user: 'U0NOBODY1' }))).error).toBe('user_not_found');
    const missing = await slackError(rig.client.apiCall('users.info', {}));
    expect(missing.error).toBe('invalid_arguments');
    expect(missing.messages[0]).toContain('[json-pointer:/user]');
  });

  it('addUser refuses an unknown time zone', () => {
    expect(() => rig.fake.addUser({ id: 'U0TYPO001', name: 'typo', tz: 'Europe/Londn' })).toThrow(RangeError);
  });

  it('users.list paginates with a cursor and limit', async () => {
    const first = await rig.client.users.list({ limit: 2 });
    expect(first.members?.map((m) => m.id)).toEqual([rig.fake.workspace.botUserId, ALICE.id]);
    const cursor = first.response_metadata?.next_cursor ?? '';
    expect(cursor).not.toBe('');
    const second = await rig.client.users.list({ limit: 2, cursor });
    expect(second.members?.map((m) => m.id)).toEqual([BOB.id, CAROL.id]);
    expect(second.response_metadata?.next_cursor).toBe('');
    expect((await slackError(rig.client.users.list({ cursor: 'bm9wZQ==' }))).error).toBe('invalid_cursor');
  });

  it('the WebClient paginator walks every page', async () => {
    const ids: string[] = [];
    for await (const page of rig.client.paginate('users.list', { limit: 1 })) {
      for (const m of (page as { members?: Array<{ id: string }> }).members ?? []) ids.push(m.id);
    }
    expect(ids).toEqual([rig.fake.workspace.botUserId, ALICE.id, BOB.id, CAROL.id]);
  });
});

describe('conversations', () => {
  it('conversations.open gives a stable IM, and the full IM with return_im', async () => {
    const first = await rig.client.conversations.open({ users: ALICE.id });
    const id = first.channel?.id ?? '';
    expect(id).toMatch(/^D/);
    expect(first.already_open).toBeUndefined();
    const again = await rig.client.conversations.open({ users: ALICE.id, return_im: true });
    expect(again).toMatchObject({
      no_op: true,
      already_open: true,
      channel: { id, is_im: true, user: ALICE.id },
    });
    expect(rig.fake.dmChannelOf(ALICE.id)).toBe(id);
  });

  it('conversations.open with several users makes one group DM including the bot, stable per member set', async () => {
    const a = await rig.client.conversations.open({ users: `${ALICE.id},${BOB.id}` });
    const b = await rig.client.conversations.open({ users: `${BOB.id}, ${ALICE.id}` });
    expect(a.channel?.id).toMatch(/^G/);
    expect(b.channel?.id).toBe(a.channel?.id);
    expect(rig.fake.groupDmWith([BOB.id, ALICE.id])).toBe(a.channel?.id);
    expect(rig.fake.membersOf(a.channel?.id ?? '').sort()).toEqual(
      [ALICE.id, BOB.id, rig.fake.workspace.botUserId].sort(),
    );
    const c = await rig.client.conversations.open({ users: `${ALICE.id},${BOB.id},${CAROL.id}` });
    expect(c.channel?.id).not.toBe(a.channel?.id);
  });

  it('conversations.open errors: user_not_found, user_disabled, cannot_dm_bot, users_list_not_supplied', async () => {
    expect((await slackError(rig.client.conversations.open({ users: 'U0NOBODY1' }))).error).toBe(
      'user_not_found',
    );
    rig.fake.deactivateUser(BOB.id);
    expect((await slackError(rig.client.conversations.open({ users: BOB.id }))).error).toBe('user_disabled');
    rig.fake.addUser({ id: 'U0OTHERBT', name: 'otherbot', tz: 'UTC', isBot: true });
    expect((await slackError(rig.client.conversations.open({ users: 'U0OTHERBT' }))).error).toBe(
      'cannot_dm_bot',
    );
    expect((await slackError(rig.client.apiCall('conversations.open', {}))).error).toBe(
      'users_list_not_supplied',
    );
  });

  it('conversations.join joins public channels only', async () => {
    const general = rig.fake.addChannel({ name: 'general', members: [ALICE.id] });
    const secret = rig.fake.addChannel({ name: 'secret', isPrivate: true, botIsMember: true });
    const old = rig.fake.addChannel({ name: 'old', archived: true });
    const res = await rig.client.conversations.join({ channel: general });
    expect(res.channel).toMatchObject({ id: general, is_member: true, is_channel: true });
    expect(rig.fake.membersOf(general)).toContain(rig.fake.workspace.botUserId);
    const twice = await rig.client.conversations.join({ channel: general });
    expect(twice.warning).toBe('already_in_channel');
    expect((await slackError(rig.client.conversations.join({ channel: secret }))).error).toBe(
      'method_not_supported_for_channel_type',
    );
    expect((await slackError(rig.client.conversations.join({ channel: old }))).error).toBe('is_archived');
    expect((await slackError(rig.client.conversations.join({ channel: 'C0NOPE001' }))).error).toBe(
      'channel_not_found',
    );
  });

  it('conversations.info describes channels and hides private ones the bot is not in', async () => {
    const general = rig.fake.addChannel({ id: 'C0GENERAL', name: 'general', members: [ALICE.id, BOB.id] });
    const hidden = rig.fake.addChannel({ name: 'hidden', isPrivate: true });
    const res = await rig.client.conversations.info({ channel: general });
    expect(res.channel).toMatchObject({
      id: 'C0GENERAL',
      name: 'general',
      is_private: false,
      is_member: false,
    });
    expect((await slackError(rig.client.conversations.info({ channel: hidden }))).error).toBe(
      'channel_not_found',
    );
  });
});

describe('chat', () => {
  it('chat.postMessage to a user id lands in their IM and answers with the D id', async () => {
    const res = await rig.client.chat.postMessage({ channel: ALICE.id, text: 'Welcome *Alice*' });
    const dm = rig.fake.dmChannelOf(ALICE.id);
    expect(dm).toMatch(/^D/);
    expect(res.channel).toBe(dm);
    expect(res.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(res.message).toMatchObject({ text: 'Welcome *Alice*', bot_id: rig.fake.workspace.botId });
    expect(rig.fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['Welcome *Alice*']);
  });

  it('message timestamps are strictly increasing even when the clock stands still', async () => {
    const fixed = await startRig({ now: () => 1_700_000_000_000 });
    try {
      const a = await fixed.client.chat.postMessage({ channel: ALICE.id, text: 'one' });
      const b = await fixed.client.chat.postMessage({ channel: ALICE.id, text: 'two' });
      expect(a.ts).toBe('1700000000.000000');
      expect(b.ts).toBe('1700000000.000001');
    } finally {
      await fixed.fake.close();
    }
  });

  it('chat.postMessage refusals: not_in_channel, channel_not_found, is_archived, account_inactive, cannot_dm_bot', async () => {
    const outside = rig.fake.addChannel({ name: 'random' });
    const archived = rig.fake.addChannel({ name: 'old', botIsMember: true, archived: true });
    const post = (channel: string) => slackError(rig.client.chat.postMessage({ channel, text: 'x' }));
    expect((await post(outside)).error).toBe('not_in_channel');
    expect((await post('C0MISSING')).error).toBe('channel_not_found');
    expect((await post(archived)).error).toBe('is_archived');
    expect((await post(rig.fake.workspace.botUserId)).error).toBe('cannot_dm_bot');
    const group = await rig.client.conversations.open({ users: `${ALICE.id},${BOB.id}` });
    rig.fake.deactivateUser(BOB.id);
    expect((await post(BOB.id)).error).toBe('account_inactive');
    expect((await post(group.channel?.id ?? '')).error).toBe('account_inactive');
    expect(rig.fake.callsTo('chat.postMessage')).toHaveLength(6);
  });

  it('a channel by #name works when the bot is in it', async () => {
    const id = rig.fake.addChannel({ name: 'mentors', botIsMember: true });
    const res = await rig.client.chat.postMessage({ channel: '#mentors', text: 'hello' });
    expect(res.channel).toBe(id);
    expect(rig.fake.messages(id)).toHaveLength(1);
  });

  it('msg_too_long above 40,000 characters; no_text without text', async () => {
    expect(
      (await slackError(rig.client.chat.postMessage({ channel: ALICE.id, text: 'x'.repeat(40_001) }))).error,
    ).toBe('msg_too_long');
    await expect(
      rig.client.chat.postMessage({ channel: ALICE.id, text: 'x'.repeat(40_000) }),
    ).resolves.toBeTruthy();
    expect((await slackError(rig.client.chat.postMessage({ channel: ALICE.id, text: '' }))).error).toBe(
      'no_text',
    );
  });

  it('chat.update edits by channel+ts; message_not_found otherwise', async () => {
    const posted = await rig.client.chat.postMessage({
      channel: ALICE.id,
      text: 'v1',
      blocks: [{ ...section('v1') }],
    });
    const channel = posted.channel ?? '';
    const updated = await rig.client.chat.update({ channel, ts: posted.ts ?? '', text: 'v2' });
    expect(updated).toMatchObject({ ok: true, channel, ts: posted.ts, text: 'v2' });
    const [message] = rig.fake.messages(channel);
    expect(message?.text).toBe('v2');
    expect(message?.edited?.user).toBe(rig.fake.workspace.botUserId);
    expect(message?.blocks).toHaveLength(1); // omitted blocks are kept
    await rig.client.chat.update({ channel, ts: posted.ts ?? '', text: 'v3', blocks: [] });
    expect(rig.fake.messages(channel)[0]?.blocks).toEqual([]);
    expect((await slackError(rig.client.chat.update({ channel, ts: '1.000001', text: 'x' }))).error).toBe(
      'message_not_found',
    );
  });

  it('chat.update cannot edit a person’s message', async () => {
    const mine = rig.fake.postUserMessage(ALICE.id, ALICE.id, 'hi bot');
    const dm = rig.fake.dmChannelOf(ALICE.id) ?? '';
    expect((await slackError(rig.client.chat.update({ channel: dm, ts: mine.ts, text: 'x' }))).error).toBe(
      'cant_update_message',
    );
  });

  it('chat.delete removes the message', async () => {
    const posted = await rig.client.chat.postMessage({ channel: ALICE.id, text: 'bye' });
    await rig.client.chat.delete({ channel: posted.channel ?? '', ts: posted.ts ?? '' });
    expect(rig.fake.dmsTo(ALICE.id)).toEqual([]);
    expect(
      (await slackError(rig.client.chat.delete({ channel: posted.channel ?? '', ts: posted.ts ?? '' })))
        .error,
    ).toBe('message_not_found');
  });

  it('chat.postEphemeral stores an ephemeral for a member, refuses non-members', async () => {
    const channel = rig.fake.addChannel({ name: 'cohort', members: [ALICE.id], botIsMember: true });
    const res = await rig.client.chat.postEphemeral({ channel, user: ALICE.id, text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(rig.fake.ephemerals({ user: ALICE.id })).toMatchObject([{ channel, text: 'only you' }]);
    expect(rig.fake.messages(channel)).toEqual([]);
    expect(
      (await slackError(rig.client.chat.postEphemeral({ channel, user: BOB.id, text: 'x' }))).error,
    ).toBe('user_not_in_channel');
  });
});

describe('recording and reset', () => {
  it('records decoded params with JSON fields parsed, status and response; reset keeps users and channels', async () => {
    const channel = rig.fake.addChannel({ name: 'cohort', botIsMember: true });
    await rig.client.chat.postMessage({ channel, text: 'hello', blocks: [section('hello', 'greeting')] });
    const [call] = rig.fake.callsTo('chat.postMessage');
    expect(call?.params).toMatchObject({
      channel,
      text: 'hello',
      blocks: [{ type: 'section', block_id: 'greeting' }],
    });
    expect(call?.params.token).toBeUndefined();
    expect(call?.status).toBe(200);
    expect(call?.response).toMatchObject({ ok: true, channel });
    // Copies: mutating what we got does not touch the fake.
    rig.fake.messages(channel)[0]!.text = 'tampered';
    expect(rig.fake.messages(channel)[0]?.text).toBe('hello');

    rig.fake.reset();
    expect(rig.fake.calls).toEqual([]);
    expect(rig.fake.messages(channel)).toEqual([]);
    await expect(rig.client.chat.postMessage({ channel, text: 'still here' })).resolves.toBeTruthy();
    await expect(rig.client.users.info({ user: ALICE.id })).resolves.toBeTruthy();
  });

  it('malformed input never crashes the fake', async () => {
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${rig.fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${TOKEN}` },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: string } }));
    expect(await post('channel=U0ALICE01&text=x&blocks=%7Bnot-json')).toEqual({
      status: 200,
      body: {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining('/blocks')] },
      },
    });
    expect((await post('channel=U0ALICE01&text=x&blocks=%7B%7D')).body.error).toBe('invalid_blocks_format');
    expect((await post('{"channel": [1,2]}', 'application/json')).body.error).toBe('invalid_arguments');
    expect((await post('[1,2]', 'application/json')).body.error).toBe('invalid_json');
    expect((await post('x', 'application/xml')).body.error).toBe('invalid_post_type');
    expect((await post('channel=U0ALICE01&text=x&blocks=%5B1%2C%22a%22%2Cnull%5D')).body.error).toBe(
      'invalid_blocks',
    );
    await expect(rig.client.auth.test()).resolves.toMatchObject({ ok: true });
  });
});
