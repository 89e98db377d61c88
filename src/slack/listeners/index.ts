import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import * as events from './events/index.js';
import { guard } from './guard.js';
import { ListenerRoutes } from './routes.js';
import { answerUnclaimed } from './unclaimed.js';
import * as views from './views/index.js';

/** Every listener by its id, each command, click and form guarded so that a failure still answers the person. */
export function buildRoutes(deps: ListenerDeps): ListenerRoutes {
  const routes = new ListenerRoutes((handler) => guard(deps, handler as never) as never);
  commands.register(routes, deps);
  actions.register(routes, deps);
  views.register(routes, deps);
  events.register(routes, deps);
  return routes;
}

/**
 * The app's listeners as one Bolt middleware: the request's listener found by id (see routes.ts), or — for what
 * no listener takes — an immediate answer (see unclaimed.ts).
 */
export function listenerMiddleware(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  const routes = buildRoutes(deps);
  const unclaimed = answerUnclaimed(deps, routes);
  return async (args) => {
    const listener = routes.find(args);
    if (listener) await listener(args);
    else await unclaimed(args);
  };
}
