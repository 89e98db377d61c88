import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { JsonObject } from '../../src/simulator/index.js';
import { ALICE, type Rig, silentLogger, slackError, startRig, TOKEN } from './support.js';

/** The wire protocol, driven by a bare WebSocket client so every frame is visible. */
const APP_TOKEN = 'xapp-1-A0FAKEAPP1-1-secret';

let rig: Rig;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  rig = await startRig({ appTokens: [APP_TOKEN], socketMode: { pingIntervalMs: 0 } });
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await rig.fake.close();
});

function appClient(token = APP_TOKEN): WebClient {
  return new WebClient(undefined, {
    slackApiUrl: rig.fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    headers: { Authorization: `Bearer ${token}` },
  });
}

async function openUrl(): Promise<string> {
  const result = await appClient().apps.connections.open({});
  expect(result.ok).toBe(true);
  return String(result.url);
}

/** A connected socket and every message it has received so far (parsed), in order. */
async function connect(url?: string): Promise<{ ws: WebSocket; inbox: JsonObject[] }> {
  const ws = new WebSocket(url ?? (await openUrl()));
  sockets.push(ws);
  const inbox: JsonObject[] = [];
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as JsonObject));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await until(() => inbox.length > 0);
  return { ws, inbox };
}

async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('apps.connections.open', () => {
  it('gives an app-level token a one-use ws:// URL on the fake itself', async () => {
    const url = await openUrl();
    const fakeHost = new URL(rig.fake.url).host;
    expect(url).toMatch(
      new RegExp(`^ws://${fakeHost.replace('.', '\\.')}/link/\\?ticket=[0-9a-f-]{36}&app_id=A0FAKEAPP1$`),
    );
    expect(rig.fake.callsTo('apps.connections.open')).toMatchObject([
      { status: 200, response: { ok: true, url } },
    ]);
  });

  it('refuses tokens of the wrong kind, unknown app tokens, and app tokens sent in the body', async () => {
    // A bot token cannot open a socket, and an app-level token cannot call anything else.
    expect((await slackError(rig.client.apps.connections.open({}))).error).toBe('not_allowed_token_type');
    expect((await slackError(appClient().auth.test())).error).toBe('not_allowed_token_type');
    expect((await slackError(appClient().chat.postMessage({ channel: ALICE.id, text: 'hi' }))).error).toBe(
      'not_allowed_token_type',
    );
    expect((await slackError(appClient('xapp-1-A0FAKEAPP1-1-other').apps.connections.open({}))).error).toBe(
      'invalid_auth',
    );
    const inBody = await fetch(`${rig.fake.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${APP_TOKEN}`,
    });
    expect(await inBody.json()).toEqual({ ok: false, error: 'not_authed' });
    // The bot token keeps working for everything else.
    await expect(rig.client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('without appTokens, any xapp- token is accepted', async () => {
    const { startFakeSlack } = await import('../../src/simulator/index.js');
    const open = await startFakeSlack({ tokens: [TOKEN] });
    try {
      const client = new WebClient(undefined, {
        slackApiUrl: open.apiUrl,
        retryConfig: { retries: 0 },
        headers: { Authorization: 'Bearer xapp-anything' },
      });
      await expect(client.apps.connections.open({})).resolves.toMatchObject({ ok: true });
    } finally {
      await open.close();
    }
  });
});

describe('the WebSocket', () => {
  it('greets a connection with hello and counts it as connected', async () => {
    expect(rig.fake.socketMode.connected).toBe(false);
    const waiting = rig.fake.socketMode.waitForConnection();
    const { inbox } = await connect();
    expect(inbox[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: {
        host: expect.any(String),
        build_number: expect.any(Number),
        approximate_connection_time: 18060,
      },
      connection_info: { app_id: 'A0FAKEAPP1' },
    });
    await expect(waiting).resolves.toBe('conn-1');
    expect(rig.fake.socketMode.connected).toBe(true);
    const second = await connect();
    expect(second.inbox[0]?.num_connections).toBe(2);
  });

  it('refuses a reused ticket, a made-up ticket and other paths', async () => {
    const url = await openUrl();
    await connect(url);
    const refusal = (target: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(target);
        sockets.push(ws);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
    expect(await refusal(url)).toBe(401);
    expect(await refusal(url.replace(/ticket=[^&]+/, 'ticket=made-up'))).toBe(401);
    expect(await refusal(`${rig.fake.url.replace('http', 'ws')}elsewhere`)).toBe(404);
    expect(rig.fake.socketMode.connections).toHaveLength(1);
  });

  it('sends envelopes in Slack’s shape and resolves with the ack', async () => {
    const { ws, inbox } = await connect();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as JsonObject;
      if (message.type === 'slash_commands') {
        ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload: { text: 'got it' } }));
      } else if (message.type === 'events_api') {
        ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload: {} }));
      }
    });
    const command = await rig.fake.socketMode.deliverEnvelope('slash_commands', {
      command: '/x',
      text: 'hi',
    });
    expect(command.payload).toEqual({ text: 'got it' });
    expect(command.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(inbox[1]).toEqual({
      envelope_id: command.envelopeId,
      payload: { command: '/x', text: 'hi' },
      type: 'slash_commands',
      accepts_response_payload: true,
    });

    const event = await rig.fake.socketMode.deliverEnvelope(
      'events_api',
      { type: 'event_callback', event: { type: 'app_home_opened' } },
      { retryAttempt: 2, retryReason: 'timeout' },
    );
    expect(event.payload).toEqual({});
    expect(inbox[2]).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 2,
      retry_reason: 'timeout',
    });
    expect(rig.fake.socketMode.envelopes.map((e) => [e.envelope.type, e.ack?.envelope_id])).toEqual([
      ['slash_commands', command.envelopeId],
      ['events_api', event.envelopeId],
    ]);
  });

  it('marks which interactive payloads accept a response', async () => {
    const { ws, inbox } = await connect();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as JsonObject;
      ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload: {} }));
    });
    await rig.fake.socketMode.deliverEnvelope('interactive', { type: 'view_submission' });
    await rig.fake.socketMode.deliverEnvelope('interactive', { type: 'block_actions' });
    expect(inbox.slice(1).map((m) => m.accepts_response_payload)).toEqual([true, false]);
    expect(inbox.slice(1).every((m) => !('retry_attempt' in m))).toBe(true);
  });

  it('rejects when nobody is connected, nobody acks, or the connection closes first', async () => {
    await expect(rig.fake.socketMode.deliverEnvelope('events_api', {})).rejects.toThrow(
      /no app is connected/,
    );
    const { ws } = await connect();
    await expect(rig.fake.socketMode.deliverEnvelope('events_api', {}, { ackTimeoutMs: 50 })).rejects.toThrow(
      /did not ack events_api envelope .* within 50 ms/,
    );
    const pending = rig.fake.socketMode.deliverEnvelope('interactive', { type: 'block_actions' });
    ws.close();
    await expect(pending).rejects.toThrow(/connection closed before the app acked/);
    await until(() => !rig.fake.socketMode.connected, 'the connection to close');
  });

  it('keeps anything that is not an ack of a pending envelope as a stray message', async () => {
    const { ws } = await connect();
    ws.send('not json');
    ws.send(JSON.stringify({ envelope_id: 'never-sent', payload: {} }));
    await until(() => rig.fake.socketMode.strayMessages.length === 2, 'stray messages');
    expect(rig.fake.socketMode.strayMessages).toEqual([
      'not json',
      JSON.stringify({ envelope_id: 'never-sent', payload: {} }),
    ]);
  });

  it('answers client pings with pongs, counts them, and pings the client itself', async () => {
    await rig.fake.close();
    rig = await startRig({ appTokens: [APP_TOKEN], socketMode: { pingIntervalMs: 20 } });
    const { ws } = await connect();
    const pongs: string[] = [];
    ws.on('pong', (data) => pongs.push(String(data)));
    let pingsFromServer = 0;
    ws.on('ping', () => {
      pingsFromServer++;
    });
    ws.ping('are you there');
    await until(() => pongs.length === 1 && pingsFromServer >= 2, 'pings and pongs');
    expect(pongs).toEqual(['are you there']);
    expect(rig.fake.socketMode.connections[0]?.pingsReceived).toBe(1);
  });

  it('asks connections to reconnect with a disconnect message', async () => {
    const { inbox } = await connect();
    rig.fake.socketMode.requestReconnect('warning');
    await until(() => inbox.length === 2, 'the disconnect message');
    expect(inbox[1]).toEqual({
      type: 'disconnect',
      reason: 'warning',
      debug_info: { host: expect.any(String) },
    });
  });

  it('records how connections closed: a close frame, or a dropped link', async () => {
    const polite = await connect();
    polite.ws.close(1000);
    await until(() => rig.fake.socketMode.connections[0]?.open === false, 'the first close');
    const dropped = await connect();
    const seenByClient = new Promise<number>((resolve) => dropped.ws.once('close', (code) => resolve(code)));
    rig.fake.socketMode.dropConnections();
    expect(await seenByClient).toBe(1006);
    await until(() => !rig.fake.socketMode.connected, 'the drop');
    expect(rig.fake.socketMode.connections.map((c) => [c.id, c.open, c.closeCode])).toEqual([
      ['conn-1', false, 1000],
      ['conn-2', false, 1006],
    ]);
  });

  it('closing the fake ends connections and rejects waiting deliveries', async () => {
    const { ws } = await connect();
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    const pending = rig.fake.socketMode.deliverEnvelope('events_api', {});
    await rig.fake.close();
    await expect(pending).rejects.toThrow(/closed/);
    await closed;
    await expect(rig.fake.socketMode.waitForConnection()).rejects.toThrow(/closed/);
    // afterEach closes again: that must be harmless.
  });
});
