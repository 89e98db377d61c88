import { describe, expect, it } from 'vitest';
import { LineLogger } from '../../src/logger.js';
import { BackgroundWork } from '../../src/services/background.js';

// Deferred follow-ups (a confirmation DM after a saved form) wait while the process is busy answering requests,
// run a couple at a time, are never lost to a failing neighbour, and `idle()` waits for all of them.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function make(): { background: BackgroundWork; logs: string[] } {
  const logs: string[] = [];
  return { background: new BackgroundWork(new LineLogger('debug', 'test', (line) => logs.push(line))), logs };
}

/** Keeps the event loop busy for `ms`, in slices, as a crowd of requests would (timers still get a turn). */
async function busyFor(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 20;
    while (performance.now() < slice) {
      // spin
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('BackgroundWork.later', () => {
  it('runs every piece of work, at most two at a time, and idle() waits for all of them', async () => {
    const { background } = make();
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let i = 0; i < 6; i++) {
      background.later(`job ${i}`, async () => {
        running++;
        most = Math.max(most, running);
        await sleep(10);
        running--;
        done.push(i);
      });
    }
    await background.idle();
    expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('logs a failure and goes on with the rest', async () => {
    const { background, logs } = make();
    const done: string[] = [];
    background.later('broken', async () => {
      throw new Error('boom');
    });
    background.later('fine', async () => {
      done.push('fine');
    });
    await background.idle();
    expect(done).toEqual(['fine']);
    expect(logs.some((line) => line.includes('Background work "broken" failed'))).toBe(true);
  });

  it('holds work back while the event loop is busy, and runs it once the loop is free', async () => {
    const { background } = make();
    let startedAt = -1;
    const busyStart = performance.now();
    // 100 ms into a busy half second, a follow-up is queued (timers still get their turn between slices).
    const queued = new Promise<void>((resolve) =>
      setTimeout(() => {
        background.later('follow-up', async () => {
          startedAt = performance.now() - busyStart;
        });
        resolve();
      }, 100),
    );
    await busyFor(500);
    await queued;
    const busyEnded = performance.now() - busyStart;
    expect(startedAt, 'the follow-up ran while the loop was still busy').toBe(-1);
    await background.idle();
    expect(startedAt).toBeGreaterThanOrEqual(busyEnded);
  });
});
