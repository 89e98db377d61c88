import { verifySlackRequest } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, SlackRequestSender, signRequest } from '../../src/simulator/index.js';
import { type Captured, type CaptureServer, payloadOf, startCapture } from './capture.js';
import { ALICE, BOB, modal, type Rig, section, startRig } from './support.js';

const SECRET = 'test-signing-secret';

describe('signRequest', () => {
  it('matches Slack’s documented test vector', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

let rig: Rig;
let capture: CaptureServer;
let sender: SlackRequestSender;

function verify(captured: Captured | undefined, secret = SECRET): void {
  verifySlackRequest({
    signingSecret: secret,
    body: captured?.body ?? '',
    headers: {
      'x-slack-signature': String(captured?.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(captured?.headers['x-slack-request-timestamp']),
    },
  });
}

beforeEach(async () => {
  rig = await startRig();
  capture = await startCapture();
  sender = new SlackRequestSender({ appUrl: capture.url, signingSecret: SECRET, fake: rig.fake });
});
afterEach(async () => {
  await capture.close();
  await rig.fake.close();
});

describe('command', () => {
  it('posts every slash-command field, form-encoded with the exact content type, correctly signed', async () => {
    capture.reply = { status: 200, body: '{"response_type":"ephemeral","text":"ok"}' };
    const result = await sender.command(ALICE.id, 'join mentors');
    const [req] = capture.requests;
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    verify(req);
    const fields = Object.fromEntries(new URLSearchParams(req?.body));
    expect(fields).toEqual({
      token: expect.any(String),
      team_id: rig.fake.workspace.teamId,
      team_domain: rig.fake.workspace.teamDomain,
      channel_id: rig.fake.dmChannelOf(ALICE.id),
      channel_name: 'directmessage',
      user_id: ALICE.id,
      user_name: 'alice',
      command: '/reverse-mentor',
      text: 'join mentors',
      api_app_id: rig.fake.workspace.appId,
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ response_type: 'ephemeral', text: 'ok' });
    expect(result.responseUrl).toBe(`${rig.fake.url}response/${result.responseUrlId}`);
    // The minted trigger works against the fake.
    await expect(
      rig.client.views.open({ trigger_id: result.triggerId, view: modal() }),
    ).resolves.toBeTruthy();
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(1);
  });

  it('signature modes: missing, wrong and stale fail verification', async () => {
    await sender.command(ALICE.id, '', { signature: 'missing' });
    await sender.command(ALICE.id, '', { signature: 'wrong' });
    await sender.command(ALICE.id, '', { signature: 'stale' });
    const [missing, wrong, stale] = capture.requests;
    expect(missing?.headers['x-slack-signature']).toBeUndefined();
    expect(missing?.headers['x-slack-request-timestamp']).toMatch(/^\d+$/);
    expect(() => verify(wrong)).toThrow(/signature mismatch/);
    expect(() => verify(stale)).toThrow(/stale/);
    const staleAge = Date.now() / 1000 - Number(stale?.headers['x-slack-request-timestamp']);
    expect(staleAge).toBeGreaterThan(300);
  });

  it('a command in a channel carries that channel', async () => {
    const channel = rig.fake.addChannel({ name: 'mentoring', members: [ALICE.id] });
    await sender.command(ALICE.id, 'status', { channelId: channel, command: '/rm' });
    const fields = new URLSearchParams(capture.requests[0]?.body);
    expect(fields.get('channel_id')).toBe(channel);
    expect(fields.get('channel_name')).toBe('mentoring');
    expect(fields.get('command')).toBe('/rm');
  });
});

async function openModal(
  fake: FakeSlack,
  userId: string,
  blocks: unknown[],
  extra: Record<string, unknown> = {},
) {
  await rig.client.views.open({
    trigger_id: fake.mintTriggerId(userId),
    view: modal(blocks, { submit: { type: 'plain_text', text: 'Save' }, ...extra }) as never,
  });
  const view = fake.openViews(userId).at(-1);
  if (!view) throw new Error('no view');
  return view;
}

const plain = (text: string) => ({ type: 'plain_text', text });
const opt = (value: string) => ({ text: plain(value.toUpperCase()), value });
const inputBlock = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: plain(blockId),
  element: { action_id: `${blockId}_action`, ...element },
});

describe('submitView', () => {
  it('builds Slack’s exact view.state.values for every element type', async () => {
    const view = await openModal(
      rig.fake,
      ALICE.id,
      [
        inputBlock('bio', { type: 'plain_text_input', multiline: true }),
        inputBlock('level', { type: 'static_select', options: [opt('junior'), opt('senior')] }),
        inputBlock('style', { type: 'radio_buttons', options: [opt('chat'), opt('call')] }),
        inputBlock('topics', { type: 'multi_static_select', options: [opt('ai'), opt('git'), opt('css')] }),
        inputBlock('days', { type: 'checkboxes', options: [opt('mon'), opt('tue')] }),
        inputBlock('mentor', { type: 'users_select' }),
        inputBlock('peers', { type: 'multi_users_select' }),
        inputBlock('channel', { type: 'conversations_select' }),
        inputBlock('pub', { type: 'channels_select' }),
        inputBlock('start', { type: 'datepicker' }),
        inputBlock('at', { type: 'timepicker' }),
        inputBlock('hours', { type: 'number_input', is_decimal_allowed: false }),
        inputBlock('note', { type: 'plain_text_input', initial_value: 'prefilled' }),
        inputBlock('empty', { type: 'static_select', options: [opt('x')] }),
      ],
      { callback_id: 'profile', private_metadata: '{"cohort":7}' },
    );
    capture.reply = { status: 200 };
    const result = await sender.submitView(ALICE.id, view, {
      bio: 'I like Rust',
      level: 'senior',
      style: 'call',
      topics: ['ai', 'css'],
      days: ['tue'],
      mentor: BOB.id,
      peers: [BOB.id, ALICE.id],
      channel: 'C0CHAN001',
      pub: 'C0PUB0001',
      start: '2024-05-01',
      at: '09:30',
      hours: 3,
    });
    const [req] = capture.requests;
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    verify(req);
    const payload = payloadOf(req);
    expect(payload).toMatchObject({
      type: 'view_submission',
      team: { id: rig.fake.workspace.teamId, domain: rig.fake.workspace.teamDomain },
      user: { id: ALICE.id, username: 'alice', name: 'alice', team_id: rig.fake.workspace.teamId },
      api_app_id: rig.fake.workspace.appId,
      trigger_id: expect.any(String),
      view: {
        id: view.id,
        hash: view.hash,
        callback_id: 'profile',
        private_metadata: '{"cohort":7}',
        type: 'modal',
      },
    });
    const values = (payload.view as { state: { values: Record<string, Record<string, unknown>> } }).state
      .values;
    const upper = (v: string) => ({ text: { type: 'plain_text', text: v.toUpperCase() }, value: v });
    expect(values).toEqual({
      bio: { bio_action: { type: 'plain_text_input', value: 'I like Rust' } },
      level: { level_action: { type: 'static_select', selected_option: upper('senior') } },
      style: { style_action: { type: 'radio_buttons', selected_option: upper('call') } },
      topics: {
        topics_action: { type: 'multi_static_select', selected_options: [upper('ai'), upper('css')] },
      },
      days: { days_action: { type: 'checkboxes', selected_options: [upper('tue')] } },
      mentor: { mentor_action: { type: 'users_select', selected_user: BOB.id } },
      peers: { peers_action: { type: 'multi_users_select', selected_users: [BOB.id, ALICE.id] } },
      channel: { channel_action: { type: 'conversations_select', selected_conversation: 'C0CHAN001' } },
      pub: { pub_action: { type: 'channels_select', selected_channel: 'C0PUB0001' } },
      start: { start_action: { type: 'datepicker', selected_date: '2024-05-01' } },
      at: { at_action: { type: 'timepicker', selected_time: '09:30' } },
      hours: { hours_action: { type: 'number_input', value: '3' } },
      note: { note_action: { type: 'plain_text_input', value: 'prefilled' } },
      empty: { empty_action: { type: 'static_select', selected_option: null } },
    });
    // An empty 200 closes the modal.
    expect(result.outcome).toEqual({ action: 'closed' });
    expect(rig.fake.openViews(ALICE.id)).toEqual([]);
  });

  it('refuses values a person could not enter', async () => {
    const view = await openModal(rig.fake, ALICE.id, [
      inputBlock('level', { type: 'static_select', options: [opt('junior')] }),
    ]);
    await expect(sender.submitView(ALICE.id, view, { level: 'wizard' })).rejects.toThrow(
      /no option with value "wizard"/,
    );
    await expect(sender.submitView(ALICE.id, view, { nope: 'x' })).rejects.toThrow(
      /no input element in block_id "nope"/,
    );
    await expect(sender.submitView(BOB.id, view, {})).rejects.toThrow(/not open/);
    expect(capture.requests).toEqual([]);
  });

  it('applies response_action errors / update / push / clear to the modal stack', async () => {
    const view = await openModal(rig.fake, ALICE.id, [inputBlock('bio', { type: 'plain_text_input' })]);
    capture.reply = {
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { bio: 'Too short' } }),
    };
    const errors = await sender.submitView(ALICE.id, view.id, { bio: 'x' });
    expect(errors.body).toEqual({ response_action: 'errors', errors: { bio: 'Too short' } });
    expect(errors.outcome).toEqual({ action: 'errors', errors: { bio: 'Too short' } });
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(1);

    capture.reply = {
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { wrong_block: 'x' } }),
    };
    expect((await sender.submitView(ALICE.id, view.id, {})).outcome).toMatchObject({
      action: 'refused',
      error: 'invalid_arguments',
    });

    capture.reply = {
      status: 200,
      body: JSON.stringify({ response_action: 'update', view: modal([section('Thanks!')]) }),
    };
    const updated = await sender.submitView(ALICE.id, view.id, { bio: 'long enough' });
    expect(updated.outcome).toMatchObject({ action: 'updated', view: { id: view.id } });
    expect(rig.fake.openViews(ALICE.id)[0]?.blocks[0]).toMatchObject({ text: { text: 'Thanks!' } });

    capture.reply = {
      status: 200,
      body: JSON.stringify({ response_action: 'push', view: modal([section('More')]) }),
    };
    expect((await sender.submitView(ALICE.id, view.id)).outcome).toMatchObject({ action: 'pushed' });
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(2);

    capture.reply = { status: 200, body: JSON.stringify({ response_action: 'clear' }) };
    expect((await sender.submitView(ALICE.id, view.id)).outcome).toEqual({ action: 'cleared' });
    expect(rig.fake.openViews(ALICE.id)).toEqual([]);
  });

  it('closeView sends view_closed only when the view asked for it', async () => {
    const quiet = await openModal(rig.fake, ALICE.id, [section('a')]);
    expect(await sender.closeView(ALICE.id, quiet)).toBeUndefined();
    const loud = await openModal(rig.fake, ALICE.id, [section('b')], { notify_on_close: true });
    const res = await sender.closeView(ALICE.id, loud);
    expect(res?.status).toBe(200);
    expect(payloadOf(capture.requests[0])).toMatchObject({
      type: 'view_closed',
      view: { id: loud.id },
      is_cleared: false,
    });
    expect(rig.fake.openViews(ALICE.id)).toEqual([]);
  });
});

