import type { Logger } from '@slack/logger';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FeedbackRepository } from '../db/repositories/feedback.js';
import type { FlagRepository } from '../db/repositories/flags.js';
import type { HeldAlertRepository } from '../db/repositories/held-alerts.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PauseRepository } from '../db/repositories/pauses.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import type { Cohort } from '../domain/cohort.js';
import { needsSlackRefresh } from '../domain/people.js';
import {
  type Profile,
  type ProfileDraft,
  type ProfileField,
  validateProfileDraft,
} from '../domain/profile.js';
import {
  leftMessage,
  type Message,
  notInProgramMessage,
  profileSavedMessage,
} from '../slack/views/messages.js';
import { type CohortChoice, optInModal } from '../slack/views/opt-in-modal.js';
import type { CohortService } from './cohorts.js';
import type { HomeService } from './home.js';
import { type Clock, SlackCallError, type SlackPort } from './ports.js';

/** How long a saved form may wait for Slack to confirm the people it names (an ack is due within 3 s). */
const STRANGER_CHECK_MS = 1_000;
/** Slack's answers for an id that is nobody in this workspace. */
const NOBODY = new Set(['user_not_found', 'users_not_found']);

export interface ParticipantDeps {
  people: PeopleRepository;
  profiles: ProfileRepository;
  feedback: FeedbackRepository;
  checkins: CheckinRepository;
  flags: FlagRepository;
  pauses: PauseRepository;
  heldAlerts: HeldAlertRepository;
  outbox: OutboxRepository;
  cohortRepo: CohortRepository;
  pairs: PairRepository;
  cohorts: CohortService;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
  home: Pick<HomeService, 'publish'>;
  transaction: <T>(work: () => T) => T;
  /** Ends an active pair when one partner leaves the program (the schedule issue's leave flow). */
  leaveActivePair?: (userId: string) => void;
  /** Squeezes erased data out of the database file (a WAL checkpoint). */
  scrub?: () => void;
}

export type SaveProfileResult =
  | { ok: true; profile: Profile; created: boolean; cohort: Cohort | null }
  | { ok: false; errors: Partial<Record<ProfileField | 'cohort', string>> };

export interface OptInSubmission {
  draft: ProfileDraft;
  /** The cohort chosen or offered in the form, if any. */
  cohortId: number | null;
  /** The form showed a cohort picker, so not choosing is an error. */
  askedForCohort: boolean;
}

/** Opting in, editing, joining a cohort and leaving the program. */
export class ParticipantService {
  constructor(private readonly deps: ParticipantDeps) {}

  profileOf(userId: string): Profile | null {
    return this.deps.profiles.get(userId);
  }

  /** What the form offers: the person's cohort, the one open cohort, or a choice among several. */
  cohortChoice(userId: string, preselect: number | null = null): CohortChoice {
    const current = this.deps.cohortRepo.openCohortOf(userId);
    if (current) return { kind: 'current', cohort: current };
    const enrolling = this.deps.cohorts.enrolling();
    if (enrolling.length === 0) return { kind: 'none' };
    const preferred = enrolling.find((c) => c.id === preselect);
    if (enrolling.length === 1 || (preferred && enrolling.length === 1))
      return { kind: 'single', cohort: enrolling[0]! };
    return { kind: 'pick', cohorts: enrolling, selected: preferred?.id ?? null };
  }

  async openOptInForm(
    userId: string,
    triggerId: string,
    preselectCohortId: number | null = null,
  ): Promise<void> {
    const view = optInModal(this.deps.profiles.get(userId), this.cohortChoice(userId, preselectCohortId));
    await this.deps.slack.openModal(triggerId, view);
  }

  /** Validates the form and, only if all of it is right, saves the profile and the enrolment together. */
  async saveProfile(
    userId: string,
    displayName: string,
    submission: OptInSubmission,
  ): Promise<SaveProfileResult> {
    const checked = validateProfileDraft(userId, submission.draft);
    const errors: Partial<Record<ProfileField | 'cohort', string>> = checked.ok ? {} : { ...checked.errors };
    if (checked.ok && (await this.hasStrangers(userId, checked.value.blockedUserIds))) {
      errors.blockedUserIds = "Choose people from the list: one of them isn't in this workspace.";
    }
    let cohort: Cohort | null = null;
    let joinCohort = false;
    if (submission.cohortId !== null) {
      const enrolment = this.deps.cohorts.checkEnrolment(userId, submission.cohortId);
      if (enrolment.ok) {
        cohort = enrolment.value.cohort;
        joinCohort = !enrolment.value.alreadyIn;
      } else {
        errors.cohort = enrolment.message;
      }
    } else if (submission.askedForCohort) {
      errors.cohort = 'Choose the cohort you would like to join.';
    }
    if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
    const now = this.deps.clock();
    const profile: Profile = { userId, ...checked.value, updatedAt: now };
    const created = this.deps.transaction(() => {
      this.deps.people.ensure(userId, displayName, now);
      const saved = this.deps.profiles.save(profile);
      if (cohort && joinCohort) this.deps.cohortRepo.enrol(cohort.id, userId, now);
      return saved.created;
    });
    return { ok: true, profile, created, cohort: cohort ?? this.deps.cohortRepo.openCohortOf(userId) };
  }

