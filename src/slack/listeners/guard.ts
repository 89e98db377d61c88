import { isBusy } from '../../db/busy.js';
import { tellUnreadable } from './actions/parse.js';
import type { ListenerDeps } from './deps.js';
import { codeOf } from './report.js';
import { refuseForm } from './views/refuse.js';

export const BUSY_APOLOGY =
  "Sorry — I'm very busy right now and couldn't save that, so nothing changed. Please try again in a moment.";
export const FAILURE_APOLOGY =
  'Sorry — something went wrong on my side and that may not have gone through. Please try again; if it keeps ' +
  'happening, tell a program owner.';

type Listener = (args: { ack?: (response?: unknown) => Promise<void>; body: unknown }) => Promise<void>;

/**
 * Wraps a listener so that whatever it throws (a busy database, a bug) still ends in an answer: an unanswered
 * form gets a field error, anyone else a plain apology — never Slack's generic error three seconds later, and
 * never silence. The error is logged with its code; nothing crashes.
 */
export function guard(deps: ListenerDeps, listener: Listener): Listener {
  return async (args) => {
    let acked = !args.ack;
    const ack = args.ack
      ? async (response?: unknown) => {
          acked = true;
          await args.ack!(response);
        }
      : undefined;
    try {
      await listener({ ...args, ...(ack ? { ack } : {}) });
    } catch (error) {
      deps.logger.error(
        'A listener failed; answering the person',
        { code: isBusy(error) ? 'database_busy' : codeOf(error) },
        error,
      );
      const apology = isBusy(error) ? BUSY_APOLOGY : FAILURE_APOLOGY;
      const type = (args.body as { type?: unknown } | null)?.type;
      if (!acked && type === 'view_submission') {
        await refuseForm(deps, args.ack as never, args.body, apology);
        return;
      }
      if (!acked) await args.ack?.().catch(() => undefined);
      const raw = args.body as { user_id?: unknown; response_url?: unknown } | null;
      const body = typeof raw?.user_id === 'string' ? { user: { id: raw.user_id } } : args.body;
      tellUnreadable(
        deps,
        body,
        typeof raw?.response_url === 'string' ? raw.response_url : undefined,
        apology,
      );
    }
  };
}
