import { randomBytes } from 'node:crypto';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository } from '../db/repositories/feedback.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import type { Cohort } from '../domain/cohort.js';
import {
  anonymisedCsv,
  type ExportPair,
  MIN_ANONYMISED_ROWS,
  namedCsv,
  type OwnerExportView,
  ownerView,
} from '../domain/export.js';
import {
  anonymisedExportComment,
  anonymisedOfferMessage,
  type ExportNotice,
  namedExportComment,
} from '../slack/views/export-messages.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { RandomSource, SlackPort } from './ports.js';

export interface ExportDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  profiles: ProfileRepository;
  checkins: CheckinRepository;
  feedback: FeedbackRepository;
  outbox: OutboxRepository;
  owners: OwnerService;
  /** Shuffles the anonymised file. Wiring passes `secureRandom`; tests may pass a seeded one. */
  random: RandomSource;
  /** Only needed to send files by DM; the command-line export works without Slack. */
  slack?: SlackPort;
}

/** A random source for shuffling exports: the operating system's, so the order can't be predicted. */
export const secureRandom: RandomSource = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

const tooFewRows = (cohort: Cohort, rows: number) =>
  `An anonymised copy of “${cohort.name}” needs at least ${MIN_ANONYMISED_ROWS} pairs in it, and it has ${rows}: ` +
  'with fewer, anyone who knows the cohort could tell whose row is whose.';

/**
 * CSV exports of a cohort. In Slack an owner gets the named file by DM, with the rows they may see
 * (`ownerView`), and an anonymised copy only when they ask for it; the command line (an operator with the
 * database in hand) writes every row.
 */
export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  findCohort(name: string): Cohort | null {
    const wanted = name.trim().toLowerCase();
    return this.deps.cohorts.list().find((c) => c.name.toLowerCase() === wanted) ?? null;
  }

  /** Every row, for the command line: the named file, or the anonymised one (refused when too small). */
  operatorCsv(cohort: Cohort, anonymised: boolean): Outcome<{ csv: string; pairs: number }> {
    const pairs = this.pairs(cohort);
    if (!anonymised) return success({ csv: namedCsv(pairs), pairs: pairs.length });
    const file = anonymisedCsv(pairs, this.deps.random);
    if (!file.ok) return refusal('invalid', tooFewRows(cohort, file.rows));
    return success({ csv: file.csv, pairs: pairs.length });
  }

  /** Every launched pair of the cohort, numbered in the order they were made. */
  pairs(cohort: Cohort): ExportPair[] {
    const pairs = this.deps.pairs.list(cohort.id, ['active', 'ended']).filter((p) => p.launchedAt !== null);
    const ids = [...new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]))];
    const people = this.deps.people.getMany(ids);
    const checkinsSent = this.deps.outbox.cyclesByPair(
      'checkin',
      pairs.map((p) => p.id),
      ['sent'],
    );
    const met = this.deps.checkins.forPairs(pairs.map((p) => p.id)).filter((c) => c.answer === 'met');
    const surveys = new Map(this.deps.feedback.surveys(cohort.id).map((s) => [s.userId, s]));
    const person = (id: string) => ({
      id,
      name: people.get(id)?.displayName ?? id,
      team: this.deps.profiles.get(id)?.team ?? '',
    });
    return pairs.map((p, index) => ({
      cohortName: cohort.name,
      pairNumber: index + 1,
      mentor: person(p.mentorId),
      mentee: person(p.menteeId),
      state: p.state,
      launchedOn: day(p.launchedAt),
      endedOn: day(p.endedAt),
      endReason: p.endReason,
      checkinsSent: checkinsSent.get(p.id)?.size ?? 0,
      meetings: new Set(met.filter((c) => c.pairId === p.id).map((c) => c.cycle)).size,
      mentorRating: surveys.get(p.mentorId)?.rating ?? null,
      menteeRating: surveys.get(p.menteeId)?.rating ?? null,
      mentorWouldAgain: surveys.get(p.mentorId)?.again ?? null,
      menteeWouldAgain: surveys.get(p.menteeId)?.again ?? null,
    }));
  }

  /** The rows an owner may have: never those of a pair they are in (in any state). */
  ownerRows(ownerId: string, cohort: Cohort): OwnerExportView {
    const pairedIn = this.deps.pairs
      .list(cohort.id)
      .some((p) => p.mentorId === ownerId || p.menteeId === ownerId);
    return ownerView(this.pairs(cohort), ownerId, pairedIn);
  }

  /**
   * Sends an owner the named CSV in their DM with the bot, saying what was left out and why, with a button
   * for an anonymised copy (which is never sent unasked).
   */
  async sendToOwner(
    actor: string,
    cohortId: number,
  ): Promise<Outcome<{ cohort: Cohort; notice: ExportNotice }>> {
    const checked = this.check(actor, cohortId);
    if (!checked.ok) return checked;
    const { cohort, slack } = checked.value;
    const view = this.ownerRows(actor, cohort);
    const notice = this.notice(cohort, view);
    const channelId = await slack.openGroupConversation([actor]);
    await slack.uploadFile({
      channelId,
      filename: `${fileBase(cohort)}-pairs.csv`,
      title: `${cohort.name} — pairs, meetings and ratings`,
      bytes: new TextEncoder().encode(namedCsv(view.pairs)),
      initialComment: namedExportComment(notice),
    });
    await slack.postMessage({ channel: channelId, ...anonymisedOfferMessage(cohort.id, notice) });
    return success({ cohort, notice });
  }

  /** Sends an owner the anonymised CSV of the rows they may see, when there are enough of them. */
  async sendAnonymisedToOwner(
    actor: string,
    cohortId: number,
  ): Promise<Outcome<{ cohort: Cohort; notice: ExportNotice }>> {
    const checked = this.check(actor, cohortId);
    if (!checked.ok) return checked;
    const { cohort, slack } = checked.value;
    const view = this.ownerRows(actor, cohort);
    const file = anonymisedCsv(view.pairs, this.deps.random);
    if (!file.ok) return refusal('invalid', tooFewRows(cohort, file.rows));
    const notice = this.notice(cohort, view);
    const channelId = await slack.openGroupConversation([actor]);
    await slack.uploadFile({
      channelId,
      filename: `${fileBase(cohort)}-anonymised.csv`,
      title: `${cohort.name} — anonymised`,
      bytes: new TextEncoder().encode(file.csv),
      initialComment: anonymisedExportComment(notice),
    });
    return success({ cohort, notice });
  }

  private check(actor: string, cohortId: number) {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    const slack = this.deps.slack;
    if (!slack) throw new Error('Sending an export needs Slack');
    return success({ cohort, slack });
  }

  private notice(cohort: Cohort, view: OwnerExportView): ExportNotice {
    return {
      cohortName: cohort.name,
      pairs: view.pairs.length,
      withheldPairs: view.withheldPairs,
      surveysWithheld: view.surveysWithheld,
    };
  }
}

const fileBase = (cohort: Cohort) => cohort.name.replace(/[^\w-]+/g, '-').toLowerCase();
