import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { slashCommand } from '../../payloads.js';
import { unknownSubcommandMessage } from '../../views/messages.js';
import { tellUnreadable } from '../actions/parse.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { parseCommandText } from './parse.js';
import { SUBCOMMANDS } from './subcommands/index.js';
import { openForm } from './subcommands/open-form.js';
import type { CommandContext } from './subcommands/types.js';

/** `/reverse-mentor [subcommand]`: ack at once (Slack allows 3 s), then route to one use case. */
export function reverseMentorCommand(deps: ListenerDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = slashCommand.safeParse(command);
    if (!parsed.success) {
      deps.logger.warn('Ignoring a malformed slash command payload', {
        problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5),
      });
      // Whoever the payload names (if anyone) hears that nothing happened, by DM: its response_url is unusable.
      tellUnreadable(
        deps,
        { user: { id: (command as { user_id?: unknown }).user_id } },
        undefined,
        "Sorry — I couldn't read that command, so nothing happened. Please try `/reverse-mentor help`.",
      );
      return;
    }
    const payload = parsed.data;
    const { name, args } = parseCommandText(payload.text);
    const ctx: CommandContext = {
      deps,
      userId: payload.user_id,
      userName: payload.user_name ?? payload.user_id,
      channelId: payload.channel_id,
      triggerId: payload.trigger_id,
      responseUrl: payload.response_url,
      args,
      // Only help and an unknown subcommand list them: the plain command (the form) asks nobody about owners.
      get available() {
        const owner = deps.owners.isOwner(payload.user_id);
        return SUBCOMMANDS.filter((s) => !s.ownerOnly || owner);
      },
    };
    if (name === '') return openForm(ctx);
    const subcommand = SUBCOMMANDS.find((s) => s.name === name);
    if (!subcommand) {
      await reply(
        deps,
        { userId: ctx.userId, responseUrl: ctx.responseUrl },
        unknownSubcommandMessage(name, ctx.available),
      );
      return;
    }
    await subcommand.run(ctx);
  };
}
