import type { KnownBlock } from '@slack/types';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { HeldAlertRepository } from '../db/repositories/held-alerts.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { isPausedAt, type PauseRepository } from '../db/repositories/pauses.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import type { Cohort } from '../domain/cohort.js';
import { partnerOf } from '../domain/pair.js';
import { heldNoteLine } from '../slack/views/held-notes.js';
import { type CohortCard, type HomeModel, homeView, type ParticipantHome } from '../slack/views/home.js';
import type { OwnerService } from './owners.js';
import type { Clock, SlackPort } from './ports.js';

export interface HomeDeps {
  people: PeopleRepository;
  profiles: ProfileRepository;
  cohorts: CohortRepository;
  pairs: PairRepository;
  pauses: PauseRepository;
  outbox: OutboxRepository;
  heldAlerts: HeldAlertRepository;
  owners: OwnerService;
  slack: SlackPort;
  clock: Clock;
  /** Extra dashboard blocks for a running cohort (meeting rates, people at risk), for one owner. */
  dashboard?: (cohort: Cohort, viewerId: string) => KnownBlock[];
}

export interface PublishOptions {
  /** Publish even to someone who never opened the tab (or no longer counts as having: they left). */
  evenIfNeverOpened?: boolean;
}

/** A publish under way for one person, and whether another was asked for while it ran. */
interface InFlight {
  again: boolean;
  done: Promise<void>;
}

/** Builds and publishes the App Home tab: the person's own view, plus the owners' tools for owners. */
export class HomeService {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly deps: HomeDeps) {}

  /** Someone opened the Home tab: remember it (later changes are published to them) and show it fresh. */
  async opened(userId: string): Promise<void> {
    this.deps.people.markHomeOpened(userId, this.deps.clock());
    await this.publish(userId);
  }

  /**
   * Publishes the person's tab as it is now. Skipped for someone who never opened it: opening it publishes
   * a fresh one anyway, and after an announcement hundreds who never look at it save the form at once.
   * At most one publish per person is in flight; those asked for meanwhile become a single re-run after it
   * (so the latest state wins) and resolve with it.
   */
  async publish(userId: string, options: PublishOptions = {}): Promise<void> {
    if (!options.evenIfNeverOpened && !this.deps.people.hasOpenedHome(userId)) return;
    const running = this.inFlight.get(userId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry: InFlight = { again: false, done: Promise.resolve() };
    this.inFlight.set(userId, entry);
    entry.done = this.publishUntilCurrent(userId, entry);
    return entry.done;
  }

  private async publishUntilCurrent(userId: string, entry: InFlight): Promise<void> {
    try {
      do {
        entry.again = false;
        await this.deps.slack.publishHome(userId, homeView(this.model(userId)));
      } while (entry.again);
    } finally {
      this.inFlight.delete(userId);
    }
  }

  model(userId: string): HomeModel {
    return {
      participant: this.participant(userId),
      owner: this.deps.owners.isOwner(userId) ? this.owner(userId) : null,
    };
  }

  private participant(userId: string): ParticipantHome {
    const now = this.deps.clock();
    const profile = this.deps.profiles.get(userId);
    const cohort = this.deps.cohorts.openCohortOf(userId);
    const active = cohort ? this.deps.pairs.pairsOf(userId, cohort.id, ['active']) : [];
    const pause = this.deps.pauses.get(userId);
    return {
      profile,
      cohort,
      partners: active.map((pair) => partnerOf(pair, userId)!),
      role: active[0] ? (active[0].mentorId === userId ? 'mentor' : 'mentee') : null,
      timeZone: this.deps.people.get(userId)?.timeZone ?? 'UTC',
      pausedUntil: isPausedAt(pause, now) ? (pause?.until ?? 'indefinitely') : null,
      enrolling: cohort ? [] : this.deps.cohorts.list(['enrolling']).reverse(),
      // Only the person's own notes, so they can see that theirs wait rather than wonder.
      heldNotes: this.deps.heldAlerts
        .raisedBy(userId)
        .map((note) => heldNoteLine(note.dedupeKey.split(':')[0]!)),
    };
  }

  private owner(viewerId: string) {
    // Running cohorts, plus the most recent finished ones: enough for the tab, bounded however old the program.
    const all = this.deps.cohorts.list();
    const cohorts = [
      ...all.filter((c) => c.state === 'enrolling' || c.state === 'matched' || c.state === 'active'),
      ...all.filter((c) => c.state === 'completed' || c.state === 'cancelled').slice(0, 12),
    ];
    const counts = this.deps.cohorts.countEnrolments(cohorts.map((c) => c.id));
    const ownerIds = this.deps.owners.allOwnerIds();
    const cards: CohortCard[] = cohorts.map((cohort) => {
      const pairs = this.deps.pairs.list(cohort.id, ['draft', 'active']);
      const enrolled = counts.get(cohort.id) ?? 0;
      const paired = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
      return {
        cohort,
        enrolled,
        pairs: pairs.length,
        unmatched: cohort.state === 'enrolling' ? 0 : Math.max(0, enrolled - paired.size),
        failedDeliveries: this.deps.outbox.list({ cohortId: cohort.id, states: ['failed'] }).length,
        // Structural, not about any note: a pair whose members are all the owners there are has nobody to
        // take its private requests, whether or not anyone ever makes one.
        pairsWithoutOutsideOwner:
          cohort.state === 'active'
            ? pairs.filter(
                (p) => p.state === 'active' && ownerIds.every((o) => o === p.mentorId || o === p.menteeId),
              ).length
            : 0,
        ...(cohort.state === 'active' && this.deps.dashboard
          ? { details: this.deps.dashboard(cohort, viewerId) }
          : {}),
      };
    });
    const { configured, added } = this.deps.owners.list();
    return { cohorts: cards, configuredOwners: configured, addedOwners: added.map((o) => o.userId) };
  }
}
