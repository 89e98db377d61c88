import { WebAPIHTTPError, WebAPIRequestError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, type Rig, slackError, startRig } from './support.js';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.fake.close();
});

describe('failNext', () => {
  it('{error} answers ok:false once, then the method works again', async () => {
    rig.fake.failNext('chat.postMessage', { error: 'fatal_error' });
    expect((await slackError(rig.client.chat.postMessage({ channel: ALICE.id, text: 'x' }))).error).toBe(
      'fatal_error',
    );
    await expect(rig.client.chat.postMessage({ channel: ALICE.id, text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect(rig.fake.dmsTo(ALICE.id)).toHaveLength(1);
  });

  it('times and match select which calls fail', async () => {
    rig.fake.failNext(
      'chat.postMessage',
      { error: 'account_inactive' },
      { times: 2, match: (p) => p.channel === BOB.id },
    );
    await rig.client.chat.postMessage({ channel: ALICE.id, text: 'a' });
    expect((await slackError(rig.client.chat.postMessage({ channel: BOB.id, text: 'b' }))).error).toBe(
      'account_inactive',
    );
    expect((await slackError(rig.client.chat.postMessage({ channel: BOB.id, text: 'b' }))).error).toBe(
      'account_inactive',
    );
    await expect(rig.client.chat.postMessage({ channel: BOB.id, text: 'b' })).resolves.toBeTruthy();
  });

  it('{status: 500} is an HTTP error to the WebClient', async () => {
    rig.fake.failNext('users.info', { status: 503 });
    const error = await rig.client.users.info({ user: ALICE.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(503);
    expect(rig.fake.callsTo('users.info')[0]?.status).toBe(503);
  });

  it('{drop: true} destroys the socket: a request error, recorded with status 0', async () => {
    rig.fake.failNext('conversations.open', { drop: true });
    const error = await rig.client.conversations.open({ users: ALICE.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect(rig.fake.callsTo('conversations.open')).toMatchObject([{ status: 0, response: null }]);
    await expect(rig.client.conversations.open({ users: ALICE.id })).resolves.toMatchObject({ ok: true });
  });

  it("'*' fails whichever method comes next", async () => {
    rig.fake.failNext('*', { error: 'internal_error' });
    expect((await slackError(rig.client.auth.test())).error).toBe('internal_error');
    await expect(rig.client.auth.test()).resolves.toBeTruthy();
  });

  it('reset drops pending failures', async () => {
    rig.fake.failNext('auth.test', { error: 'fatal_error' });
    rig.fake.reset();
    await expect(rig.client.auth.test()).resolves.toBeTruthy();
  });
});
