// Client-side pacing for chat.postMessage. Slack allows about one message per second per channel (with short
// bursts) and a workspace-wide number per minute; waiting our turn here is cheaper than being told "429,
// come back later", which costs a call and pauses the client. Real time, not business time: this is about
// Slack's clock.

export interface PacerOptions {
  /** Workspace-wide messages we allow ourselves in any sliding minute. */
  perMinute: number;
  /** Per channel: messages allowed back to back, then one per `channelIntervalMs`. */
  channelBurst: number;
  channelIntervalMs: number;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACER: PacerOptions = {
  perMinute: 300,
  channelBurst: 3,
  channelIntervalMs: 1_000,
};

const MINUTE_MS = 60_000;
/**
 * Slack counts a message when it arrives, a little after we decide to send it; without a margin the first
 * message of each new minute could arrive a few milliseconds early and be refused.
 */
const WINDOW_MARGIN_MS = 250;

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * The last `perMinute` send times in a ring: a send may go when the oldest of them left the minute. This is
 * "N per minute" taken literally, the way Slack states its limits, so a fan-out runs at the ceiling without
 * ever crossing it.
 */
class SlidingMinute {
  private readonly times: Float64Array;
  private next = 0;
  private count = 0;

  constructor(private readonly limit: number) {
    this.times = new Float64Array(Math.max(1, limit));
  }

  waitMs(now: number): number {
    if (this.count < this.limit) return 0;
    // `next` is where the oldest of the last `limit` sends sits.
    return Math.max(0, this.times[this.next]! + MINUTE_MS + WINDOW_MARGIN_MS - now);
  }

  take(now: number): void {
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    this.count = Math.min(this.limit, this.count + 1);
  }

  /** After a 429: count the minute as full until `untilMs`. */
  blockUntil(untilMs: number): void {
    this.times.fill(untilMs - MINUTE_MS);
    this.count = this.limit;
  }
}

export class RatePacer {
  private readonly global: SlidingMinute;
  private readonly channels = new Map<string, Bucket>();
  private readonly nowMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Serialises reservations so concurrent senders take turns fairly. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacerOptions = DEFAULT_PACER) {
    this.nowMs = options.nowMs ?? (() => Date.now());
    this.sleep = options.sleep ?? realSleep;
    this.global = new SlidingMinute(Math.max(1, Math.floor(options.perMinute)));
  }

  /** Resolves when a message to `channel` may be sent without exceeding either limit. */
  waitTurn(channel: string): Promise<void> {
    const turn = this.queue.then(() => this.reserve(channel));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Slack said 429: send nothing to anyone until the wait is over. */
  backOff(seconds: number): void {
    this.global.blockUntil(this.nowMs() + seconds * 1000);
  }

  private refill(bucket: Bucket, now: number): void {
    if (now <= bucket.updatedMs) return;
    const perMs = 1 / this.options.channelIntervalMs;
    bucket.tokens = Math.min(this.options.channelBurst, bucket.tokens + (now - bucket.updatedMs) * perMs);
    bucket.updatedMs = now;
  }

  private async reserve(channel: string): Promise<void> {
    let bucket = this.channels.get(channel);
    if (!bucket) {
      bucket = { tokens: this.options.channelBurst, updatedMs: this.nowMs() };
      this.channels.set(channel, bucket);
    }
    for (;;) {
      const now = this.nowMs();
      this.refill(bucket, now);
      const channelWait = bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) * this.options.channelIntervalMs;
      const wait = Math.max(this.global.waitMs(now), channelWait);
      if (wait <= 0) {
        this.global.take(now);
        bucket.tokens -= 1;
        this.forgetIdleChannels(now);
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }

  /** Full buckets carry no information; dropping them keeps memory flat over a long fan-out. */
  private forgetIdleChannels(now: number): void {
    if (this.channels.size < 10_000) return;
    const idleMs = this.options.channelBurst * this.options.channelIntervalMs;
    for (const [key, bucket] of this.channels) {
      if (now - bucket.updatedMs > idleMs) this.channels.delete(key);
    }
  }
}
