import type { Logger } from '@slack/logger';
import cron from 'node-cron';
import type { ProcessedEventRepository } from '../db/repositories/processed-events.js';
import type { Clock } from '../services/ports.js';
import type { TickService } from '../services/tick.js';

// Every cron schedule the bot runs, in one place.

/** Daily housekeeping, at a quiet minute rather than on the hour when everyone's crons fire. */
export const HOUSEKEEPING_SCHEDULE = '17 3 * * *';
/** Slack redelivers an event for about five minutes; a day of remembered event ids is plenty. */
const PROCESSED_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface ScheduleDeps {
  tickSchedule: string;
  tick: TickService;
  processedEvents: ProcessedEventRepository;
  clock: Clock;
  logger: Logger;
}

export interface RunningSchedules {
  /** No new ticks from now on (a tick in progress carries on). */
  pause(): Promise<void>;
  /** Stops scheduling and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

export function startSchedules(deps: ScheduleDeps): RunningSchedules {
  let inFlight: Promise<unknown> = Promise.resolve();
  const runTick = async () => {
    const running = deps.tick.tick().then(
      (report) => {
        if (report.ran && (report.queued > 0 || (report.delivery?.sent ?? 0) > 0)) {
          deps.logger.info('Tick', {
            queued: report.queued,
            sent: report.delivery?.sent ?? 0,
            failed: report.delivery?.failed ?? 0,
          });
        }
      },
      (error: unknown) => deps.logger.error('Tick failed; the next one will pick up where it stopped', error),
    );
    inFlight = running;
    await running;
  };
  // noOverlap: a slow tick (a big fan-out under rate limits) is never run twice at once in this process;
  // the database lease covers other processes.
  const tick = cron.schedule(deps.tickSchedule, runTick, { name: 'tick', noOverlap: true });
  const housekeeping = cron.schedule(
    HOUSEKEEPING_SCHEDULE,
    () => deps.processedEvents.forgetBefore(new Date(deps.clock().getTime() - PROCESSED_EVENT_RETENTION_MS)),
    { name: 'housekeeping', noOverlap: true },
  );
  return {
    async pause() {
      await tick.stop();
      await housekeeping.stop();
    },
    async stop() {
      await tick.stop();
      await housekeeping.stop();
      await inFlight;
    },
  };
}
