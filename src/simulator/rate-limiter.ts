/**
 * Slack-like rate limiting against the fake's clock. Off unless `rateLimits` is given to startFakeSlack.
 *
 * - Tiers: a sliding one-minute window per method (per workspace, since the fake has one workspace and one app).
 * - chat.postMessage has no tier: a token bucket per channel (about one message per second, short bursts) plus a
 *   workspace-wide ceiling per minute on messages.
 * Refused calls do not count. Retry-After is the whole number of seconds after which the same call would pass.
 */
export type Tier = 1 | 2 | 3 | 4;

export interface RateLimitOptions {
  /** Calls per minute per tier. Defaults: tier 1: 1, tier 2: 20, tier 3: 50, tier 4: 100 (NOTES.md). */
  tierPerMinute?: Partial<Record<Tier, number>>;
  /** Extra or overriding method → tier assignments. */
  methodTiers?: Record<string, Tier>;
  /** chat.postMessage per channel. Defaults: 1 per second, burst of 3. */
  postMessagePerChannel?: { perSecond?: number; burst?: number };
  /** chat.postMessage across the whole workspace per minute. Default 300 ("several hundred"). */
  workspaceMessagesPerMinute?: number;
}

export const DEFAULT_METHOD_TIERS: Readonly<Record<string, Tier>> = {
  'apps.connections.open': 1,
  'users.info': 4,
  'users.list': 2,
  'conversations.open': 3,
  'conversations.join': 3,
  'conversations.info': 3,
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'views.publish': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

const DEFAULT_TIER_PER_MINUTE: Record<Tier, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };
const MINUTE_MS = 60_000;
/** Floating-point slack for the token bucket, so 0.9999999 tokens after exactly one second counts as one. */
const EPSILON = 1e-9;

export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

/** Counts calls in the last minute. */
class SlidingWindow {
  private readonly times: number[] = [];

  constructor(private readonly limit: number) {}

  /** Milliseconds until one more call fits (0 = now). */
  waitMs(now: number): number {
    while (this.times.length > 0 && (this.times[0] ?? 0) + MINUTE_MS <= now) this.times.shift();
    if (this.times.length < this.limit) return 0;
    // The call fits once enough of the oldest calls have left the window.
    const freeing = this.times[this.times.length - this.limit] ?? now;
    return freeing + MINUTE_MS - now;
  }

  take(now: number): void {
    this.times.push(now);
  }
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  waitMs(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1 - EPSILON) return 0;
    return ((1 - this.tokens) / this.perSecond) * 1000;
  }

  take(): void {
    this.tokens -= 1;
  }
}

export class RateLimiter {
  private readonly tiers: Record<Tier, number>;
  private readonly methodTiers: Record<string, Tier>;
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly workspaceLimit: number;
  private readonly windows = new Map<string, SlidingWindow>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(options: RateLimitOptions) {
    this.tiers = { ...DEFAULT_TIER_PER_MINUTE, ...options.tierPerMinute };
    this.methodTiers = { ...DEFAULT_METHOD_TIERS, ...options.methodTiers };
    this.perSecond = options.postMessagePerChannel?.perSecond ?? 1;
    this.burst = options.postMessagePerChannel?.burst ?? 3;
    this.workspaceLimit = options.workspaceMessagesPerMinute ?? 300;
    if (this.perSecond <= 0 || this.burst < 1)
      throw new RangeError('postMessagePerChannel needs perSecond > 0, burst ≥ 1');
  }

  /** Decides and, when allowed, counts the call. `channel` is the resolved channel for chat.postMessage. */
  admit(method: string, now: number, channel?: string): RateDecision {
    const checks: Array<{ wait: number; take: () => void }> = [];
    if (method === 'chat.postMessage') {
      const window = this.window('workspace:messages', this.workspaceLimit);
      checks.push({ wait: window.waitMs(now), take: () => window.take(now) });
      if (channel !== undefined) {
        const bucket = this.bucket(channel, now);
        checks.push({ wait: bucket.waitMs(now), take: () => bucket.take() });
      }
    } else if (Object.hasOwn(this.methodTiers, method)) {
      const tier = this.methodTiers[method] as Tier;
      const window = this.window(`method:${method}`, this.tiers[tier]);
      checks.push({ wait: window.waitMs(now), take: () => window.take(now) });
    }
    const wait = Math.max(0, ...checks.map((c) => c.wait));
    if (wait > 0) return { allowed: false, retryAfter: Math.max(1, Math.ceil(wait / 1000 - EPSILON)) };
    for (const c of checks) c.take();
    return { allowed: true };
  }

  private window(key: string, limit: number): SlidingWindow {
    let window = this.windows.get(key);
    if (!window) {
      window = new SlidingWindow(limit);
      this.windows.set(key, window);
    }
    return window;
  }

  private bucket(channel: string, now: number): TokenBucket {
    let bucket = this.buckets.get(channel);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, this.burst, now);
      this.buckets.set(channel, bucket);
    }
    return bucket;
  }
}
