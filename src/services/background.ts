import { performance } from 'node:perf_hooks';
import type { Logger } from '@slack/logger';

/** Deferred work runs this many at a time. */
const LATER_CONCURRENCY = 2;
/** While the event loop is busier than this (share of time not idle), deferred work waits… */
const BUSY_UTILIZATION = 0.85;
/** …checking again this often… */
const BUSY_RECHECK_MS = 50;
/** …but never longer than this: a crowd that lasts still gets its confirmations, half a minute late at worst. */
const MAX_HOLD_MS = 30_000;

interface Deferred {
  label: string;
  work: () => Promise<unknown>;
  queuedAt: number;
  done: () => void;
}

/**
 * Work a listener starts after acknowledging Slack (a confirmation DM, a Home refresh). Tracking it lets a
 * graceful shutdown wait for it, and lets tests wait for "everything the last click caused" instead of sleeping.
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly deferred: Deferred[] = [];
  private runningLater = 0;
  private recheck: NodeJS.Timeout | null = null;
  private utilization = performance.eventLoopUtilization();
  private utilizationAt = performance.now();
  private busy = false;

  constructor(private readonly logger: Logger) {}

  run(label: string, work: () => Promise<unknown>): void {
    this.track(this.guarded(label, work));
  }

  /**
   * Work nobody is waiting on with a deadline (the DM confirming a saved form, a profile refresh): run a couple
   * at a time, and held back while the process is busy answering requests, so that when a crowd arrives every
   * ack — which Slack times out after 3 s — comes before the follow-ups, which can arrive a few seconds late.
   * Never held more than MAX_HOLD_MS. Not durable: like `run`, it is lost if the process dies first.
   */
  later(label: string, work: () => Promise<unknown>): void {
    this.track(
      new Promise<void>((done) => {
        this.deferred.push({ label, work, queuedAt: performance.now(), done });
        this.pump();
      }),
    );
  }

  /** Follows a promise someone else awaits (a listener still running after its ack). */
  track(work: Promise<unknown>): void {
    const task = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  /** Resolves once nothing is running, including work started by work that was running. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  private async guarded(label: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Background work "${label}" failed`, error);
    }
  }

  private pump(): void {
    if (this.recheck) return;
    while (this.runningLater < LATER_CONCURRENCY && this.deferred.length > 0) {
      const next = this.deferred[0]!;
      if (this.isBusy() && performance.now() - next.queuedAt < MAX_HOLD_MS) {
        this.recheck = setTimeout(() => {
          this.recheck = null;
          this.pump();
        }, BUSY_RECHECK_MS);
        return;
      }
      this.deferred.shift();
      this.runningLater++;
      void this.guarded(next.label, next.work).finally(() => {
        this.runningLater--;
        next.done();
        this.pump();
      });
    }
  }

  /** Whether the event loop was mostly busy since the last look (looked at no more often than the recheck). */
  private isBusy(): boolean {
    const now = performance.now();
    if (now - this.utilizationAt >= BUSY_RECHECK_MS) {
      const since = performance.eventLoopUtilization(this.utilization);
      this.utilization = performance.eventLoopUtilization();
      this.utilizationAt = now;
      this.busy = since.utilization > BUSY_UTILIZATION;
    }
    return this.busy;
  }
}
