import type { Logger } from '@slack/logger';

/**
 * Work a listener starts after acknowledging Slack (a confirmation DM, a Home refresh). Tracking it lets a
 * graceful shutdown wait for it, and lets tests wait for "everything the last click caused" instead of sleeping.
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(label: string, work: () => Promise<unknown>): void {
    this.track(
      (async () => {
        try {
          await work();
        } catch (error) {
          this.logger.error(`Background work "${label}" failed`, error);
        }
      })(),
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
}
