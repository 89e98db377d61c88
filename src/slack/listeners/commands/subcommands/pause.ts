import { parsePauseChoice } from '../../../../services/pair-life.js';
import { simpleMessage } from '../../../views/messages.js';
import { pauseModal } from '../../../views/pair-modals.js';
import { reply, reportFailure } from '../../report.js';
import type { Subcommand } from './types.js';

export const pause: Subcommand = {
  name: 'pause',
  usage: '/reverse-mentor pause [1w | 2w | 4w]',
  description: 'Take a break: your pair gets no prompts until you resume',
  async run(ctx) {
    const audience = { userId: ctx.userId, responseUrl: ctx.responseUrl };
    const [arg] = ctx.args;
    if (!arg) {
      try {
        await ctx.deps.slack.openModal(ctx.triggerId, pauseModal());
      } catch (error) {
        await reportFailure(
          ctx.deps,
          audience,
          { whatFailed: "I couldn't open the pause form", tryThis: 'Try `/reverse-mentor pause 1w`.' },
          error,
        );
      }
      return;
    }
    if (!parsePauseChoice(arg)) {
      await reply(
        ctx.deps,
        audience,
        simpleMessage(
          `“${arg.slice(0, 40)}” isn't a length I know. Use 1w, 2w or 4w — or just \`/reverse-mentor pause\`.`,
        ),
      );
      return;
    }
    const result = ctx.deps.pairLife.pause(ctx.userId, arg);
    if (!result.ok) return reply(ctx.deps, audience, simpleMessage(result.message));
    ctx.deps.deliverNow();
    const until = result.value.untilText ?? 'you resume';
    await reply(
      ctx.deps,
      audience,
      simpleMessage(`You're paused until ${until}. \`/reverse-mentor resume\` brings you back earlier.`),
    );
  },
};

export const resume: Subcommand = {
  name: 'resume',
  usage: '/reverse-mentor resume',
  description: 'End your break',
  async run(ctx) {
    const result = ctx.deps.pairLife.resume(ctx.userId);
    ctx.deps.deliverNow();
    const text =
      result.ok && result.value.wasPaused
        ? 'Welcome back — prompts start again with the next one.'
        : "You weren't paused.";
    await reply(ctx.deps, { userId: ctx.userId, responseUrl: ctx.responseUrl }, simpleMessage(text));
  },
};
