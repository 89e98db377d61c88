import type { Logger } from '@slack/logger';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { LeaseRepository } from '../db/repositories/leases.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import { isPausedAt, type PauseRepository } from '../db/repositories/pauses.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import { type Cohort, cycleCount, enrolmentHasClosed } from '../domain/cohort.js';
import { renderStep, stepForCycle } from '../domain/curriculum/index.js';
import { dedupeKey, type OutboxDraft } from '../domain/outbox.js';
import { type Pair, partnerOf } from '../domain/pair.js';
import { PERSON_REFRESH_INTERVAL_MS } from '../domain/people.js';
import {
  type DueWork,
  decideDueWork,
  type PairHistory,
  type SchedulePair,
  type SchedulePerson,
  UNRESPONSIVE_CYCLES,
} from '../domain/schedule.js';
import { localDate } from '../domain/time.js';
import {
  type LocalClock,
  meetingSuggestion,
  type WeeklyHours,
  workingHours,
  zoneLabel,
} from '../domain/windows.js';
import { escapeMrkdwn } from '../slack/views/blocks.js';
import { draftReadyMessage, quietPairNote } from '../slack/views/owner-messages.js';
import {
  checkinMessage,
  promptMessage,
  reminderMessage,
  thanksMessage,
} from '../slack/views/schedule-messages.js';
import type { AlertService } from './alerts.js';
import type { CohortService } from './cohorts.js';
import { withLease } from './leases.js';
import type { DrainReport, OutboxSender } from './outbox-sender.js';
import { type Clock, SlackCallError, type SlackPort } from './ports.js';

export const TICK_LEASE = 'tick';
const TICK_LEASE_TTL_MS = 60_000;
const TICK_HEARTBEAT_MS = 15_000;
/** users.info is Tier 4 (100+ a minute): a bounded batch per tick keeps us well inside it. */
const REFRESH_BATCH = 50;

export interface TickDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  /** Working hours people gave: their prompts and check-ins land inside them. */
  profiles: Pick<ProfileRepository, 'hoursOf'>;
  /** …and everyone else's messages inside these (DELIVERY_HOURS). */
  defaultHours: WeeklyHours;
  pauses: PauseRepository;
  checkins: CheckinRepository;
  flags: FlagRepository;
  outbox: OutboxRepository;
  leases: LeaseRepository;
  cohortService: CohortService;
  alerts: AlertService;
  sender: OutboxSender;
  slack: SlackPort;
  clock: Clock;
  holder: string;
  logger: Logger;
  transaction: <T>(work: () => T) => T;
  /** Days a finished outbox row keeps its payload (OUTBOX_RETENTION_DAYS). */
  retentionDays: number;
  /** Someone's account is gone for good: their pairs end kindly and owners can rematch (PairLifeService). */
  personGone?: (userId: string) => void;
  /** Feedback owns the due work this service doesn't: fit checks, surveys, summaries, survey reminders. */
  feedback?: {
    dueWork(due: DueWork, context: { cohort: Cohort; pair: Pair | null }): OutboxDraft[];
    surveyReminders(): OutboxDraft[];
  };
}

export interface TickReport {
  /** False when another process was already ticking. */
  ran: boolean;
  refreshed: number;
  matched: number;
  queued: number;
  completed: number;
  delivery: DrainReport | null;
  /** Finished outbox rows whose payload passed the retention period and was purged in this tick. */
  purged: number;
}

/**
 * One tick: refresh stale time zones, match cohorts whose enrolment closed, decide what is due (a pure
 * function), write it to the outbox, complete finished cohorts, then deliver. Safe to run from two processes
 * at once (a database lease) and after a crash at any point (the outbox keys and states carry the truth).
 */
export class TickService {
  constructor(private readonly deps: TickDeps) {}

