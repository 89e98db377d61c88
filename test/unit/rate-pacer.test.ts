import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../src/services/rate-pacer.js';

/** A pacer on a pretend clock: sleeping moves the clock, so tests read when each send was allowed. */
function pacer(perMinute: number, channelBurst = 3, channelIntervalMs = 1000) {
  let now = 0;
  const sent: number[] = [];
  const p = new RatePacer({
    perMinute,
    channelBurst,
    channelIntervalMs,
    nowMs: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return {
    async send(channel: string) {
      await p.waitTurn(channel);
      sent.push(now);
    },
    backOff: (s: number) => p.backOff(s),
    sent,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RatePacer', () => {
  it('lets a whole minute’s quota go at once, then the next as the first leave the minute', async () => {
    const p = pacer(5);
    for (let i = 0; i < 12; i++) await p.send(`C${i}`);
    // (plus a quarter-second margin for the time a message takes to reach Slack)
    expect(p.sent).toEqual([0, 0, 0, 0, 0, 60_250, 60_250, 60_250, 60_250, 60_250, 120_500, 120_500]);
  });

  it('keeps one channel to about one message a second after a short burst', async () => {
    const p = pacer(1000);
    for (let i = 0; i < 6; i++) await p.send('C1');
    expect(p.sent).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('never puts more than the limit in any sliding minute', async () => {
    const p = pacer(7, 2, 100);
    for (let i = 0; i < 50; i++) {
      await p.send(`C${i % 4}`);
      if (i % 3 === 0) p.advance(1_700);
    }
    for (const start of p.sent) {
      expect(p.sent.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(7);
    }
  });

  it('stops everyone for the Retry-After after a 429', async () => {
    const p = pacer(100);
    await p.send('C1');
    p.backOff(30);
    await p.send('C2');
    expect(p.sent).toEqual([0, 30_250]);
  });
});
