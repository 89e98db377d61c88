import { helpMessage } from '../../../views/messages.js';
import { reply } from '../../report.js';
import type { Subcommand } from './types.js';

export const help: Subcommand = {
  name: 'help',
  usage: '/reverse-mentor help',
  description: 'Show this help',
  async run(ctx) {
    await reply(ctx.deps, { userId: ctx.userId, responseUrl: ctx.responseUrl }, helpMessage(ctx.available));
  },
};
