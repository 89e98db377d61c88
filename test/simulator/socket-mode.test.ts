import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../../src/simulator/index.js';
import { ALICE, BOB, silentLogger, TOKEN } from './support.js';

/**
 * A real Bolt app in Socket Mode against the fake: it opens its socket through apps.connections.open, and the
 * sender's payloads arrive as envelopes that Bolt parses, routes and acks.
 */
const APP_TOKEN = 'xapp-1-A0FAKEAPP1-1-socket-test';
let fake: FakeSlack;
let app: App;
let sender: SlackRequestSender;
const homeOpens: Array<{ eventId: string; retryNum: number | undefined }> = [];
const messages: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ tokens: [TOKEN], appTokens: [APP_TOKEN], users: [ALICE, BOB] });
  app = new App({
    socketMode: true,
    appToken: APP_TOKEN,
    token: TOKEN,
    logger: silentLogger,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/reverse-mentor', async ({ ack, command, client, respond }) => {
    if (command.text === 'echo') {
      await ack(`You said ${command.text}`);
      return;
    }
    await ack();
    if (command.text === 'profile') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'profile',
          title: { type: 'plain_text', text: 'Your profile' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [
            {
              type: 'input',
              block_id: 'goal',
              label: { type: 'plain_text', text: 'Goal' },
              element: { type: 'plain_text_input', action_id: 'text' },
            },
          ],
        },
      });
    } else {
      await respond({ text: `Later: ${command.text}` });
    }
  });
  app.view('profile', async ({ ack, view, body, client }) => {
    const goal = view.state.values.goal?.text?.value ?? '';
    if (goal.length < 3) {
      await ack({ response_action: 'errors', errors: { goal: 'Tell us a bit more' } });
      return;
    }
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: `Saved: ${goal}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `Saved: *${goal}*` } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'confirm',
              value: goal,
              text: { type: 'plain_text', text: 'Confirm' },
            },
          ],
        },
      ],
    });
  });
  app.action('confirm', async ({ ack, respond, action }) => {
    await ack();
    await respond({ replace_original: true, text: `Confirmed ${'value' in action ? action.value : ''}` });
  });
  app.event('app_home_opened', async ({ event, client, body, context }) => {
    homeOpens.push({ eventId: body.event_id, retryNum: context.retryNum });
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } }] },
    });
  });
  app.message(async ({ message }) => {
    if ('text' in message && message.text) messages.push(message.text);
  });
  // Resolves once the fake has said hello.
  await app.start();
  sender = new SlackRequestSender({ transport: 'socket', fake });
});

afterAll(async () => {
  // Bolt's stop() does not wait for the close handshake; let it finish so the client does not see a dropped link.
  await app.stop();
  await until(() => !fake.socketMode.connected);
  await fake.close();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('a Bolt app in Socket Mode', () => {
  it('connected with its app-level token', () => {
    expect(fake.socketMode.connected).toBe(true);
    expect(fake.callsTo('apps.connections.open')).toMatchObject([{ status: 200, response: { ok: true } }]);
    expect(fake.socketMode.connections).toMatchObject([{ id: 'conn-1', open: true }]);
  });

  it('a slash command over the socket opens a modal; its validation errors come back in the ack', async () => {
    const command = await sender.command(ALICE.id, 'profile');
    expect(command.status).toBe(200);
    expect(command.body).toBeNull();
    expect(command.envelopeId).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => fake.callsTo('views.open').length === 1);
    expect(fake.callsTo('views.open')[0]).toMatchObject({
      status: 200,
      params: { trigger_id: command.triggerId },
    });
    const view = fake.lastViewOpenedFor(ALICE.id);
    expect(view?.callback_id).toBe('profile');

    const rejected = await sender.submitView(ALICE.id, view!, { goal: 'no' });
    expect(rejected.body).toEqual({ response_action: 'errors', errors: { goal: 'Tell us a bit more' } });
    expect(rejected.outcome).toEqual({ action: 'errors', errors: { goal: 'Tell us a bit more' } });
    expect(fake.openViews(ALICE.id)).toHaveLength(1);
    const envelope = fake.socketMode.envelopes.find((e) => e.envelope.envelope_id === rejected.envelopeId);
    expect(envelope?.envelope).toMatchObject({
      type: 'interactive',
      accepts_response_payload: true,
      payload: { type: 'view_submission', view: { id: view!.id } },
    });
    expect(envelope?.ack).toEqual({
      envelope_id: rejected.envelopeId,
      payload: { response_action: 'errors', errors: { goal: 'Tell us a bit more' } },
    });

    const saved = await sender.submitView(ALICE.id, view!, { goal: 'learn Rust' });
    expect(saved.body).toBeNull();
    expect(saved.outcome).toEqual({ action: 'closed' });
    expect(fake.openViews(ALICE.id)).toEqual([]);
    await until(() => fake.dmsTo(ALICE.id).length === 1);
    expect(fake.dmsTo(ALICE.id)[0]?.text).toBe('Saved: learn Rust');

    const click = await sender.clickButton(ALICE.id, 'dm', 'confirm');
    expect(click.status).toBe(200);
    await until(() => fake.dmsTo(ALICE.id)[0]?.text === 'Confirmed learn Rust');
  });

  it('ack(text) answers a command in the ack; respond() still reaches the response_url', async () => {
    const echo = await sender.command(BOB.id, 'echo');
    expect(echo.body).toEqual({ text: 'You said echo' });
    const later = await sender.command(BOB.id, 'soon');
    expect(later.body).toBeNull();
    await until(() => fake.responses(later.responseUrlId).length === 1);
    expect(fake.responses(later.responseUrlId)).toMatchObject([
      { status: 200, body: { text: 'Later: soon' } },
    ]);
  });

  it('events are handled; a redelivery carries retry_attempt through to the listener', async () => {
    const first = await sender.openHome(BOB.id);
    expect(first.status).toBe(200);
    await until(() => fake.homeViewOf(BOB.id) !== undefined);
    expect(fake.homeViewOf(BOB.id)?.blocks[0]).toMatchObject({ text: { text: 'Welcome home' } });
    await sender.openHome(BOB.id, { eventId: first.eventId, retryNum: 1 });
    await until(() => homeOpens.length === 2);
    // Slack's envelopes say retry_attempt 0 on a first delivery, so Bolt's retryNum is 0 here (undefined over HTTP).
    expect(homeOpens).toEqual([
      { eventId: first.eventId, retryNum: 0 },
      { eventId: first.eventId, retryNum: 1 },
    ]);
    const envelope = fake.socketMode.envelopes.at(-1)?.envelope;
    expect(envelope).toMatchObject({ type: 'events_api', retry_attempt: 1, retry_reason: 'http_timeout' });

    await sender.sendDirectMessage(ALICE.id, 'hello over the socket');
    await until(() => messages.includes('hello over the socket'));
  });

  it('signature modes are an HTTP notion and are refused over the socket', async () => {
    await expect(sender.command(ALICE.id, 'echo', { signature: 'wrong' })).rejects.toThrow(
      /only applies to HTTP/,
    );
  });

  it('reconnects through apps.connections.open when the fake asks it to, and keeps working', async () => {
    const fresh = fake.socketMode.waitForConnection({ fresh: true });
    fake.socketMode.requestReconnect('refresh_requested');
    const id = await fresh;
    expect(id).toBe('conn-2');
    await until(() => fake.socketMode.connections.filter((c) => c.open).length === 1);
    expect(fake.socketMode.connections.map((c) => [c.id, c.open])).toEqual([
      ['conn-1', false],
      ['conn-2', true],
    ]);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    const echo = await sender.command(ALICE.id, 'echo');
    expect(echo.body).toEqual({ text: 'You said echo' });
  });
});