  async tick(): Promise<TickReport> {
    const report: TickReport = {
      ran: false,
      refreshed: 0,
      matched: 0,
      queued: 0,
      completed: 0,
      delivery: null,
      purged: 0,
    };
    // Renewed by a heartbeat for as long as the tick runs — a fan-out at Slack's pace can take half an hour.
    await withLease(
      { leases: this.deps.leases, holder: this.deps.holder, logger: this.deps.logger },
      TICK_LEASE,
      { ttlMs: TICK_LEASE_TTL_MS, heartbeatMs: TICK_HEARTBEAT_MS },
      async () => {
        report.ran = true;
        // Every step on its own: one that fails (a damaged record, a busy database) is logged and the others
        // still run, so prompts keep going out while the broken part waits to be mended.
        report.refreshed = (await this.step('refresh people', () => this.refreshPeople())) ?? 0;
        this.step('end pairs of deactivated people', () => this.endPairsOfGonePeople());
        report.matched = this.step('match closed cohorts', () => this.matchClosedCohorts()) ?? 0;
        // Notes that had no owner to go to: an owner may have been added (or PROGRAM_OWNERS changed) since.
        this.step('release held notes', () => this.deps.alerts.releaseHeld());
        const queued = this.step('queue due work', () => this.queueDueWork());
        report.queued = queued?.queued ?? 0;
        report.completed = queued?.completed ?? 0;
        report.delivery = (await this.step('deliver', () => this.deps.sender.drain())) ?? null;
        report.purged = this.step('purge old payloads', () => this.purgeOldPayloads()) ?? 0;
      },
    );
    return report;
  }

