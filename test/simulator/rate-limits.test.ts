import { WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/simulator/rate-limiter.js';
import { ALICE, BOB, type Rig, silentLogger, startRig, TOKEN } from './support.js';

describe('RateLimiter (unit, injected clock)', () => {
  it('a tier allows its calls per sliding minute and says exactly when the next one fits', () => {
    const limiter = new RateLimiter({ tierPerMinute: { 2: 3 } });
    const t0 = 1_000_000;
    expect(limiter.admit('users.list', t0)).toEqual({ allowed: true });
    expect(limiter.admit('users.list', t0 + 10_000)).toEqual({ allowed: true });
    expect(limiter.admit('users.list', t0 + 20_000)).toEqual({ allowed: true });
    // The first call leaves the window at t0 + 60 s: 30.5 s from now → Retry-After 31.
    expect(limiter.admit('users.list', t0 + 29_500)).toEqual({ allowed: false, retryAfter: 31 });
    expect(limiter.admit('users.list', t0 + 59_999)).toEqual({ allowed: false, retryAfter: 1 });
    expect(limiter.admit('users.list', t0 + 60_000)).toEqual({ allowed: true });
    // Other methods have their own windows; untiered methods are not limited.
    expect(limiter.admit('users.info', t0 + 60_000)).toEqual({ allowed: true });
    for (let i = 0; i < 500; i++) expect(limiter.admit('auth.test', t0).allowed).toBe(true);
  });

  it('chat.postMessage: per channel ~1/s with a burst, independent per channel', () => {
    const limiter = new RateLimiter({ postMessagePerChannel: { perSecond: 1, burst: 2 } });
    const t0 = 5_000_000;
    expect(limiter.admit('chat.postMessage', t0, 'C1').allowed).toBe(true);
    expect(limiter.admit('chat.postMessage', t0, 'C1').allowed).toBe(true);
    expect(limiter.admit('chat.postMessage', t0, 'C1')).toEqual({ allowed: false, retryAfter: 1 });
    expect(limiter.admit('chat.postMessage', t0, 'C2').allowed).toBe(true);
    expect(limiter.admit('chat.postMessage', t0 + 999, 'C1').allowed).toBe(false);
    expect(limiter.admit('chat.postMessage', t0 + 1_000, 'C1').allowed).toBe(true);
  });

  it('Retry-After rounds up to whole seconds for slow buckets', () => {
    const limiter = new RateLimiter({ postMessagePerChannel: { perSecond: 0.25, burst: 1 } });
    expect(limiter.admit('chat.postMessage', 0, 'C1').allowed).toBe(true);
    expect(limiter.admit('chat.postMessage', 1_500, 'C1')).toEqual({ allowed: false, retryAfter: 3 });
    expect(limiter.admit('chat.postMessage', 4_000, 'C1').allowed).toBe(true);
  });

  it('a workspace-wide ceiling on messages per minute across channels', () => {
    const limiter = new RateLimiter({ workspaceMessagesPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect(limiter.admit('chat.postMessage', 0, `C${i}`).allowed).toBe(true);
    expect(limiter.admit('chat.postMessage', 0, 'C9')).toEqual({ allowed: false, retryAfter: 60 });
  });
});

describe('rate limits over HTTP', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.fake.close();
    rig = undefined;
  });

  it('answers 429 ratelimited with Retry-After and records it', async () => {
    let now = 1_700_000_000_000;
    rig = await startRig({
      now: () => now,
      rateLimits: { postMessagePerChannel: { perSecond: 1, burst: 1 } },
    });
    const strict = new WebClient(TOKEN, {
      slackApiUrl: rig.fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silentLogger,
    });
    await strict.chat.postMessage({ channel: ALICE.id, text: 'one' });
    const error = await strict.chat.postMessage({ channel: ALICE.id, text: 'two' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    // A user id and its D channel share one bucket.
    const dm = rig.fake.dmChannelOf(ALICE.id) ?? '';
    expect(
      await strict.chat.postMessage({ channel: dm, text: 'three' }).catch((e: unknown) => e),
    ).toBeInstanceOf(WebAPIRateLimitedError);
    await strict.chat.postMessage({ channel: BOB.id, text: 'other channel' });
    now += 1_000;
    await strict.chat.postMessage({ channel: ALICE.id, text: 'after a second' });
    const calls = rig.fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([200, 429, 429, 200, 200]);
    expect(calls[1]?.response).toEqual({ ok: false, error: 'ratelimited' });
    expect(rig.fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['one', 'after a second']);
  });

  it('the WebClient honours Retry-After by itself when retries are on', async () => {
    rig = await startRig({ rateLimits: { tierPerMinute: { 4: 1 } } });
    rig.fake.failNext('users.info', { status: 429, retryAfter: 1 });
    const patient = new WebClient(TOKEN, {
      slackApiUrl: rig.fake.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 0 },
      logger: silentLogger,
    });
    const started = Date.now();
    const res = await patient.users.info({ user: ALICE.id });
    expect(res.user?.id).toBe(ALICE.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(rig.fake.callsTo('users.info').map((c) => c.status)).toEqual([429, 200]);
  });
});
