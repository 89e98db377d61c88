import type { App } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import type { ListenerDeps } from './deps.js';
import * as events from './events/index.js';
import { guarded } from './guard.js';
import * as views from './views/index.js';

/** Every listener, each guarded so that a failure still answers the person (see guard.ts). */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const safe = guarded(app, deps);
  commands.register(safe, deps);
  actions.register(safe, deps);
  views.register(safe, deps);
  events.register(app, deps);
}
