import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { tellUnreadable } from './actions/parse.js';
import { reverseMentorCommand } from './commands/reverse-mentor.js';
import type { ListenerDeps } from './deps.js';
import type { ListenerRoutes } from './routes.js';
import { refuseForm } from './views/refuse.js';

/** The slash command as the manifest names it. */
export const COMMAND = '/reverse-mentor';

type Args = AnyMiddlewareArgs & { ack?: (response?: unknown) => Promise<void>; next: () => Promise<void> };

/**
 * Answers, at once, what no listener would take: a click on a button we never made (an old message, a forged
 * payload), a form we don't know, a modal-closed notice we never asked for. Left to Bolt, each would wait 3 s
 * and end in an error the person can't read. A slash command under another name (an app whose command was
 * renamed in its settings) is this app's one command all the same.
 */
export function answerUnclaimed(deps: ListenerDeps, routes: ListenerRoutes): Middleware<AnyMiddlewareArgs> {
  const command = reverseMentorCommand(deps);
  return async (args) => {
    const { body, ack, next } = args as Args;
    const raw = body as {
      type?: unknown;
      command?: unknown;
      actions?: { action_id?: unknown }[];
      view?: { callback_id?: unknown };
      response_url?: unknown;
    };
    if (ack && raw.type === 'block_actions' && !routes.actions.has(String(raw.actions?.[0]?.action_id))) {
      await ack();
      tellUnreadable(deps, body, typeof raw.response_url === 'string' ? raw.response_url : undefined);
      return;
    }
    if (ack && raw.type === 'view_submission' && !routes.views.has(String(raw.view?.callback_id))) {
      await refuseForm(deps, ack as never, body);
      return;
    }
    // Any other interactive payload (legacy attachments, dialogs, shortcuts, option lookups): nothing of
    // ours, so nothing to do but answer at once.
    if (
      ack &&
      typeof raw.type === 'string' &&
      raw.type !== 'block_actions' &&
      raw.type !== 'view_submission'
    ) {
      await ack();
      return;
    }
    if (ack && typeof raw.command === 'string' && raw.command !== COMMAND) {
      await command(args as never);
      return;
    }
    await next();
  };
}
