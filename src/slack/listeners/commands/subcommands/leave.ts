import { confirmLeaveMessage, notInProgramMessage } from '../../../views/messages.js';
import { reply } from '../../report.js';
import type { Subcommand } from './types.js';

/** Deleting a profile is not undoable, so the command only asks; the confirm button does the deleting. */
export const leave: Subcommand = {
  name: 'leave',
  usage: '/reverse-mentor leave',
  description: 'Leave your pair, or the program and your profile',
  async run(ctx) {
    const hasProfile = ctx.deps.participants.profileOf(ctx.userId) !== null;
    const inPair = ctx.deps.pairLife.activePairsOf(ctx.userId).length > 0;
    await reply(
      ctx.deps,
      { userId: ctx.userId, responseUrl: ctx.responseUrl },
      hasProfile ? confirmLeaveMessage(inPair) : notInProgramMessage(),
    );
  },
};