  /**
   * Whether a "don't pair me with" list names someone Slack doesn't know (Slack's own picker can't; a forged
   * form can). Only names new to this person's list and unknown to us are looked up, in parallel and within a
   * second: when Slack can't answer in time, the list is taken as it is rather than keep the person waiting.
   */
  private async hasStrangers(userId: string, blocked: readonly string[]): Promise<boolean> {
    if (blocked.length === 0) return false;
    const before = new Set(this.deps.profiles.get(userId)?.blockedUserIds ?? []);
    const known = this.deps.people.getMany(blocked);
    const toCheck = blocked.filter((id) => !before.has(id) && !known.has(id));
    if (toCheck.length === 0) return false;
    const verdicts = toCheck.map((id) =>
      this.deps.slack.userInfo(id).then(
        () => false,
        (error: unknown) => error instanceof SlackCallError && NOBODY.has(error.code),
      ),
    );
    const inTime = new Promise<boolean[]>((resolve) => {
      setTimeout(() => resolve([]), STRANGER_CHECK_MS).unref();
    });
    const results = await Promise.race([Promise.all(verdicts), inTime]);
    return results.some(Boolean);
  }

  /** What follows a saved form, after Slack has its answer: fresh name/time zone, the DM, the Home tab. */
  async afterProfileSaved(result: Extract<SaveProfileResult, { ok: true }>): Promise<void> {
    await this.refreshPerson(result.profile.userId);
    await this.sendDm(
      result.profile.userId,
      profileSavedMessage(result.profile, result.created, result.cohort),
    );
    await this.deps.home.publish(result.profile.userId);
  }

  /**
   * "Delete my profile and answers". Everything the person told us or answered is erased first, in every
   * table (see `forget`); then an active pair is ended kindly through the leave flow (the partner is told,
   * owners get a note without any reason), and their place in a cohort that hasn't launched goes.
   */
  async leave(userId: string): Promise<{ left: boolean; message: Message }> {
    const left = this.deps.transaction(() => this.forget(userId));
    // The freed pages were overwritten (secure_delete); fold the write-ahead log in too, so the old words
    // don't linger in it until SQLite's next automatic checkpoint.
    this.deps.scrub?.();
    return { left, message: left ? leftMessage() : notInProgramMessage() };
  }

  /**
   * Erases a person's data, in one transaction. Gone: the profile with its goals and "don't pair me with"
   * list, survey answers and fit checks, check-in answers (a "we met" stays as the pair's, under no one's
   * name), flags, a pause, their private notes still waiting for an owner, their name and time zone, their
   * place in any open cohort, the text drawn from them in their pairs, and every stored message that carried
   * any of it (introductions, owner notes — unsent ones are cancelled). A running pair is ended kindly first
   * (the partner is told; owners get a note without any reason). Kept, without any text: that they were
   * paired with whom and when, and that they took part in finished cohorts. Returns whether there was a profile.
   */
  private forget(userId: string): boolean {
    const now = this.deps.clock();
    this.deps.outbox.redactFor(userId, this.deps.pairs.idsOf(userId), now);
    this.deps.heldAlerts.deleteRaisedBy(userId);
    this.deps.feedback.deleteFor(userId);
    this.deps.checkins.forgetPerson(userId);
    this.deps.flags.deleteFor(userId);
    this.deps.pauses.clear(userId);
    if (this.deps.cohortRepo.openCohortOf(userId)?.state === 'active') this.deps.leaveActivePair?.(userId);
    // Out of every open cohort, also one where they wait without a partner: nobody may be matched with, or
    // ask Slack about, someone who has left.
    for (const cohortId of this.deps.cohortRepo.openEnrolmentsOf(userId)) {
      for (const draft of this.deps.pairs.pairsOf(userId, cohortId, ['draft']))
        this.deps.pairs.deleteDraft(draft.id);
      this.deps.cohortRepo.unenrol(cohortId, userId);
    }
    // After the leave flow, so the pairs it ended lose their text too.
    this.deps.pairs.redactFor(userId);
    this.deps.people.redact(userId);
    return this.deps.profiles.delete(userId);
  }

  /** After leaving: `forget` cleared the "opened Home" flag, but a tab they may have open still shows them in. */
  async publishHomeAfterLeaving(userId: string): Promise<void> {
    await this.deps.home.publish(userId, { evenIfNeverOpened: true });
  }

  /** Asks Slack for a person's name and time zone unless we asked within the last day. */
  async refreshPerson(userId: string): Promise<void> {
    const now = this.deps.clock();
    const known = this.deps.people.get(userId);
    if (known && !needsSlackRefresh(known.profileCheckedAt, now)) return;
    try {
      const user = await this.deps.slack.userInfo(userId);
      this.deps.people.recordSlackProfile({
        id: userId,
        displayName: user.displayName,
        timeZone: user.timeZone,
        tzOffsetMinutes: user.tzOffsetMinutes,
        active: !user.deleted,
        profileCheckedAt: now,
      });
    } catch (error) {
      // The payload's name is good enough for now; the next refresh will try again.
      if (!(error instanceof SlackCallError)) throw error;
    }
  }

  async sendDm(userId: string, message: Message): Promise<void> {
    await this.deps.slack.postMessage({ channel: userId, text: message.text, blocks: message.blocks });
  }
}
