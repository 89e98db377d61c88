import type { PairRepository } from '../db/repositories/pairs.js';
import type { PauseRepository } from '../db/repositories/pauses.js';
import type { OutboxRow } from '../domain/outbox.js';
import { duringPause, type PauseDecision } from '../domain/pause-gate.js';
import type { AlertService } from './alerts.js';
import type { Clock } from './ports.js';

export interface DeliveryGateDeps {
  alerts: Pick<AlertService, 'stillWanted'>;
  pauses: PauseRepository;
  pairs: PairRepository;
  clock: Clock;
}

/**
 * Asked by the outbox sender just before each message goes out, because things change between queueing and
 * sending: a note's owner may no longer be one (it goes to another owner), and someone it would reach may have
 * started a break (it waits, or is dropped when its moment is gone — see domain/pause-gate.ts).
 */
export class DeliveryGate {
  constructor(private readonly deps: DeliveryGateDeps) {}

  decide(row: OutboxRow): PauseDecision {
    if (!this.deps.alerts.stillWanted(row)) return 'cancel';
    const people = this.recipients(row);
    if (people.length === 0) return 'send';
    const pauses = [...this.deps.pauses.getMany(people).values()];
    return duringPause(row.kind, pauses, this.deps.clock());
  }

  /** The people a row reaches: its one person, or the two of its pair; a channel is nobody's in particular. */
  private recipients(row: OutboxRow): string[] {
    if (row.target.kind === 'user') return [row.target.userId];
    if (row.target.kind === 'channel') return [];
    const pair = this.deps.pairs.members(row.target.pairId);
    return pair ? [pair.mentorId, pair.menteeId] : [];
  }
}