  /** Runs one step of the tick; a failure is logged with the step's name and the tick goes on. */
  private step<T>(label: string, work: () => T): T | null;
  private step<T>(label: string, work: () => Promise<T>): Promise<T | null>;
  private step<T>(label: string, work: () => T | Promise<T>): T | null | Promise<T | null> {
    const failed = (error: unknown) => {
      this.deps.logger.error(`Tick step "${label}" failed; the rest of the tick carries on`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    };
    try {
      const result = work();
      return result instanceof Promise ? result.catch(failed) : result;
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * Ends the running pairs of people recorded as deactivated. The state decides, not the moment it was
   * noticed: however the deactivation was seen, and whatever failed right after, the next tick ends the pair.
   */
  private endPairsOfGonePeople(): void {
    for (const userId of this.deps.pairs.inactiveMembersOfActivePairs()) {
      this.isolated(null, null, () => this.deps.personGone?.(userId));
    }
  }

  /** Names, time zones and deactivations from users.info, for people whose cached copy is a day old. */
  private async refreshPeople(): Promise<number> {
    const now = this.deps.clock();
    const stale = this.deps.people.staleInOpenCohorts(
      new Date(now.getTime() - PERSON_REFRESH_INTERVAL_MS),
      REFRESH_BATCH,
    );
    let refreshed = 0;
    for (const userId of stale) {
      try {
        const user = await this.deps.slack.userInfo(userId);
        const person = this.deps.people.get(userId);
        this.deps.people.recordSlackProfile({
          id: userId,
          displayName: user.displayName || person?.displayName || userId,
          timeZone: user.timeZone,
          tzOffsetMinutes: user.tzOffsetMinutes,
          active: !user.deleted,
          profileCheckedAt: now,
        });
        if (user.deleted && person?.active) this.deps.logger.info(`Marked ${userId} inactive (deactivated)`);
        refreshed += 1;
      } catch (error) {
        if (error instanceof SlackCallError && error.code === 'user_not_found') {
          if (this.deps.people.markInactive(userId))
            this.deps.logger.info(`Marked ${userId} inactive (user_not_found)`);
          continue;
        }
        // Rate limits or a network blip: keep the cached values and try again next tick.
        this.deps.logger.warn('Could not refresh a person from users.info', { userId, error: String(error) });
        break;
      }
    }
    return refreshed;
  }

  /** Retention: messages finished long enough ago keep their row but no longer what they said. */
  private purgeOldPayloads(): number {
    const now = this.deps.clock();
    const cutoff = new Date(now.getTime() - this.deps.retentionDays * 86_400_000);
    return this.deps.outbox.purgeFinishedBefore(cutoff, now);
  }

  /** Enrolment closed: propose the pairs and ask the owners to review them. Nothing goes to participants. */
  private matchClosedCohorts(): number {
    let matched = 0;
    for (const cohort of this.deps.cohorts.list(['enrolling'])) {
      // Each cohort on its own: one with a date nothing can read must not keep the others from matching.
      if (this.isolated(cohort, null, () => this.matchIfClosed(cohort))) matched += 1;
    }
    return matched;
  }

  private matchIfClosed(cohort: Cohort): boolean {
    // "Closes on the 30th" means the end of the 30th where the owner who set it lives.
    const today = localDate(this.deps.clock(), this.deps.people.get(cohort.createdBy)?.timeZone ?? 'UTC');
    if (!enrolmentHasClosed(cohort, today)) return false;
    const result = this.deps.cohortService.match(null, cohort.id);
    if (!result.ok) return false;
    const message = draftReadyMessage(
      cohort.id,
      cohort.name,
      result.value.pairs.length,
      result.value.unmatched.length,
    );
    this.deps.alerts.notifyOwners(
      dedupeKey('draft-ready', `c${cohort.id}`),
      'Draft pairs ready',
      message.text,
      {
        cohortId: cohort.id,
        message,
      },
    );
    return true;
  }

  /**
   * Decides and queues what is due. Each cohort is decided on its own, and within a cohort a pair that can't
   * be scheduled (a broken record, a prompt a release removed) is set aside on its own: it is logged with its
   * ids, owners are told once, and every other pair and cohort still gets its messages.
   */
  private queueDueWork(): { queued: number; completed: number } {
    const now = this.deps.clock();
    let queued =
      this.isolated(null, null, () =>
        // Survey reminders outlive their (completed) cohort.
        this.deps.outbox.enqueue(this.deps.feedback?.surveyReminders() ?? [], now),
      ) ?? 0;
    let completed = 0;
    for (const cohort of this.deps.cohorts.list(['active'])) {
      const result = this.isolated(cohort, null, () => this.queueCohort(cohort, now));
      if (!result) continue;
      queued += result.queued;
      if (result.complete && this.isolated(cohort, null, () => this.complete(cohort, now)) !== null)
        completed += 1;
    }
    return { queued, completed };
  }

  /** One cohort's due work, pair by pair when deciding the whole cohort at once fails. */
  private queueCohort(cohort: Cohort, now: Date): { queued: number; complete: boolean } {
    const pairs = this.deps.pairs.list(cohort.id, ['active']);
    const people = this.schedulePeople(pairs, now);
    const history = this.histories(pairs);
    const decide = (some: readonly Pair[]) =>
      decideDueWork({
        now,
        cohorts: [{ ...cohort, launchedAt: cohort.launchedAt }],
        pairs: some.map(
          (p): SchedulePair => ({
            id: p.id,
            cohortId: p.cohortId,
            mentorId: p.mentorId,
            menteeId: p.menteeId,
            launchedAt: p.launchedAt,
          }),
        ),
        people,
        history,
      });
    let due: DueWork[];
    try {
      due = decide(pairs);
    } catch {
      // Find the pair(s) that break it; the cohort's own moments (halfway, the end) come from the others.
      due = [
        ...decide([]).filter((work) => !('pairId' in work)),
        ...pairs.flatMap((pair) =>
          (this.isolated(cohort, pair, () => decide([pair])) ?? []).filter((work) => 'pairId' in work),
        ),
      ];
    }
    const pairById = new Map(pairs.map((p) => [p.id, p]));
    const drafts: OutboxDraft[] = [];
    let complete = false;
    for (const work of due) {
      const pair = 'pairId' in work ? (pairById.get(work.pairId) ?? null) : null;
      if (work.kind === 'complete') complete = true;
      drafts.push(...(this.isolated(cohort, pair, () => this.render(work, cohort, pair)) ?? []));
    }
    return { queued: this.deps.outbox.enqueue(drafts, now), complete };
  }

  /**
   * Runs one piece of the tick so that its failure stays its own: logged with the ids involved and told once
   * to owners (for a cohort or a pair), and null returned so the caller carries on with everything else.
   */
  private isolated<T>(cohort: Cohort | null, pair: Pair | null, work: () => T): T | null {
    try {
      return work();
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.deps.logger.error('Part of the tick failed; the rest carries on', {
        cohortId: cohort?.id ?? null,
        pairId: pair?.id ?? null,
        error: problem,
      });
      if (cohort) this.reportUnschedulable(cohort, pair, problem);
      return null;
    }
  }

  /** Owners hear once per cohort or pair (and kind of problem) that something could not be scheduled. */
  private reportUnschedulable(cohort: Cohort, pair: Pair | null, problem: string): void {
    try {
      const what = pair ? '1 pair could not be scheduled' : 'its schedule could not be worked out';
      this.deps.alerts.notifyOwners(
        dedupeKey('unschedulable', `c${cohort.id}`, pair ? `p${pair.id}` : null, problem.slice(0, 60)),
        `${cohort.name}: ${what}`,
        `${pair ? `The pair of <@${pair.mentorId}> and <@${pair.menteeId}>` : escapeMrkdwn(cohort.name)} got no ` +
          `scheduled messages this time: \`${escapeMrkdwn(problem.slice(0, 200))}\`. Everything else goes on as ` +
          'planned; the tick tries again every minute. If it persists, please report it to whoever runs the bot.',
        { cohortId: cohort.id, pairId: pair?.id ?? null },
      );
    } catch (error) {
      // Telling owners is best effort; the failure itself is logged already.
      this.deps.logger.error('Could not tell owners about a scheduling problem', { error: String(error) });
    }
  }

  private schedulePeople(pairs: readonly Pair[], now: Date): Map<string, SchedulePerson> {
    const ids = [...new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]))];
    const people = this.deps.people.getMany(ids);
    const pauses = this.deps.pauses.getMany(ids);
    const hours = this.deps.profiles.hoursOf(ids);
    return new Map(
      ids.map((id) => {
        const person = people.get(id);
        return [
          id,
          {
            id,
            timeZone: person?.timeZone ?? null,
            tzOffsetMinutes: person?.tzOffsetMinutes ?? null,
            hours: hours.get(id) ?? this.deps.defaultHours,
            active: person?.active ?? true,
            paused: isPausedAt(pauses.get(id), now),
          },
        ];
      }),
    );
  }

