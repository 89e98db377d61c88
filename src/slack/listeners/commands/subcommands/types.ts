import type { ListenerDeps } from '../../deps.js';

export interface CommandContext {
  deps: ListenerDeps;
  userId: string;
  userName: string;
  channelId: string | undefined;
  triggerId: string;
  responseUrl: string;
  /** Words after the subcommand, e.g. `summary "Spring cohort"` → ['Spring cohort']. */
  args: string[];
  /** Every subcommand this person can use, for help texts. */
  available: readonly Subcommand[];
}

export interface Subcommand {
  name: string;
  usage: string;
  description: string;
  /** Listed in help only for program owners (the handler still checks, whatever help showed). */
  ownerOnly?: boolean;
  run(ctx: CommandContext): Promise<void>;
}