describe('block_actions', () => {
  const actions = (...elements: unknown[]) => ({ type: 'actions', block_id: 'acts', elements });
  const button = (actionId: string, value: string) => ({
    type: 'button',
    action_id: actionId,
    text: plain('Join'),
    value,
    style: 'primary',
  });

  it('clickButton on a DM message: container, channel, message, response_url, trigger_id', async () => {
    const posted = await rig.client.chat.postMessage({
      channel: ALICE.id,
      text: 'Join the cohort?',
      blocks: [section('Join the cohort?'), actions(button('join', 'cohort-7'))] as never,
    });
    const result = await sender.clickButton(ALICE.id, 'dm', 'join');
    const req = capture.requests[0];
    verify(req);
    const payload = payloadOf(req);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: ALICE.id, username: 'alice' },
      container: { type: 'message', message_ts: posted.ts, channel_id: posted.channel, is_ephemeral: false },
      channel: { id: posted.channel, name: 'directmessage' },
      message: { ts: posted.ts, text: 'Join the cohort?' },
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
      actions: [
        {
          action_id: 'join',
          block_id: 'acts',
          type: 'button',
          value: 'cohort-7',
          style: 'primary',
          text: plain('Join'),
          action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
        },
      ],
    });
    // The response_url knows the message: replace_original edits it in place.
    const replaced = await fetch(result.responseUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ replace_original: true, text: 'You joined cohort 7' }),
    });
    expect(replaced.status).toBe(200);
    expect(rig.fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['You joined cohort 7']);
  });

  it('clickButton on the Home tab: view container, no response_url', async () => {
    await rig.client.views.publish({
      user_id: ALICE.id,
      view: { type: 'home', blocks: [actions(button('open_prefs', 'p'))] } as never,
    });
    const result = await sender.clickButton(ALICE.id, 'home', 'open_prefs');
    const payload = payloadOf(capture.requests[0]);
    const home = rig.fake.homeViewOf(ALICE.id);
    expect(payload).toMatchObject({
      container: { type: 'view', view_id: home?.id },
      view: { id: home?.id, type: 'home' },
    });
    expect(payload.response_url).toBeUndefined();
    expect(result.responseUrl).toBeUndefined();
    // Its trigger opens a modal for Alice.
    await expect(
      rig.client.views.open({ trigger_id: result.triggerId, view: modal() }),
    ).resolves.toBeTruthy();
  });

  it('explains what is there when the action_id is not', async () => {
    await rig.client.chat.postMessage({
      channel: ALICE.id,
      text: 't',
      blocks: [actions(button('join', 'x'))] as never,
    });
    await expect(sender.clickButton(ALICE.id, 'dm', 'leave')).rejects.toThrow(
      /no message .* has an element leave/,
    );
    await expect(sender.clickButton(ALICE.id, 'home', 'join')).rejects.toThrow(/has no home/);
  });

  it('selectOption: static_select, users_select and overflow payload shapes', async () => {
    const channel = rig.fake.addChannel({ name: 'cohort', members: [ALICE.id], botIsMember: true });
    await rig.client.chat.postMessage({
      channel,
      text: 'Pick',
      blocks: [
        actions(
          {
            type: 'static_select',
            action_id: 'level',
            placeholder: plain('Level'),
            options: [opt('junior'), opt('senior')],
          },
          { type: 'users_select', action_id: 'mentor' },
          { type: 'overflow', action_id: 'more', options: [opt('snooze'), opt('leave')] },
        ),
      ] as never,
    });
    await sender.selectOption(ALICE.id, { channel }, 'level', 'senior');
    await sender.selectOption(ALICE.id, { channel }, 'mentor', BOB.id);
    await sender.selectOption(ALICE.id, { channel }, 'more', 'leave');
    const [level, mentor, more] = capture.requests.map((r) => payloadOf(r));
    expect(level?.actions).toEqual([
      {
        type: 'static_select',
        action_id: 'level',
        block_id: 'acts',
        selected_option: { text: plain('SENIOR'), value: 'senior' },
        placeholder: plain('Level'),
        action_ts: expect.any(String),
      },
    ]);
    expect(level?.state).toEqual({
      values: {
        acts: {
          level: { type: 'static_select', selected_option: { text: plain('SENIOR'), value: 'senior' } },
          mentor: { type: 'users_select', selected_user: null },
        },
      },
    });
    expect(mentor?.actions).toMatchObject([
      { type: 'users_select', action_id: 'mentor', selected_user: BOB.id },
    ]);
    expect(more?.actions).toMatchObject([
      { type: 'overflow', action_id: 'more', selected_option: { value: 'leave' } },
    ]);
    expect(level?.channel).toEqual({ id: channel, name: 'cohort' });
  });
});