  /**
   * What each pair told the check-ins, as `histories()` last read it: `render()` words the wrap-up, the
   * thank-you and the nudge from it without reading the database again for every pair.
   */
  private readonly told = new WeakMap<Pair, { history: PairHistory; notYet: ReadonlySet<number> }>();

  private histories(pairs: readonly Pair[]): Map<number, PairHistory> {
    const ids = pairs.map((p) => p.id);
    const sentCheckins = this.deps.outbox.cyclesByPair('checkin', ids, ['sent']);
    const reminders = this.deps.outbox.cyclesByPair('reminder', ids, ['pending', 'sending', 'sent']);
    const answersByPair = groupBy(this.deps.checkins.forPairs(ids), (a) => a.pairId);
    const flagsByPair = groupBy(
      this.deps.flags.forPairs(ids).filter((f) => f.kind === 'at-risk' || f.kind === 'need-help'),
      (f) => f.pairId,
    );
    const histories = new Map<number, PairHistory>();
    for (const pair of pairs) {
      const answered = new Map<number, Set<string>>();
      const met = new Set<number>();
      const notYet = new Set<number>();
      for (const a of answersByPair.get(pair.id) ?? []) {
        answered.set(a.cycle, (answered.get(a.cycle) ?? new Set()).add(a.userId));
        if (a.answer === 'met') met.add(a.cycle);
        if (a.answer === 'not_yet') notYet.add(a.cycle);
      }
      const atRisk = new Map<string, Set<number>>();
      for (const flag of flagsByPair.get(pair.id) ?? []) {
        if (flag.kind === 'at-risk') {
          atRisk.set(flag.userId, (atRisk.get(flag.userId) ?? new Set()).add(flag.cycle));
        } else {
          // "We need help" is kept apart from the meeting answer, but it is an answer all the same: someone
          // who asked for help that week is not unresponsive.
          answered.set(flag.cycle, (answered.get(flag.cycle) ?? new Set()).add(flag.userId));
        }
      }
      const history: PairHistory = {
        answered,
        metCycles: met,
        checkinCycles: sentCheckins.get(pair.id) ?? new Set(),
        reminderCycles: reminders.get(pair.id) ?? new Set(),
        atRiskCycles: atRisk,
      };
      histories.set(pair.id, history);
      this.told.set(pair, { history, notYet });
    }
    return histories;
  }

