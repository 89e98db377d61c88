import { reportFailure } from '../../report.js';
import type { CommandContext } from './types.js';

/** `/reverse-mentor` with no text: the opt-in form, pre-filled for people who already joined. */
export async function openForm(ctx: CommandContext): Promise<void> {
  try {
    await ctx.deps.participants.openOptInForm(ctx.userId, ctx.triggerId);
  } catch (error) {
    await reportFailure(
      ctx.deps,
      { userId: ctx.userId, responseUrl: ctx.responseUrl },
      {
        whatFailed: "I couldn't open the reverse-mentoring form",
        tryThis: 'Please run `/reverse-mentor` again.',
      },
      error,
    );
  }
}