describe('events', () => {
  it('wraps the event in an event_callback envelope, JSON, signed', async () => {
    const result = await sender.event({ type: 'team_join', user: { id: BOB.id } });
    const [req] = capture.requests;
    expect(req?.headers['content-type']).toBe('application/json');
    verify(req);
    const body = JSON.parse(req?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'event_callback',
      team_id: rig.fake.workspace.teamId,
      api_app_id: rig.fake.workspace.appId,
      event_id: result.eventId,
      event_time: expect.any(Number),
      event: { type: 'team_join', user: { id: BOB.id }, event_ts: expect.stringMatching(/^\d+\.\d{6}$/) },
      authorizations: [
        { team_id: rig.fake.workspace.teamId, user_id: rig.fake.workspace.botUserId, is_bot: true },
      ],
    });
    expect(req?.headers['x-slack-retry-num']).toBeUndefined();
  });

  it('simulates Slack’s retry of the same event', async () => {
    const first = await sender.event({ type: 'team_join', user: { id: BOB.id } });
    await sender.event({ type: 'team_join', user: { id: BOB.id } }, { eventId: first.eventId, retryNum: 1 });
    const [a, b] = capture.requests.map((r) => JSON.parse(r.body) as { event_id: string });
    expect(b?.event_id).toBe(a?.event_id);
    expect(capture.requests[1]?.headers['x-slack-retry-num']).toBe('1');
    expect(capture.requests[1]?.headers['x-slack-retry-reason']).toBe('http_timeout');
  });

  it('openHome sends app_home_opened with the DM channel and current home view', async () => {
    await rig.client.views.publish({
      user_id: ALICE.id,
      view: { type: 'home', blocks: [section('hi')] } as never,
    });
    await sender.openHome(ALICE.id);
    const body = JSON.parse(capture.requests[0]?.body ?? '{}') as { event: Record<string, unknown> };
    expect(body.event).toMatchObject({
      type: 'app_home_opened',
      user: ALICE.id,
      channel: rig.fake.dmChannelOf(ALICE.id),
      tab: 'home',
      view: { id: rig.fake.homeViewOf(ALICE.id)?.id },
    });
  });

  it('sendDirectMessage records the user’s message and sends a message.im event', async () => {
    await sender.sendDirectMessage(BOB.id, 'pause my pairing');
    const [message] = rig.fake.dmsTo(BOB.id);
    expect(message).toMatchObject({ user: BOB.id, text: 'pause my pairing' });
    const body = JSON.parse(capture.requests[0]?.body ?? '{}') as { event: Record<string, unknown> };
    expect(body.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      user: BOB.id,
      ts: message?.ts,
      text: 'pause my pairing',
    });
  });
});
