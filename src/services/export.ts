import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository } from '../db/repositories/feedback.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import type { Cohort } from '../domain/cohort.js';
import { type ExportPair, toCsv } from '../domain/export.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import type { OwnerService } from './owners.js';
import type { SlackPort } from './ports.js';

export interface ExportDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  people: PeopleRepository;
  profiles: ProfileRepository;
  checkins: CheckinRepository;
  feedback: FeedbackRepository;
  outbox: OutboxRepository;
  owners: OwnerService;
  /** Only needed to send files by DM; the command-line export works without Slack. */
  slack?: SlackPort;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** CSV exports of a cohort: by DM to an owner, or to a file from the command line. */
export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  findCohort(name: string): Cohort | null {
    const wanted = name.trim().toLowerCase();
    return this.deps.cohorts.list().find((c) => c.name.toLowerCase() === wanted) ?? null;
  }

  csv(cohort: Cohort, anonymised: boolean): string {
    return toCsv(this.pairs(cohort), anonymised);
  }

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

  /** Sends an owner both CSVs (with names, and anonymised) in their DM with the bot. */
  async sendToOwner(actor: string, cohortId: number): Promise<Outcome<{ cohort: Cohort; pairs: number }>> {
    if (!this.deps.owners.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    const cohort = this.deps.cohorts.get(cohortId);
    if (!cohort) return refusal('not-found', 'That cohort no longer exists.');
    const slack = this.deps.slack;
    if (!slack) throw new Error('Sending an export needs Slack');
    const channelId = await slack.openGroupConversation([actor]);
    const base = cohort.name.replace(/[^\w-]+/g, '-').toLowerCase();
    const encoder = new TextEncoder();
    await slack.uploadFile({
      channelId,
      filename: `${base}-pairs.csv`,
      title: `${cohort.name} — pairs, meetings and ratings`,
      bytes: encoder.encode(this.csv(cohort, false)),
      initialComment: `Here is the export for ${cohort.name}, and an anonymised copy without names, ids or teams. Please keep the first one among program owners.`,
    });
    await slack.uploadFile({
      channelId,
      filename: `${base}-pairs-anonymised.csv`,
      title: `${cohort.name} — anonymised`,
      bytes: encoder.encode(this.csv(cohort, true)),
    });
    return success({ cohort, pairs: this.pairs(cohort).length });
  }
}
