import type { ListenerDeps } from '../deps.js';
import type { ListenerRoutes } from '../routes.js';
import { COMMAND } from '../unclaimed.js';
import { reverseMentorCommand } from './reverse-mentor.js';

export function register(routes: ListenerRoutes, deps: ListenerDeps): void {
  routes.command(COMMAND, reverseMentorCommand(deps));
}
