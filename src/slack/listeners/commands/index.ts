import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { COMMAND } from '../unclaimed.js';
import { reverseMentorCommand } from './reverse-mentor.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, reverseMentorCommand(deps));
}
