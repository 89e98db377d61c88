import type { Logger } from '@slack/logger';
import { whileBusy } from '../db/busy.js';
import type { LeaseRepository } from '../db/repositories/leases.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { MAX_DELIVERY_ATTEMPTS, type OutboxKind, type OutboxRow, retryDelayMs } from '../domain/outbox.js';
import { CATCH_UP_MS } from '../domain/schedule.js';
import { postToChannel } from './channel-post.js';
import type { GateDecision } from './delivery-gate.js';
import { withLease } from './leases.js';
import { type Clock, type PostedMessage, SlackCallError, type SlackPort } from './ports.js';
import type { RatePacer } from './rate-pacer.js';

export const SENDER_LEASE = 'outbox-sender';
const LEASE_TTL_MS = 60_000;
/** The lease is renewed this often while a run lasts, however long one send takes (429 waits, retries). */
const HEARTBEAT_MS = 15_000;
/**
 * How long a claim holds without a heartbeat. Every heartbeat pushes the claims of a live sender forward, so
 * this only ever runs out for a sender that died or hung — then its rows go to the next sender.
 */
const CLAIM_MS = 2 * 60_000;

/** Weekly messages that only make sense around their moment: a failed one isn't retried days later. */
const TIME_BOUND_KINDS: ReadonlySet<OutboxKind> = new Set(['prompt', 'checkin', 'reminder', 'fit-check']);

/** Thrown when a claimed row was cancelled (or taken over) before its turn came: it is not sent. */
class NoLongerOurs extends Error {}

export interface DeliveryHooks {
  /** Delivers payloads that aren't plain messages (cohort summaries with their chart). */
  deliverSpecial?(row: OutboxRow): Promise<PostedMessage>;
  /** Told about each delivery that failed for good, after the row is marked failed. */
  failed?(row: OutboxRow, error: SlackCallError): Promise<void>;
  /**
   * Asked just before a row goes out whether it still should: 'send'; 'cancel' (a note whose owner was removed
   * meanwhile goes elsewhere instead; a weekly prompt to someone now on a break); or a time to hold it back
   * until, and why (someone's break hasn't ended; it is night or the weekend where a recipient is).
   */
  beforeSend?(row: OutboxRow): GateDecision;
}

export interface SenderDeps {
  outbox: OutboxRepository;
  pairs: PairRepository;
  leases: LeaseRepository;
  slack: SlackPort;
  pacer: RatePacer;
  /** Business time ("now" for the tick): decides which rows are ready. */
  clock: Clock;
  /** Real time, for leases: they are about live processes, whatever "now" a tick is playing. */
  holder: string;
  logger: Logger;
  hooks?: DeliveryHooks;
  /**
   * Messages in flight at once (default 1). One at a time is deliberate: a process killed mid-send can only
   * leave one message in doubt, and Slack's per-workspace ceiling (a few hundred a minute) is reached with
   * one request at a time at ordinary latencies anyway.
   */
  concurrency?: number;
}

export interface DrainReport {
  /** False when another process held the sender lease, so this call sent nothing. */
  ran: boolean;
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Delivers the outbox: claims ready rows, sends each once, and records what Slack answered. One sender at a
 * time across processes (a database lease); within it, rows are claimed atomically and marked sent with
 * Slack's ts as soon as Slack answers.
 */
export class OutboxSender {
  private stopping = false;
  private draining: Promise<DrainReport> | null = null;
  /** The sender lease's epoch for the run in progress: every claim and every result is recorded under it. */
  private epoch = 0;

  constructor(private readonly deps: SenderDeps) {}

