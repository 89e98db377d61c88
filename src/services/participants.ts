import type { Logger } from '@slack/logger';
import type { PeopleRepository } from '../db/repositories/people.js';
import type { ProfileRepository } from '../db/repositories/profiles.js';
import { needsSlackRefresh } from '../domain/people.js';
import {
  type Profile,
  type ProfileDraft,
  type ProfileField,
  validateProfileDraft,
} from '../domain/profile.js';
import { homeView } from '../slack/views/home.js';
import {
  leftMessage,
  type Message,
  notInProgramMessage,
  profileSavedMessage,
} from '../slack/views/messages.js';
import { optInModal } from '../slack/views/opt-in-modal.js';
import { type Clock, SlackCallError, type SlackPort } from './ports.js';

export interface ParticipantDeps {
  people: PeopleRepository;
  profiles: ProfileRepository;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

export type SaveProfileResult =
  | { ok: true; profile: Profile; created: boolean }
  | { ok: false; errors: Partial<Record<ProfileField, string>> };

/** Opting in, editing, leaving, and the participant's Home tab. */
export class ParticipantService {
  constructor(private readonly deps: ParticipantDeps) {}

  profileOf(userId: string): Profile | null {
    return this.deps.profiles.get(userId);
  }

  async openOptInForm(userId: string, triggerId: string): Promise<void> {
    await this.deps.slack.openModal(triggerId, optInModal(this.deps.profiles.get(userId)));
  }

  /** Validates and stores the form. Nothing is written when anything is wrong. */
  saveProfile(userId: string, displayName: string, draft: ProfileDraft): SaveProfileResult {
    const checked = validateProfileDraft(userId, draft);
    if (!checked.ok) return checked;
    const now = this.deps.clock();
    this.deps.people.ensure(userId, displayName, now);
    const profile: Profile = { userId, ...checked.value, updatedAt: now };
    const { created } = this.deps.profiles.save(profile);
    return { ok: true, profile, created };
  }

  /** What follows a saved form, after Slack has its answer: fresh name/time zone, the DM, the Home tab. */
  async afterProfileSaved(profile: Profile, created: boolean): Promise<void> {
    await this.refreshPerson(profile.userId);
    await this.sendDm(profile.userId, profileSavedMessage(profile, created));
    await this.publishHome(profile.userId);
  }

  /** Deletes a profile. Returns the message to show the person. */
  leave(userId: string): { left: boolean; message: Message } {
    const left = this.deps.profiles.delete(userId);
    return { left, message: left ? leftMessage() : notInProgramMessage() };
  }

  async publishHome(userId: string): Promise<void> {
    await this.deps.slack.publishHome(userId, homeView({ profile: this.deps.profiles.get(userId) }));
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
