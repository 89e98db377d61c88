// Client-side pacing for chat.postMessage. Slack allows about one message per second per channel (with short
// bursts) and a workspace-wide ceiling; waiting our turn here is cheaper than being told "429, come back
// later", which costs a call and pauses the client. Real time, not business time: this is about Slack's clock.

export interface PacerOptions {
  /** Workspace-wide messages per minute we allow ourselves. */
  perMinute: number;
  /** How many messages may go out back to back before the global rate applies. */
  burst: number;
  /** Per channel: messages allowed back to back, then one per `channelIntervalMs`. */
  channelBurst: number;
  channelIntervalMs: number;
  nowMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PACER: PacerOptions = {
  perMinute: 300,
  burst: 20,
  channelBurst: 3,
  channelIntervalMs: 1_000,
};

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RatePacer {
  private readonly global: Bucket;
  private readonly channels = new Map<string, Bucket>();
  private readonly nowMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Serialises reservations so concurrent senders take turns fairly. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacerOptions = DEFAULT_PACER) {
    this.nowMs = options.nowMs ?? (() => Date.now());
    this.sleep = options.sleep ?? realSleep;
    this.global = { tokens: options.burst, updatedMs: this.nowMs() };
  }

  /** Resolves when a message to `channel` may be sent without exceeding either limit. */
  waitTurn(channel: string): Promise<void> {
    const turn = this.queue.then(() => this.reserve(channel));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Slack said 429: stop sending to anyone until the wait is over. */
  backOff(seconds: number): void {
    const resumeMs = this.nowMs() + seconds * 1000;
    this.global.tokens = Math.min(this.global.tokens, 0);
    this.global.updatedMs = Math.max(this.global.updatedMs, resumeMs);
  }

  private refill(bucket: Bucket, perMs: number, capacity: number, now: number): void {
    if (now <= bucket.updatedMs) return;
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedMs) * perMs);
    bucket.updatedMs = now;
  }

  private async reserve(channel: string): Promise<void> {
    const globalPerMs = this.options.perMinute / 60_000;
    const channelPerMs = 1 / this.options.channelIntervalMs;
    let bucket = this.channels.get(channel);
    if (!bucket) {
      bucket = { tokens: this.options.channelBurst, updatedMs: this.nowMs() };
      this.channels.set(channel, bucket);
    }
    for (;;) {
      const now = this.nowMs();
      this.refill(this.global, globalPerMs, this.options.burst, now);
      this.refill(bucket, channelPerMs, this.options.channelBurst, now);
      const globalWait =
        this.global.tokens >= 1
          ? 0
          : (1 - this.global.tokens) / globalPerMs + Math.max(0, this.global.updatedMs - now);
      const channelWait = bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / channelPerMs;
      const wait = Math.max(globalWait, channelWait);
      if (wait <= 0) {
        this.global.tokens -= 1;
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