  /** Sends everything that is ready now. Concurrent calls in one process share the same run. */
  drain(): Promise<DrainReport> {
    this.draining ??= this.run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /**
   * Puts a cohort's failed deliveries back in the queue (an owner pressed "Retry"). Only what still makes
   * sense goes again: nothing for a pair that has ended, and no weekly message whose moment has passed.
   */
  retryFailed(cohortId: number): number {
    const now = this.deps.clock().getTime();
    const failed = this.deps.outbox.list({ cohortId, states: ['failed'] }).filter((row) => {
      if (
        row.pairId !== null &&
        this.deps.pairs.get(row.pairId)?.state !== 'active' &&
        row.kind !== 'summary'
      ) {
        return row.kind === 'thanks' || row.kind === 'survey';
      }
      return !TIME_BOUND_KINDS.has(row.kind) || now - row.createdAt.getTime() < CATCH_UP_MS;
    });
    return this.deps.outbox.retryFailed(
      failed.map((r) => r.id),
      this.deps.clock(),
    );
  }

  /** Graceful shutdown: finish the sends in flight, put claimed-but-unsent rows back, release the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.draining?.catch(() => undefined);
  }

  private async run(): Promise<DrainReport> {
    const report: DrainReport = { ran: false, sent: 0, failed: 0, retrying: 0 };
    if (this.stopping) return report;
    const { outbox, holder } = this.deps;
    // The heartbeat renews the lease and keeps this run's claims alive, however long one send takes (a 429's
    // wait, retries): another process can take neither while we are alive, whatever its clock says.
    const outcome = await withLease(
      { leases: this.deps.leases, holder, logger: this.deps.logger },
      SENDER_LEASE,
      {
        ttlMs: LEASE_TTL_MS,
        heartbeatMs: HEARTBEAT_MS,
        onRenewed: (epoch) => outbox.extendClaims(epoch, CLAIM_MS),
      },
      async (lease) => {
        this.epoch = lease.epoch;
        report.ran = true;
        const abandoned = outbox.releaseAbandoned(lease.tookOverFrom);
        if (abandoned > 0)
          this.deps.logger.warn(`Resuming ${abandoned} message(s) a stopped sender left unfinished`);
        const claimSize = Math.max(1, this.deps.concurrency ?? 1);
        while (!this.stopping && !lease.lost) {
          // Claimed just in time, a few at a time: a cancellation or a shutdown never finds a long queue of
          // rows this process has taken but not yet sent.
          const rows = outbox.claimReady(
            { now: this.deps.clock(), lease: SENDER_LEASE, holder, epoch: lease.epoch, claimMs: CLAIM_MS },
            claimSize,
          );
          if (rows.length === 0) break;
          await this.sendAll(rows, report);
        }
      },
    );
    return outcome.ran ? report : { ...report, ran: false };
  }

  private async sendAll(rows: OutboxRow[], report: DrainReport): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        if (this.stopping) {
          await whileBusy(() => this.deps.outbox.release(row.id, this.epoch));
          continue;
        }
        await this.sendOne(row, report);
      }
    };
    const workers = Math.max(1, Math.min(this.deps.concurrency ?? 1, rows.length));
    await Promise.all(Array.from({ length: workers }, worker));
  }

  private async sendOne(row: OutboxRow, report: DrainReport): Promise<void> {
    let posted: PostedMessage;
    try {
      const decision = this.deps.hooks?.beforeSend?.(row) ?? 'send';
      if (decision === 'cancel') {
        this.deps.outbox.cancel(row.id);
        return;
      }
      if (decision !== 'send') {
        // Held back, not failed: the attempt doesn't count, and the reason is recorded on the row.
        await whileBusy(() =>
          this.deps.outbox.retryLater(row.id, this.epoch, decision.reason, decision.waitUntil, false),
        );
        return;
      }
      posted = await this.deliver(row);
    } catch (error) {
      if (error instanceof NoLongerOurs) return;
      await this.recordFailure(row, error, report);
      return;
    }
    report.sent += 1;
    // Slack has it. Recording that must not fail for a busy database, or the row would be sent again: the
    // write is retried (off the request path, without blocking the event loop) until it goes through.
    try {
      const recorded = await whileBusy(() =>
        this.deps.outbox.markSent(row.id, this.epoch, posted.channel, posted.ts, this.deps.clock()),
      );
      if (!recorded) this.deps.logger.warn(`Outbox row ${row.id} was cancelled while it was being sent`);
    } catch (error) {
      this.deps.logger.error(`Delivered outbox row ${row.id} but could not record it`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Just before the request goes out: is the row still ours to send (not cancelled, not taken over)? */
  private checkStillOurs(row: OutboxRow): void {
    if (!this.deps.outbox.isClaimedBy(row.id, this.epoch)) throw new NoLongerOurs();
  }

  private async deliver(row: OutboxRow): Promise<PostedMessage> {
    // Purging cancels what is unsent, so this only happens if a row was purged mid-claim: nothing to send.
    if (row.payload.type === 'purged') throw new SlackCallError('deliver', 'payload_purged', 'platform');
    if (row.payload.type === 'unreadable') {
      this.deps.logger.error(`Outbox row ${row.id} (${row.dedupeKey}) has a payload that can't be read`);
      throw new SlackCallError('deliver', 'payload_unreadable', 'platform');
    }
    if (row.payload.type !== 'message') {
      if (!this.deps.hooks?.deliverSpecial) throw new Error(`No delivery for ${row.payload.type} payloads`);
      this.checkStillOurs(row);
      return this.deps.hooks.deliverSpecial(row);
    }
    const channel = await this.resolveChannel(row);
    await this.deps.pacer.waitTurn(channel);
    this.checkStillOurs(row);
    const message = {
      channel,
      text: row.payload.text,
      ...(row.payload.blocks ? { blocks: row.payload.blocks } : {}),
    };
    return row.target.kind === 'channel'
      ? postToChannel(this.deps.slack, message)
      : this.deps.slack.postMessage(message);
  }

  /** DMs go straight to the user id; a pair's group DM is opened once and its id stored on the pair. */
  private async resolveChannel(row: OutboxRow): Promise<string> {
    const target = row.target;
    if (target.kind === 'user') return target.userId;
    if (target.kind === 'channel') return target.channelId;
    const pair = this.deps.pairs.members(target.pairId);
    if (!pair) throw new SlackCallError('conversations.open', 'pair_not_found', 'platform');
    if (pair.groupDmChannelId) return pair.groupDmChannelId;
    const opened = await this.deps.slack.openGroupConversation([pair.mentorId, pair.menteeId]);
    return this.deps.pairs.setGroupDm(target.pairId, opened);
  }

  private async recordFailure(row: OutboxRow, error: unknown, report: DrainReport): Promise<void> {
    const { outbox, clock, logger } = this.deps;
    const failure =
      error instanceof SlackCallError ? error : new SlackCallError('deliver', 'internal_error', 'network');
    if (!(error instanceof SlackCallError)) logger.error(`Delivering outbox row ${row.id} failed`, error);
    const now = clock();
    if (failure.kind === 'rate_limited') {
      const seconds = failure.retryAfterSeconds ?? 30;
      this.deps.pacer.backOff(seconds);
      await whileBusy(() =>
        outbox.retryLater(row.id, this.epoch, failure.code, new Date(now.getTime() + seconds * 1000), false),
      );
      report.retrying += 1;
      return;
    }
    const attempts = row.attempts + 1;
    if (!failure.permanent && attempts < MAX_DELIVERY_ATTEMPTS) {
      await whileBusy(() =>
        outbox.retryLater(
          row.id,
          this.epoch,
          failure.code,
          new Date(now.getTime() + retryDelayMs(attempts)),
          true,
        ),
      );
      report.retrying += 1;
      return;
    }
    await whileBusy(() => outbox.markFailed(row.id, this.epoch, failure.code));
    report.failed += 1;
    logger.warn(`Gave up delivering ${row.kind} (${row.dedupeKey})`, { code: failure.code });
    try {
      await this.deps.hooks?.failed?.(row, failure);
    } catch (hookError) {
      logger.error('Handling a failed delivery went wrong', hookError);
    }
  }
}
