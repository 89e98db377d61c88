import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../../src/simulator/index.js';
import { ALICE, BOB, silentLogger, TOKEN } from './support.js';

/**
 * The simulator against a real Bolt app: the sender's requests must pass Bolt's signature check and parsing, and
 * Bolt's client and respond() must reach the fake.
 */
const SECRET = 'bolt-roundtrip-secret';
let fake: FakeSlack;
let app: App;
let sender: SlackRequestSender;
const seen: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ tokens: [TOKEN], users: [ALICE, BOB] });
  app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    processBeforeResponse: true,
    logger: silentLogger,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/reverse-mentor', async ({ ack, command, client, respond }) => {
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
      await respond({ text: `You said: ${command.text}` });
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
  app.event('app_home_opened', async ({ event, client, body }) => {
    seen.push(body.event_id);
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } }] },
    });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  sender = new SlackRequestSender({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SECRET,
    fake,
  });
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

describe('against a real Bolt app', () => {
  it('a slash command is accepted and respond() reaches the response_url', async () => {
    const result = await sender.command(ALICE.id, 'hello');
    expect(result.status).toBe(200);
    expect(fake.responses(result.responseUrlId)).toMatchObject([
      { status: 200, body: { text: 'You said: hello' } },
    ]);
    expect(fake.ephemerals({ user: ALICE.id }).at(-1)?.text).toBe('You said: hello');
  });

  it('bad signatures are refused with 401', async () => {
    for (const signature of ['missing', 'wrong', 'stale'] as const) {
      const result = await sender.command(ALICE.id, 'hello', { signature });
      expect(result.status).toBe(401);
    }
  });

  it('command → modal → validation errors → submit → DM → button → respond(replace_original)', async () => {
    await sender.command(ALICE.id, 'profile');
    const view = fake.lastViewOpenedFor(ALICE.id);
    expect(view?.callback_id).toBe('profile');

    const rejected = await sender.submitView(ALICE.id, view!, { goal: 'no' });
    expect(rejected.body).toEqual({ response_action: 'errors', errors: { goal: 'Tell us a bit more' } });
    expect(fake.openViews(ALICE.id)).toHaveLength(1);

    const saved = await sender.submitView(ALICE.id, view!, { goal: 'learn Rust' });
    expect(saved.outcome).toEqual({ action: 'closed' });
    expect(fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['Saved: learn Rust']);

    const click = await sender.clickButton(ALICE.id, 'dm', 'confirm');
    expect(click.status).toBe(200);
    expect(fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['Confirmed learn Rust']);
  });

  it('events: app_home_opened publishes the home tab; a retry carries the same event_id', async () => {
    const first = await sender.openHome(BOB.id);
    expect(first.status).toBe(200);
    expect(fake.homeViewOf(BOB.id)?.blocks[0]).toMatchObject({ text: { text: 'Welcome home' } });
    await sender.openHome(BOB.id, { eventId: first.eventId, retryNum: 1 });
    expect(seen.filter((id) => id === first.eventId)).toHaveLength(2);
  });
});