  private render(work: DueWork, cohort: Cohort, pair: Pair | null): OutboxDraft[] {
    const common = { cohortId: cohort.id, pairId: pair?.id ?? null };
    const toPair = pair ? ({ kind: 'pair', pairId: pair.id } as const) : null;
    const names = pair ? { mentorId: pair.mentorId, menteeId: pair.menteeId } : null;
    // What the pair told the check-ins, so the words follow what happened (read once per tick by histories()).
    if (pair && !this.told.has(pair)) this.histories([pair]);
    const told = pair ? this.told.get(pair) : undefined;
    /** Cycles before `cycle` in which they said they met, out of the check-ins they were sent. */
    const tally = (cycle: number) => {
      const before = (cycles: ReadonlySet<number> | undefined) =>
        [...(cycles ?? [])].filter((c) => c < cycle);
      const met = before(told?.history.metCycles).length;
      return { met, of: Math.max(met, before(told?.history.checkinCycles).length) };
    };
    switch (work.kind) {
      case 'prompt': {
        const step = pair?.plan ? stepForCycle(pair.plan, work.cycle) : undefined;
        if (!step || !toPair || !names) return [];
        const message = promptMessage(renderStep(step), cycleCount(cohort), names, {
          cadence: cohort.cadence,
          ...(told ? { before: tally(work.cycle) } : {}),
          meeting: this.meetingOf(names, work.at),
        });
        return [
          {
            kind: 'prompt',
            dedupeKey: dedupeKey('prompt', `c${cohort.id}`, `p${work.pairId}`, `w${work.cycle}`),
            target: toPair,
            payload: { type: 'message', ...message },
            ...common,
            cycle: work.cycle,
          },
        ];
      }
      case 'checkin': {
        if (!toPair || !names) return [];
        const message = checkinMessage(work.pairId, work.cycle, names);
        return [
          {
            kind: 'checkin',
            dedupeKey: dedupeKey('checkin', `c${cohort.id}`, `p${work.pairId}`, `w${work.cycle}`),
            target: toPair,
            payload: { type: 'message', ...message },
            ...common,
            cycle: work.cycle,
          },
        ];
      }
      case 'reminder': {
        if (!toPair || !names) return [];
        // "I haven't heard whether you met" — unless someone did answer "Not yet" since they last met.
        const lastMet = Math.max(0, ...[...(told?.history.metCycles ?? [])].filter((c) => c < work.cycle));
        const saidNotYet = [...(told?.notYet ?? [])].some((c) => c > lastMet && c < work.cycle);
        return [
          {
            kind: 'reminder',
            dedupeKey: dedupeKey('reminder', `c${cohort.id}`, `p${work.pairId}`, `w${work.cycle}`),
            target: toPair,
            payload: { type: 'message', ...reminderMessage(names, { saidNotYet }) },
            ...common,
            cycle: work.cycle,
          },
        ];
      }
      case 'at-risk': {
        if (!pair) return [];
        const now = this.deps.clock();
        // Owners get one note per pair and cycle, naming whoever in it is silent. When both partners are, the
        // schedule gives one 'at-risk' each: the first of them asks the schedule again for this pair alone,
        // raises every silent person's flag (one row each, as the dashboard reads them) and writes the note;
        // the second finds its flag raised and adds nothing.
        let silent = [work.userId];
        try {
          const again = decideDueWork({
            now,
            cohorts: [cohort],
            pairs: [
              {
                id: pair.id,
                cohortId: pair.cohortId,
                mentorId: pair.mentorId,
                menteeId: pair.menteeId,
                launchedAt: pair.launchedAt,
              },
            ],
            people: this.schedulePeople([pair], now),
            history: this.histories([pair]),
          });
          const quiet = new Set([work.userId]);
          for (const w of again)
            if (w.kind === 'at-risk' && w.pairId === pair.id && w.cycle === work.cycle) quiet.add(w.userId);
          silent = [pair.mentorId, pair.menteeId].filter((id) => quiet.has(id));
        } catch (error) {
          // Naming the one person the schedule already found is still right; the partner waits for next time.
          this.deps.logger.warn('Could not check the partner of a silent person', {
            pairId: pair.id,
            error: String(error),
          });
        }
        const raised = silent.filter((userId) =>
          this.deps.flags.raise(
            { cohortId: cohort.id, pairId: pair.id, userId, kind: 'at-risk', cycle: work.cycle },
            now,
          ),
        );
        if (raised.length > 0) {
          const note = quietPairNote(cohort.name, pair, silent, UNRESPONSIVE_CYCLES);
          // An owner who is in this pair never gets it: notifyOwners leaves them out.
          this.deps.alerts.notifyOwners(
            dedupeKey('at-risk', `p${pair.id}`, `w${work.cycle}`),
            note.title,
            note.body,
            {
              cohortId: cohort.id,
              pairId: pair.id,
            },
          );
        }
        return [];
      }
      case 'thanks': {
        if (!toPair || !names) return [];
        return [
          {
            kind: 'thanks',
            dedupeKey: dedupeKey('thanks', `c${cohort.id}`, `p${work.pairId}`),
            target: toPair,
            payload: {
              type: 'message',
              ...thanksMessage(cohort.name, names, {
                tally: tally(Number.POSITIVE_INFINITY),
                cadence: cohort.cadence,
              }),
            },
            ...common,
          },
        ];
      }
      default:
        return this.deps.feedback?.dueWork(work, { cohort, pair }) ?? [];
    }
  }

