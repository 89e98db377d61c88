import { randomHex } from '../ids.js';
import type { JsonObject } from '../json.js';
import type { RecordedResponse, ResponseUrlContext } from '../types.js';

/** Slack: a trigger_id is good for 3 seconds and one exchange. */
export const TRIGGER_TTL_MS = 3_000;
/** Slack: a response_url takes up to 5 POSTs within 30 minutes. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

interface TriggerRecord {
  userId: string;
  mintedAt: number;
  used: boolean;
}

export interface ResponseUrlRecord {
  id: string;
  context: ResponseUrlContext;
  mintedAt: number;
  uses: number;
}

export type TriggerCheck = { ok: true; userId: string } | { ok: false; error: string };

/** trigger_ids and response_urls minted for requests sent into the app, and what the app did with them. */
export class Interactions {
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly posted: RecordedResponse[] = [];
  private counter = 0;

  constructor(
    private readonly teamNumber: string,
    private readonly now: () => number,
  ) {}

  mintTrigger(userId: string): string {
    this.counter++;
    const id = `${Math.floor(this.now() / 1000)}${String(this.counter).padStart(3, '0')}.${this.teamNumber}.${randomHex(16)}`;
    this.triggers.set(id, { userId, mintedAt: this.now(), used: false });
    return id;
  }

  /**
   * Exchanges a trigger_id. Unknown → invalid_trigger_id; already exchanged → exchanged_trigger_id (Slack's documented
   * code for reuse); older than 3 s → expired_trigger_id.
   */
  exchangeTrigger(id: string): TriggerCheck {
    const trigger = this.triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.mintedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, userId: trigger.userId };
  }

  mintResponseUrl(context: ResponseUrlContext): ResponseUrlRecord {
    this.counter++;
    const id = `${String(this.counter).padStart(6, '0')}${randomHex(8)}`;
    const record: ResponseUrlRecord = { id, context: { ...context }, mintedAt: this.now(), uses: 0 };
    this.responseUrls.set(id, record);
    return record;
  }

  responseUrl(id: string): ResponseUrlRecord | undefined {
    return this.responseUrls.get(id);
  }

  record(id: string, status: number, body: JsonObject, error?: string, messages?: string[]): void {
    const entry: RecordedResponse = { id, at: this.now(), status, body };
    if (error !== undefined) entry.error = error;
    if (messages !== undefined) entry.messages = messages;
    this.posted.push(entry);
  }

  responses(id?: string): RecordedResponse[] {
    return id === undefined ? this.posted : this.posted.filter((r) => r.id === id);
  }

  clear(): void {
    this.triggers.clear();
    this.responseUrls.clear();
    this.posted.length = 0;
  }
}
