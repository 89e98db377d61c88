import { randomBytes } from 'node:crypto';

/**
 * Slack-looking identifiers. Counters (not randomness) keep ids stable from run to run, which makes transcripts and
 * failure messages reproducible; the random parts exist only where Slack's own values are unguessable secrets.
 */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  /** `C00000001`, `D00000002`, … — one counter per prefix. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(8, '0')}`;
  }
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Message timestamps: `"<unix seconds>.<6-digit micros>"`, strictly increasing even when the clock stands still (an
 * injected clock often does), because Slack uses `ts` as the message's identity within a channel.
 */
export class TsClock {
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  next(): string {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    return formatTs(micros);
  }

  reset(): void {
    this.lastMicros = 0;
  }
}

export function formatTs(microseconds: number): string {
  const micros = Math.floor(microseconds);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${seconds}.${String(fraction).padStart(6, '0')}`;
}
