import type { PairRepository } from '../db/repositories/pairs.js';
import type { PauseRepository } from '../db/repositories/pauses.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import { type OutboxRow, WAITING_FOR_PAUSE, WAITING_FOR_WINDOW } from '../domain/outbox.js';
import { duringPause, isToAParticipant } from '../domain/pause-gate.js';
import { deliverNowOrAt, type Someone, type WeeklyHours } from '../domain/windows.js';
import type { AlertService } from './alerts.js';
import type { Clock } from './ports.js';

export interface DeliveryGateDeps {
  alerts: Pick<AlertService, 'stillWanted'>;
  pauses: PauseRepository;
  pairs: PairRepository;
  people: Pick<PeopleRepository, 'getMany'>;
  profiles: Pick<ProfileRepository, 'hoursOf'>;
  /** For people who gave no working hours (DELIVERY_HOURS). */
  defaultHours: WeeklyHours;
  clock: Clock;
}

/** Send it, drop it, or hold it back until a moment (and say why). */
export type GateDecision = 'send' | 'cancel' | { waitUntil: Date; reason: string };

/**
 * Asked by the outbox sender just before each message goes out, because things change between queueing and
 * sending: a note's owner may no longer be one (it goes to another owner); someone it would reach may have
 * started a break (it waits, or is dropped when its moment is gone — see domain/pause-gate.ts); and a message
 * to participants only goes inside their delivery windows — a launch at 04:00 Chicago, a retry in the night,
 * the end of a pause at midnight all wait for a moment inside every recipient's working day (domain/windows.ts).
 */
export class DeliveryGate {
  constructor(private readonly deps: DeliveryGateDeps) {}

  decide(row: OutboxRow): GateDecision {
    if (!this.deps.alerts.stillWanted(row)) return 'cancel';
    const ids = this.recipients(row);
    if (ids.length === 0 || !isToAParticipant(row.kind)) return 'send';
    const now = this.deps.clock();
    const pause = duringPause(row.kind, [...this.deps.pauses.getMany(ids).values()], now);
    if (pause !== 'send')
      return pause === 'cancel' ? 'cancel' : { waitUntil: pause, reason: WAITING_FOR_PAUSE };
    const window = deliverNowOrAt(now, this.someone(ids));
    return window === 'now' ? 'send' : { waitUntil: window, reason: WAITING_FOR_WINDOW };
  }

  /** Each recipient's clock (UTC when Slack never told us) and the hours a DM may reach them. */
  private someone(ids: readonly string[]): Someone[] {
    const people = this.deps.people.getMany(ids);
    const hours = this.deps.profiles.hoursOf(ids);
    return ids.map((id) => {
      const person = people.get(id);
      return {
        clock: { timeZone: person?.timeZone ?? null, offsetMinutes: person?.tzOffsetMinutes ?? 0 },
        hours: hours.get(id) ?? this.deps.defaultHours,
      };
    });
  }

  /** The people a row reaches: its one person, or the two of its pair; a channel is nobody's in particular. */
  private recipients(row: OutboxRow): string[] {
    if (row.target.kind === 'user') return [row.target.userId];
    if (row.target.kind === 'channel') return [];
    const pair = this.deps.pairs.members(row.target.pairId);
    return pair ? [pair.mentorId, pair.menteeId] : [];
  }
}
