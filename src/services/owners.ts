import type { OwnerRepository, StoredOwner } from '../db/repositories/owners.js';
import { ONLY_OWNERS, type Outcome, refusal, success } from './outcome.js';
import { type Clock, SlackCallError, type SlackUser } from './ports.js';

export interface OwnerList {
  /** From PROGRAM_OWNERS: can only be changed in the deployment's configuration. */
  configured: readonly string[];
  added: readonly StoredOwner[];
}

/**
 * Who may run cohorts. Checked on the server for every owner action, whatever a payload claims: the user id
 * comes from Slack's signed request, and the list from configuration and the database.
 */
export class OwnerService {
  constructor(
    private readonly configured: readonly string[],
    private readonly owners: OwnerRepository,
    private readonly clock: Clock,
    /** Asks Slack who someone is, so only a real, active person can become an owner. */
    private readonly lookup?: (userId: string) => Promise<SlackUser>,
  ) {}

  isOwner(userId: string): boolean {
    return this.configured.includes(userId) || this.owners.has(userId);
  }

  allOwnerIds(): string[] {
    return [...new Set([...this.configured, ...this.owners.list().map((o) => o.userId)])];
  }

  list(): OwnerList {
    return { configured: this.configured, added: this.owners.list() };
  }

  /**
   * Adds an owner. Only a real, active person can be one: owners receive private notes, and a note handed to
   * an id that is nobody (or to a bot, which Slack won't DM) would be lost.
   */
  async add(actor: string, userId: string): Promise<Outcome<{ added: boolean }>> {
    if (!this.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    if (!/^[UW][A-Z0-9]+$/.test(userId)) return refusal('invalid', 'Choose a person to add as an owner.');
    if (this.isOwner(userId)) return success({ added: false });
    if (this.lookup) {
      let person: SlackUser;
      try {
        person = await this.lookup(userId);
      } catch (error) {
        if (error instanceof SlackCallError && error.kind === 'platform') {
          return refusal('invalid', `<@${userId}> isn't someone I can find in this workspace.`);
        }
        return refusal('conflict', "I couldn't check that person with Slack just now. Please try again.");
      }
      if (person.deleted || person.isBot) {
        return refusal(
          'invalid',
          `<@${userId}> can't be a program owner: choose an active person, not an app or a deactivated account.`,
        );
      }
    }
    return success({ added: this.owners.add(userId, actor, this.clock()) });
  }

  remove(actor: string, userId: string): Outcome<{ removed: boolean }> {
    if (!this.isOwner(actor)) return refusal('forbidden', ONLY_OWNERS);
    if (this.configured.includes(userId)) {
      return refusal(
        'conflict',
        'That owner comes from the PROGRAM_OWNERS setting; change it in the deployment to remove them.',
      );
    }
    if (this.allOwnerIds().length <= 1 && this.owners.has(userId)) {
      return refusal('conflict', 'A program needs at least one owner. Add another owner first.');
    }
    return success({ removed: this.owners.remove(userId) });
  }
}