  /** When the two could meet in the week from `from`, in each one's own time and zone. */
  private meetingOf(names: { mentorId: string; menteeId: string }, from: Date) {
    const ids = [names.mentorId, names.menteeId];
    const people = this.deps.people.getMany(ids);
    const hours = this.deps.profiles.hoursOf(ids);
    const clockOf = (id: string): LocalClock => ({
      timeZone: people.get(id)?.timeZone ?? null,
      offsetMinutes: people.get(id)?.tzOffsetMinutes ?? 0,
    });
    const working = (id: string) => ({
      clock: clockOf(id),
      hours: workingHours(hours.get(id), this.deps.defaultHours),
    });
    return {
      suggestion: meetingSuggestion(from, working(names.mentorId), working(names.menteeId)),
      mentor: { userId: names.mentorId, zone: zoneLabel(clockOf(names.mentorId)) },
      mentee: { userId: names.menteeId, zone: zoneLabel(clockOf(names.menteeId)) },
    };
  }

  /** The last cycle is over: the cohort is completed and its pairs end (the thank-yous are already queued). */
  private complete(cohort: Cohort, now: Date): void {
    this.deps.transaction(() => {
      if (!this.deps.cohorts.transition(cohort.id, ['active'], 'completed', { endedAt: now })) return;
      for (const pair of this.deps.pairs.list(cohort.id, ['active']))
        this.deps.pairs.end(pair.id, 'completed', now);
      this.deps.outbox.enqueue(this.surveysForThoseLeftBehind(cohort, now), now);
      this.deps.logger.info(`Cohort "${cohort.name}" completed`);
    });
  }

  /**
   * People whose partner left or whose partner's account was deactivated took part too: they get the
   * end-of-cohort survey like everyone else (one per person and cohort, whatever else sends it).
   */
  private surveysForThoseLeftBehind(cohort: Cohort, now: Date): OutboxDraft[] {
    const ended = this.deps.pairs
      .list(cohort.id, ['ended'])
      .filter((p) => (p.endReason === 'left' || p.endReason === 'inactive') && p.endedBy !== null);
    const stayers = ended.map((pair) => ({ pair, userId: partnerOf(pair, pair.endedBy!) }));
    const people = this.deps.people.getMany(stayers.flatMap((s) => (s.userId ? [s.userId] : [])));
    // Still enrolled: someone who since deleted their data (or moved on to another cohort) isn't asked.
    const enrolled = new Set(this.deps.cohorts.enrolments(cohort.id).map((e) => e.userId));
    return stayers.flatMap(({ pair, userId }) =>
      userId && enrolled.has(userId) && people.get(userId)?.active !== false
        ? (this.deps.feedback?.dueWork(
            { kind: 'survey', cohortId: cohort.id, pairId: pair.id, userId, at: now },
            { cohort, pair },
          ) ?? [])
        : [],
    );
  }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
